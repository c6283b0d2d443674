import { beforeAll, describe, expect, it } from 'vitest';
import { faqEntryInFile } from '../helpers/faqEntryInFile.js';
import { signedInStaff } from './staffClient.js';
import { chinese, manualClock, useTestServer } from './testServer.js';

// The answer the tests change, as the content has it today.
const { file: faqFile, firstAnswerLine: oldWords, rewordedLine: newWords } = faqEntryInFile('flows/faq/what_is.yaml', 'what-is-family-mutual-aid');
const regionFile = 'flows/regions/210200.yaml';

let editor: Awaited<ReturnType<typeof signedInStaff>>;
let draft: number;
let files: { path: string; text: string }[];
const textOf = (path: string) => files.find((file) => file.path === path)!.text;

const server = useTestServer({ LOG_LEVEL: 'silent', START_BACKEND_STUB: 'false', CONTENT_STORE: 'memory' }, { clock: manualClock(new Date('2026-11-30T08:00:00Z')) });

beforeAll(async () => {
  editor = await signedInStaff(server, 'li.na', 'editor');
  const created = await editor.request('POST', '/api/v1/editor/drafts', {});
  draft = created.body.version.number;
  files = (await editor.request('GET', `/api/v1/editor/versions/${draft}`)).body.files;
}, 60_000);

describe('answer diff API', () => {
  it('compares a draft with unsaved edits against the live version in the worker, and says how long it took', async () => {
    const edited = { path: faqFile, text: textOf(faqFile).replace(oldWords, newWords) };
    const answer = await editor.request('POST', `/api/v1/editor/versions/${draft}/answer-diff`, { files: [edited] });
    expect(answer.status).toBe(200);
    const report = answer.body;
    expect(report).toMatchObject({ against: 1, complete: true, budgetMs: 60_000 });
    expect(report.checked).toBe(report.total);
    expect(report.total).toBeGreaterThan(1000);
    expect(report.elapsedMs).toBeGreaterThanOrEqual(report.buildMs);
    expect(report.questions.length).toBeGreaterThan(0);
    for (const question of report.questions) {
      expect(question.changes[0].before.text).toContain(oldWords);
      expect(question.changes[0].after.text).toContain(newWords);
    }
    // Nothing was saved: the draft still holds the published text, and the same diff of it finds nothing.
    const unsaved = await editor.request('POST', `/api/v1/editor/versions/${draft}/answer-diff`, { files: [] });
    expect(unsaved.body.questions).toEqual([]);
  }, 180_000);

  it('refuses a draft that does not pass the checks, with the checker’s problems, in Chinese', async () => {
    const broken = { path: faqFile, text: textOf(faqFile).replace('    topic: what_is\n', '    topic: what\n') };
    const answer = await editor.request('POST', `/api/v1/editor/versions/${draft}/answer-diff`, { files: [broken] });
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toMatch(chinese);
    expect(answer.body.error.problems.some((problem: { file: string }) => problem.file === faqFile)).toBe(true);
  }, 60_000);

  it('is for editors and approvers only', async () => {
    const agent = await signedInStaff(server, 'zhao.lei', 'agent');
    expect((await agent.request('POST', `/api/v1/editor/versions/${draft}/answer-diff`, { files: [] })).status).toBe(403);
    expect((await agent.request('POST', `/api/v1/editor/versions/${draft}/stale`, { files: [] })).status).toBe(403);
  });
});

describe('staleness API', () => {
  it('lists nothing on fresh content, and a region source edited to an old date with the facts resting on it', async () => {
    const fresh = await editor.request('POST', `/api/v1/editor/versions/${draft}/stale`, { files: [] });
    expect(fresh.body).toEqual({ days: 180, regions: [] });
    const old = { path: regionFile, text: textOf(regionFile).replace("verified: '2026-11-20'}", "verified: '2026-03-01'}") };
    const stale = await editor.request('POST', `/api/v1/editor/versions/${draft}/stale`, { files: [old] });
    expect(stale.status).toBe(200);
    expect(stale.body.regions).toHaveLength(1);
    expect(stale.body.regions[0]).toMatchObject({ file: regionFile, code: '210200', name: '大连市' });
    expect(stale.body.regions[0].sources.map((source: { id: string; days: number }) => [source.id, source.days])).toEqual([['S3', 274]]);
    expect(stale.body.regions[0].facts.map((fact: { fact: string }) => fact.fact)).toContain('totalLimit');
  });
});
