import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/content/checkContent.js';
import { readContentFiles } from '../../src/content/loadContent.js';
import { repoContentRules } from '../../src/content/repoContentRules.js';
import { createAnswerDiffJobs } from '../../src/server/answerDiffJobs.js';
import { createContentChecks } from '../../src/server/contentChecks.js';
import { createLogger } from '../../src/server/logger.js';

const logger = createLogger({ level: 'silent' });
const files = await readContentFiles(fileURLToPath(new URL('../../', import.meta.url)));
const jobs = createAnswerDiffJobs({ budgetMs: 1, logger });
const check = (candidate: typeof files) => checkContent(candidate, repoContentRules);
const checks = createContentChecks({ check, logger });
afterAll(() => Promise.all([jobs.stop(), checks.stop()]));

describe('the editor console’s worker threads', () => {
  it('an answer diff with a budget too small to finish: the result says it is partial and how far it got', async () => {
    const outcome = await jobs.run(files, files);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.report).toMatchObject({ complete: false, budgetMs: 1 });
    expect(outcome.report.checked).toBeLessThan(outcome.report.total);
    expect(outcome.report.elapsedMs).toBeGreaterThan(1);
  }, 120_000);

  it('a draft checked in the worker gets the very problems the checker finds, and valid content none', async () => {
    const broken = files.map((file) => (file.path === 'flows/faq/what_is.yaml' ? { ...file, text: file.text.replace('    topic: what_is\n', '    topic: what\n') } : file));
    const inProcess = check(broken);
    expect(inProcess.ok).toBe(false);
    expect(await checks.problems(broken)).toEqual(inProcess.ok ? [] : inProcess.problems);
    expect(await checks.problems(files)).toEqual([]);
    // A preview builds on the content the worker checked: the same content, whole.
    const valid = await checks.check(files);
    const here = check(files);
    expect(valid.ok && here.ok && valid.content).toEqual(here.ok && here.content);
  }, 60_000);
});
