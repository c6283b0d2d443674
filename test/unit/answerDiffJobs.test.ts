import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../src/content/loadContent.js';
import { createAnswerDiffJobs } from '../../src/server/answerDiffJobs.js';
import { createLogger } from '../../src/server/logger.js';

const jobs = createAnswerDiffJobs({ budgetMs: 1, logger: createLogger({ level: 'silent' }) });
afterAll(() => jobs.stop());

describe('answer diff jobs in a worker thread', () => {
  it('a budget too small to finish: the result says it is partial and how far it got', async () => {
    const files = await readContentFiles(fileURLToPath(new URL('../../', import.meta.url)));
    const outcome = await jobs.run(files, files);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.report).toMatchObject({ complete: false, budgetMs: 1 });
    expect(outcome.report.checked).toBeLessThan(outcome.report.total);
    expect(outcome.report.elapsedMs).toBeGreaterThan(1);
  }, 120_000);
});
