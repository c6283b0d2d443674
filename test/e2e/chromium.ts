import { existsSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

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

export async function launchChromium(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
