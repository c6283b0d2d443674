#!/usr/bin/env bash
# The browser tests drive Debian's chromium (never a test tool's own download) and the PostgreSQL suites start a
# throwaway cluster from Debian's postgresql. Install what is missing when we can (root with apt-get).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  if apt-get -o Acquire::Retries=5 update -qq && apt-get -o Acquire::Retries=5 install -y -qq "${missing[@]}" >/dev/null; then
    # Only for readable screenshots (Chinese glyphs); the tests do not depend on it.
    apt-get install -y -qq fonts-wqy-microhei >/dev/null || true
    exit 0
  fi
fi
echo "${missing[*]} not installed; the browser or PostgreSQL tests will fail. Install with: apt-get install ${missing[*]}" >&2
exit 0
