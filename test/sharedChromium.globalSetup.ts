import { existsSync } from 'node:fs';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { filtersExclude } from './commandLineFilters.js';
import { chromiumArguments, chromiumPath } from './e2e/chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The websocket endpoint of the one Chromium this run shares; undefined when the run needs no browser. */
    chromiumEndpoint: string | undefined;
  }
}

/**
 * One browser for the whole run, as CI's budget wants: each browser suite connects to it and opens its own
 * contexts instead of starting Chromium again (a start costs a second or more of one core on this machine).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: BrowserServer | undefined;
  if (existsSync(chromiumPath) && !filtersExclude('e2e')) {
    server = await chromium.launchServer({ executablePath: chromiumPath, args: chromiumArguments });
  }
  project.provide('chromiumEndpoint', server?.wsEndpoint());
  return async () => {
    await server?.close();
  };
}
