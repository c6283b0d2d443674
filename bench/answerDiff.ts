import { fileURLToPath } from 'node:url';
import { readContentFiles } from '../src/content/loadContent.js';
import type { ContentFile } from '../src/content/checkContent.js';
import { createAnswerDiffJobs } from '../src/server/answerDiffJobs.js';
import { answerDiffBudgetMs } from '../src/server/createEditorSide.js';
import { createLogger } from '../src/server/logger.js';

/**
 * The answer diff on the full content, as /editor runs it: in its worker thread, the published repository content
 * against three drafts — an FAQ answer reworded (no region answer to render again), one region fact changed (every
 * region-dependent question asked again for every region) and the wording of a template every region renders.
 * Each draft twice: first with the draft to build, then with both versions already built in the worker.
 */
const root = fileURLToPath(new URL('../', import.meta.url));
const files = await readContentFiles(root);

function edited(path: string, from: string, to: string): ContentFile[] {
  const changed = files.map((file) => (file.path === path ? { ...file, text: file.text.replace(from, to) } : file));
  if (changed.every((file, index) => file.text === files[index]!.text)) throw new Error(`nothing to replace in ${path}`);
  return changed;
}

const drafts: [string, ContentFile[]][] = [
  ['FAQ answer reworded', edited('flows/faq/what_is.yaml', '家庭共济就是：参加职工医保的人', '家庭共济就是：参加了职工医保的人')],
  ['大连 total limit 6 → 5', edited('flows/regions/210200.yaml', 'totalLimit:\n    value: 6', 'totalLimit:\n    value: 5')],
  ['limit template reworded', edited('prompts/messages/answers.yaml', '同一时间最多绑定{total}位家人', '同一时间最多可以绑定{total}位家人')],
];

const jobs = createAnswerDiffJobs({ budgetMs: answerDiffBudgetMs, logger: createLogger({ level: 'error' }) });
for (const [name, draft] of drafts) {
  for (const round of ['draft to build', 'both built']) {
    const started = performance.now();
    const outcome = await jobs.run(files, draft);
    const wall = Math.round(performance.now() - started);
    if (!outcome.ok) throw new Error(`${name}: ${JSON.stringify(outcome)}`);
    const { report } = outcome;
    const regions = report.questions.flatMap((question) => question.changes.flatMap((change) => change.regions));
    console.log(
      `${name} (${round}): ${report.questions.length} of ${report.total} questions change (${regions.length} question × region pairs); ` +
        `build ${report.buildMs} ms, compare ${report.diffMs} ms, job ${report.elapsedMs} ms, round trip ${wall} ms; budget ${report.budgetMs} ms, ${report.complete ? 'complete' : `PARTIAL ${report.checked}/${report.total}`}`,
    );
  }
}
await jobs.stop();
