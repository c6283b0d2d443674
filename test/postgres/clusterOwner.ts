import { freePort } from '../helpers/freePort.js';
import { startTestCluster } from './testCluster.js';

/**
 * A process that starts a test cluster, says where, and waits to be stopped or killed
 * (test/postgres/testCluster.postgres.test.ts).
 */
const cluster = startTestCluster(await freePort());
process.stdout.write(`${JSON.stringify({ url: cluster.url, directory: cluster.directory })}\n`);
setInterval(() => undefined, 60_000);
