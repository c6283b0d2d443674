#!/usr/bin/env bash
# The browser tests drive Debian's chromium (never a test tool's own download). Install it when missing and we can.
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq chromium >/dev/null; then
    # Only for readable screenshots (Chinese glyphs); the tests do not depend on it.
    apt-get install -y -qq fonts-wqy-microhei >/dev/null || true
    exit 0
  fi
fi
echo "chromium is not installed; the browser tests will fail. Install it with: apt-get install chromium" >&2
exit 0
