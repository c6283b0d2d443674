import type { TestProject } from 'vitest/node';
import { filtersExclude } from './commandLineFilters.js';
import { freePort } from './helpers/freePort.js';
import { postgresAvailability, startTestCluster, type TestCluster } from './postgres/testCluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's throwaway PostgreSQL cluster; undefined when the run has none (never in CI). */
    postgresUrl: string | undefined;
  }
}

/** One cluster per run (CI's budget): each PostgreSQL suite makes its own database in it (createTestDatabase). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: TestCluster | undefined;
  if (!filtersExclude('postgres') && postgresAvailability().available) cluster = startTestCluster(await freePort());
  project.provide('postgresUrl', cluster?.url);
  return async () => cluster?.stop();
}
