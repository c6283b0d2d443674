import { describe, expect, it } from 'vitest';
import { faqEntryInFile } from '../helpers/faqEntryInFile.js';
import { signedInStaff, staffClient } from './staffClient.js';
import { chinese, manualClock, startTestServerForThisTest, type TestServer } from './testServer.js';

async function start(environment: Record<string, string> = {}, clock?: ReturnType<typeof manualClock>): Promise<TestServer> {
  return startTestServerForThisTest({ LOG_LEVEL: 'silent', START_BACKEND_STUB: 'false', CONTENT_STORE: 'memory', ...environment }, clock ? { clock } : {});
}

// The answer the tests change, as the content has it today.
const edited = faqEntryInFile('flows/faq/what_is.yaml', 'what-is-family-mutual-aid');
const { file: faqFile, question, firstAnswerLine: oldWords, rewordedLine: newWords } = edited;

async function askSaid(server: TestServer): Promise<string> {
  const response = await server.post('/api/v1/chat', { text: question });
  return JSON.stringify(response.body.replies);
}

/** A draft with the FAQ answer reworded, saved; returns its number. */
async function rewordedDraft(client: Awaited<ReturnType<typeof signedInStaff>>): Promise<number> {
  const created = await client.request('POST', '/api/v1/editor/drafts', {});
  expect(created.status).toBe(201);
  const number = created.body.version.number as number;
  const version = await client.request('GET', `/api/v1/editor/versions/${number}`);
  const text = (version.body.files as { path: string; text: string }[]).find((file) => file.path === faqFile)!.text;
  const saved = await client.request('PUT', `/api/v1/editor/versions/${number}/files`, { path: faqFile, text: text.replace(oldWords, newWords) });
  expect(saved.status).toBe(200);
  return number;
}

describe('editor API', () => {
  it('answers 401 signed out and 403 to a hotline agent, in Chinese', async () => {
    const server = await start();
    const signedOut = await staffClient(server).request('GET', '/api/v1/editor/whoami');
    expect(signedOut.status).toBe(401);
    expect(signedOut.body.error.message).toMatch(chinese);
    const agent = await signedInStaff(server, 'zhao.lei', 'agent');
    for (const [method, pathname] of [['GET', '/api/v1/editor/whoami'], ['GET', '/api/v1/editor/versions'], ['POST', '/api/v1/editor/drafts']] as const) {
      const answer = await agent.request(method, pathname, method === 'POST' ? {} : undefined);
      expect(answer.status, pathname).toBe(403);
    }
    const editor = await signedInStaff(server, 'li.na', 'editor');
    const whoami = await editor.request('GET', '/api/v1/editor/whoami');
    expect(whoami.body).toMatchObject({ staff: { login: 'li.na', role: 'editor' }, approval: 'required' });
  });

  it('refuses a change without the CSRF token, and an editor approving (approvers only)', async () => {
    const server = await start();
    const editor = await signedInStaff(server, 'li.na', 'editor');
    expect((await editor.request('POST', '/api/v1/editor/drafts', {}, { csrf: false })).status).toBe(403);
    const number = await rewordedDraft(editor);
    expect((await editor.request('POST', `/api/v1/editor/versions/${number}/submit`, { message: '改' })).status).toBe(200);
    expect((await editor.request('POST', `/api/v1/editor/versions/${number}/approve`, {})).status).toBe(403);
    expect((await editor.request('POST', '/api/v1/editor/rollback', { to: 1 })).status).toBe(403);
  });

  it('never accepts invalid content: the checker’s problems come back at their fields, and the draft stays a draft', async () => {
    const server = await start();
    const editor = await signedInStaff(server, 'li.na', 'editor');
    const created = await editor.request('POST', '/api/v1/editor/drafts', {});
    const number = created.body.version.number as number;
    const version = await editor.request('GET', `/api/v1/editor/versions/${number}`);
    const text = (version.body.files as { path: string; text: string }[]).find((file) => file.path === faqFile)!.text;
    const broken = text.replace(oldWords, `{member.name}${oldWords}`);
    const checked = await editor.request('POST', `/api/v1/editor/versions/${number}/check`, { files: [{ path: faqFile, text: broken }] });
    expect(checked.body.problems).toEqual([expect.objectContaining({ file: faqFile, path: `${edited.path}.answer`, message: expect.stringContaining('占位符 {member.name}') })]);
    await editor.request('PUT', `/api/v1/editor/versions/${number}/files`, { path: faqFile, text: broken });
    const submitted = await editor.request('POST', `/api/v1/editor/versions/${number}/submit`, { message: '坏的' });
    expect(submitted.status).toBe(422);
    expect(submitted.body.error.message).toMatch(chinese);
    expect(submitted.body.error.problems[0].path).toBe(`${edited.path}.answer`);
    expect((await editor.request('GET', `/api/v1/editor/versions/${number}`)).body.version.status).toBe('draft');
    const outside = await editor.request('PUT', `/api/v1/editor/versions/${number}/files`, { path: 'src/server/main.ts', text: 'x' });
    expect(outside.status).toBe(400);
  });

  it('previews a draft through the real engine without touching the live content, and runs its conversation tests', async () => {
    const server = await start();
    const editor = await signedInStaff(server, 'li.na', 'editor');
    const number = await rewordedDraft(editor);
    const preview = await editor.request('POST', `/api/v1/editor/versions/${number}/preview`, { text: question, region: '210200' });
    expect(preview.status).toBe(200);
    expect(JSON.stringify(preview.body.replies)).toContain(newWords);
    const next = await editor.request('POST', `/api/v1/editor/versions/${number}/preview`, { text: '谢谢', previewId: preview.body.previewId });
    expect(next.status).toBe(200);
    expect(await askSaid(server)).toContain(oldWords);
    const tests = await editor.request('POST', `/api/v1/editor/versions/${number}/tests`, {});
    expect(tests.body.failed).toEqual([]);
    expect(tests.body.passed).toBe(tests.body.total);
  });

  it('publishes at the scheduled time (生效日), with author, approver, times and message in the history, and audits every step', async () => {
    const clock = manualClock(new Date('2026-11-30T08:00:00Z'));
    const server = await start({ CONTENT_SYNC_SECONDS: '3600' }, clock);
    const editor = await signedInStaff(server, 'li.na', 'editor');
    const approver = await signedInStaff(server, 'wang.fang', 'approver');
    const number = await rewordedDraft(editor);
    await editor.request('POST', `/api/v1/editor/versions/${number}/submit`, { message: '12月1日起生效' });
    const approved = await approver.request('POST', `/api/v1/editor/versions/${number}/approve`, { publishAt: '2026-12-01T00:00:00+08:00' });
    expect(approved.body.version).toMatchObject({ status: 'approved', publishAt: '2026-11-30T16:00:00.000Z' });
    expect(await server.content.live.sync()).toBe(false);
    expect(await askSaid(server)).toContain(oldWords);

    clock.advance(9 * 60 * 60 * 1000);
    expect(await server.content.live.sync()).toBe(true);
    expect(await askSaid(server)).toContain(newWords);
    // Nine idle hours signed everyone out.
    expect((await approver.request('GET', '/api/v1/editor/versions')).status).toBe(401);
    await approver.signIn('wang.fang', 'wang.fang-password-1');
    const history = await approver.request('GET', '/api/v1/editor/versions');
    expect(history.body.versions[0]).toMatchObject({ number, status: 'published', author: { login: 'li.na' }, approver: { login: 'wang.fang' }, message: '12月1日起生效', publishAt: '2026-11-30T16:00:00.000Z', publishedAt: '2026-11-30T17:00:00.000Z' });
    const diff = await approver.request('GET', `/api/v1/editor/versions/${number}/diff`);
    expect(diff.body.files).toEqual([expect.objectContaining({ path: faqFile, change: 'changed' })]);
    const actions = (await server.staff.audit.list()).map((entry) => `${entry.login} ${entry.action}`).filter((line) => line.includes('content.'));
    expect(actions).toEqual(['li.na content.draft.created', 'li.na content.draft.saved', 'li.na content.submitted', 'wang.fang content.approved']);
  });
});
