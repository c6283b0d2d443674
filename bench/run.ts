import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench`: every benchmark, one process each so that one's heap and JIT do not colour another's numbers.
 * They print numbers against the bars of DESIGN.md; none of them is a test.
 */
const benchmarks = ['engine.ts', 'evaluateRouting.ts', 'nluTraining.ts', 'widgetSize.ts', 'answerDiff.ts', 'http.ts', 'stores.ts', 'filing.ts', 'postgres.ts', 'postgresFiling.ts', 'instances.ts', 'events.ts'];
const folder = fileURLToPath(new URL('.', import.meta.url));
let failed = false;
for (const file of benchmarks) {
  if (!existsSync(`${folder}${file}`)) continue;
  console.log(`\n== ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `${folder}${file}`], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
