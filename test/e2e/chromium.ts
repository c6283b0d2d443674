import { existsSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';

/** Debian's chromium: the tests never download a browser of their own. */
export const chromiumPath = '/usr/bin/chromium';

export const screenshotDir = fileURLToPath(new URL('../../test-artifacts/e2e/', import.meta.url));

/**
 * Whether the browser tests can run here. In CI a missing browser is a failure (the suite would otherwise pass
 * on nothing); on a developer's machine the suite is skipped with the reason printed.
 */
export function chromiumAvailability(): { available: true } | { available: false; reason: string } {
  if (existsSync(chromiumPath)) return { available: true };
  const reason = `chromium is not installed at ${chromiumPath} (apt-get install chromium)`;
  if (process.env.CI === 'true') throw new Error(`CI needs the browser tests: ${reason}`);
  console.warn(`Skipping the browser tests: ${reason}`);
  return { available: false, reason };
}

/** Headless, and quiet on a machine with no outside network (no background lookups, updates or sync). */
export const chromiumArguments = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * The run's shared Chromium (started once by test/sharedChromium.globalSetup.ts), or a browser of this file's own
 * when the run did not start one. Either way `close()` on the result is right: for the shared one it disconnects.
 */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  const endpoint = inject('chromiumEndpoint');
  if (endpoint !== undefined) return chromium.connect(endpoint);
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArguments });
}
