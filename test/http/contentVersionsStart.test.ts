import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { readContentFiles } from '../../src/content/loadContent.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { faqEntryInFile } from '../helpers/faqEntryInFile.js';
import { startTestServerForThisTest, type TestServer } from './testServer.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
// The answer the tests change, as the content has it today.
const { file: faqFile, question, firstAnswerLine: oldWords, rewordedLine: newWords } = faqEntryInFile('flows/faq/what_is.yaml', 'what-is-family-mutual-aid');


/** A copy of the repository's content that the test changes between starts, and one DATA_DIR kept across them. */
async function contentCopy(): Promise<{ contentDir: string; dataDir: string }> {
  const contentDir = await mkdtemp(path.join(tmpdir(), 'gongji-content-'));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gongji-data-'));
  onTestFinished(() => rm(contentDir, { recursive: true, force: true }));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  await cp(path.join(repositoryRoot, 'flows'), path.join(contentDir, 'flows'), { recursive: true });
  await cp(path.join(repositoryRoot, 'prompts'), path.join(contentDir, 'prompts'), { recursive: true });
  return { contentDir, dataDir };
}

function start(contentDir: string, dataDir: string, environment: Record<string, string> = {}): Promise<TestServer> {
  return startTestServerForThisTest({ CONTENT_DIR: contentDir, START_BACKEND_STUB: 'false', CONTENT_STORE: 'lowdb', ...environment }, { dataDir });
}

async function ask(server: TestServer): Promise<string> {
  const response = await server.post('/api/v1/chat', { text: question });
  expect(response.status).toBe(200);
  return (response.body.replies as { text: string }[]).map((reply) => reply.text).join('\n');
}

async function editFaq(contentDir: string, change: (text: string) => string): Promise<void> {
  const file = path.join(contentDir, faqFile);
  await writeFile(file, change(await readFile(file, 'utf8')));
}

describe('content versions across restarts', () => {
  it('a server started on broken files serves the last published version and reports the problem at error level', async () => {
    const { contentDir, dataDir } = await contentCopy();
    const first = await start(contentDir, dataDir);
    expect(await ask(first)).toContain(oldWords);
    await first.stop();

    await editFaq(contentDir, (text) => text.replace('    topic: what_is\n', '    topic: what\n'));
    const second = await start(contentDir, dataDir);
    expect(await ask(second)).toContain(oldWords);
    const errors = second.logs.map((line) => JSON.parse(line) as { level: string; message: string; problems?: string }).filter((line) => line.level === 'error');
    expect(errors.map((line) => line.message)).toContain('content files in the repository are invalid; serving the published version');
    expect(errors.find((line) => line.problems !== undefined)?.problems).toContain(`${faqFile} → entries[0].topic`);
    expect(second.content.notices.map((notice) => notice.kind)).toContain('repository-broken');
  });

  it('changed repository files arrive as a draft waiting for approval and do not replace published content', async () => {
    const { contentDir, dataDir } = await contentCopy();
    const first = await start(contentDir, dataDir);
    await first.stop();

    await editFaq(contentDir, (text) => text.replace(oldWords, newWords));
    const second = await start(contentDir, dataDir);
    expect(await ask(second)).toContain(oldWords);
    const { versions, published } = await second.content.lifecycle.list();
    expect(published).toBe(1);
    expect(versions[0]).toMatchObject({ number: 2, status: 'submitted', origin: 'repository' });
    const draft = await second.content.lifecycle.get(2);
    expect(draft?.files.find((file) => file.path === faqFile)?.text).toContain(newWords);
  });

  it('publishing switches running servers without a restart: a conversation in progress gets the new answer, also on a second process sharing the store', async () => {
    const { contentDir, dataDir } = await contentCopy();
    const here = await start(contentDir, dataDir, { SESSION_STORE: 'memory' });
    const elsewhere = await start(contentDir, dataDir, { SESSION_STORE: 'memory' });
    const opened = await here.post('/api/v1/chat', { text: question });
    const sessionId = opened.body.sessionId as string;
    expect(JSON.stringify(opened.body.replies)).toContain(oldWords);

    const { lifecycle, live } = here.content;
    const editor = { id: 'staff-editor', login: 'editor' };
    const draft = await lifecycle.createDraft(editor);
    if (!draft.ok) throw new Error('no draft');
    const text = (await lifecycle.get(draft.value.number))!.files.find((file) => file.path === faqFile)!.text;
    await lifecycle.saveFile(editor, draft.value.number, faqFile, text.replace(oldWords, newWords));
    await lifecycle.submit(editor, draft.value.number, '更口语');
    await lifecycle.approve({ id: 'staff-approver', login: 'approver' }, draft.value.number, null);
    // The server's own periodic sync may have switched first; either way the approved draft is what is served now.
    await live.sync();
    expect(live.version().number).toBe(draft.value.number);

    const later = await here.post('/api/v1/chat', { sessionId, text: question });
    expect(later.body.sessionId).toBe(sessionId);
    expect(JSON.stringify(later.body.replies)).toContain(newWords);
    await elsewhere.content.live.sync();
    expect(elsewhere.content.live.version().number).toBe(draft.value.number);
    expect(await ask(elsewhere)).toContain(newWords);
  });

  it('exports any version back to files: the folder then holds exactly that version', async () => {
    const { contentDir, dataDir } = await contentCopy();
    const first = await start(contentDir, dataDir);
    const { lifecycle } = first.content;
    const editor = { id: 'staff-editor', login: 'editor' };
    const draft = await lifecycle.createDraft(editor);
    if (!draft.ok) throw new Error('no draft');
    await lifecycle.saveFile(editor, draft.value.number, 'flows/faq/what_is.yaml', null);
    await first.stop();

    const { contentDir: target } = await contentCopy();
    await writeFile(path.join(target, 'flows/faq/extra.yaml'), 'entries: []\n');
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/content/exportCommand.ts', String(draft.value.number), target], { cwd: repositoryRoot, env: { ...process.env, DATA_DIR: dataDir } });
    const exported = await readContentFiles(target);
    const expected = (await readContentFiles(contentDir)).filter((file) => file.path !== 'flows/faq/what_is.yaml');
    expect(exported).toEqual(expected);
  });
});
