import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryContentStore } from '../../../src/adapters/memoryContentStore.js';
import { checkContent, type ContentFile } from '../../../src/content/checkContent.js';
import { createContentLifecycle, NoServableContentError, type ApprovalMode } from '../../../src/content/contentLifecycle.js';
import type { ContentStore } from '../../../src/ports/contentStore.js';
import { fixtureRules, fixturesDir } from './contentFixture.js';

let valid: ContentFile[];
beforeAll(async () => {
  const root = join(fixturesDir, 'valid');
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const paths = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  valid = await Promise.all(paths.sort().map(async (path) => ({ path: relative(root, path).split(sep).join('/'), text: await readFile(path, 'utf8') })));
});

const faqPath = 'flows/faq/basics.yaml';
const oldAnswer = '家庭共济让家人用您的医保个人账户余额看病买药。';
const newAnswer = '家庭共济：用您职工医保个人账户的钱，给家人看病买药。';
const withFaqAnswer = (files: ContentFile[], answer: string) => files.map((file) => (file.path === faqPath ? { ...file, text: file.text.replace(oldAnswer, answer) } : file));
const textOf = (files: ContentFile[], path: string) => files.find((file) => file.path === path)?.text ?? '';

const editor = { id: 'staff-1', login: 'li.na' };
const approver = { id: 'staff-2', login: 'wang.fang' };

function lifecycleOn(store: ContentStore, options: { approval?: ApprovalMode; now?: () => Date } = {}) {
  let time = new Date('2026-11-30T08:00:00Z');
  const clock = { now: options.now ?? (() => time) };
  const lifecycle = createContentLifecycle({ store, clock, check: (files) => checkContent(files, fixtureRules), approval: options.approval ?? 'required' });
  return { lifecycle, advance: (minutes: number) => (time = new Date(time.getTime() + minutes * 60_000)) };
}

async function publishedAnswer(lifecycle: ReturnType<typeof lifecycleOn>['lifecycle']): Promise<string> {
  const published = await lifecycle.published();
  return textOf(published?.files ?? [], faqPath);
}

describe('content versions at start', () => {
  it('seeds version 1 from the repository files, published, and serves it', async () => {
    const { lifecycle } = lifecycleOn(createMemoryContentStore());
    const started = await lifecycle.start(valid);
    expect(started.published.version).toMatchObject({ number: 1, status: 'published', origin: 'repository' });
    expect(started.published.content.faq[0]?.answer).toBe(oldAnswer);
    expect(started.notices).toEqual([{ kind: 'seeded', version: 1 }]);
  });

  it('takes changed repository files in as a draft waiting for approval, never over the published content, and only once', async () => {
    const store = createMemoryContentStore();
    await lifecycleOn(store).lifecycle.start(valid);
    const { lifecycle } = lifecycleOn(store);
    const started = await lifecycle.start(withFaqAnswer(valid, newAnswer));
    expect(started.published.version.number).toBe(1);
    expect(started.published.content.faq[0]?.answer).toBe(oldAnswer);
    expect(started.notices).toEqual([{ kind: 'repository-draft', version: 2, problems: [] }]);
    expect((await lifecycle.get(2))?.version).toMatchObject({ status: 'submitted', origin: 'repository', author: { login: 'repository' } });
    const again = await lifecycleOn(store).lifecycle.start(withFaqAnswer(valid, newAnswer));
    expect(again.notices).toEqual([]);
    expect((await lifecycle.list()).versions).toHaveLength(2);
  });

  it('keeps serving the published version when the repository files are broken, reporting every problem', async () => {
    const store = createMemoryContentStore();
    await lifecycleOn(store).lifecycle.start(valid);
    const broken = valid.map((file) => (file.path === faqPath ? { ...file, text: file.text.replace('topic: what_is', 'topic: whatis') } : file));
    const started = await lifecycleOn(store).lifecycle.start(broken);
    expect(started.published.version.number).toBe(1);
    expect(started.published.content.faq[0]?.answer).toBe(oldAnswer);
    expect(started.notices.map((notice) => notice.kind)).toEqual(['repository-draft', 'repository-broken']);
    const brokenNotice = started.notices[1];
    expect(brokenNotice?.kind === 'repository-broken' && brokenNotice.problems.map((problem) => `${problem.file} ${problem.path}`)).toEqual([`${faqPath} entries[0].topic`]);
    // The broken files wait as a draft (not submitted) that an editor can fix in the console.
    expect((await lifecycleOn(store).lifecycle.get(2))?.version.status).toBe('draft');
  });

  it('refuses to start only when there is nothing valid to serve', async () => {
    const broken = valid.map((file) => (file.path === faqPath ? { ...file, text: 'entries: [' } : file));
    await expect(lifecycleOn(createMemoryContentStore()).lifecycle.start(broken)).rejects.toBeInstanceOf(NoServableContentError);
  });

  it('publishes the repository files when the published version no longer passes this code’s checks (a new required message)', async () => {
    const store = createMemoryContentStore();
    await lifecycleOn(store).lifecycle.start(valid);
    const stricter = createContentLifecycle({
      store,
      clock: { now: () => new Date('2026-11-30T09:00:00Z') },
      check: (files) => checkContent(files, { ...fixtureRules, requiredMessageIds: [...fixtureRules.requiredMessageIds, 'greeting.new'] }),
      approval: 'required',
    });
    const withMessage = valid.map((file) => (file.path === 'prompts/messages/greetings.yaml' ? { ...file, text: `${file.text.trimEnd()}\n  greeting.new: 新的问候。\n` } : file));
    const started = await stricter.start(withMessage);
    expect(started.published.version).toMatchObject({ number: 2, origin: 'repository', status: 'published' });
    expect(started.notices.map((notice) => notice.kind)).toEqual(['published-invalid-repository-published']);
  });

  it('does not make a draft of files exported from the live version', async () => {
    const store = createMemoryContentStore();
    const { lifecycle } = lifecycleOn(store, { approval: 'none' });
    await lifecycle.start(valid);
    const draft = await lifecycle.createDraft(editor);
    if (!draft.ok) throw new Error('no draft');
    await lifecycle.saveFile(editor, draft.value.number, faqPath, textOf(withFaqAnswer(valid, newAnswer), faqPath));
    await lifecycle.submit(editor, draft.value.number, '改写');
    const exported = (await lifecycle.published())!.files;
    const started = await lifecycleOn(store).lifecycle.start(exported);
    expect(started.notices).toEqual([]);
  });
});

describe('drafts, approval and publishing', () => {
  async function startedWithDraft(options: { approval?: ApprovalMode } = {}) {
    const store = createMemoryContentStore();
    const made = lifecycleOn(store, options);
    await made.lifecycle.start(valid);
    const draft = await made.lifecycle.createDraft(editor);
    if (!draft.ok) throw new Error('no draft');
    return { ...made, store, number: draft.value.number };
  }

  it('refuses to submit an invalid draft, naming each problem at its field', async () => {
    const { lifecycle, number } = await startedWithDraft();
    await lifecycle.saveFile(editor, number, faqPath, textOf(valid, faqPath).replace('topic: what_is', 'topic: whatis'));
    const submitted = await lifecycle.submit(editor, number, '改');
    expect(submitted.ok).toBe(false);
    expect(!submitted.ok && submitted.code === 'invalid' && submitted.problems.map((problem) => problem.path)).toEqual(['entries[0].topic']);
    expect((await lifecycle.get(number))?.version.status).toBe('draft');
  });

  it('publishes only after a different person approves; the author cannot approve their own draft', async () => {
    const { lifecycle, number } = await startedWithDraft();
    await lifecycle.saveFile(editor, number, faqPath, textOf(withFaqAnswer(valid, newAnswer), faqPath));
    expect((await lifecycle.submit(editor, number, '答案更口语')).ok).toBe(true);
    expect(await publishedAnswer(lifecycle)).toContain(oldAnswer);
    expect(await lifecycle.approve(editor, number, null)).toEqual({ ok: false, code: 'own_change' });
    const approved = await lifecycle.approve(approver, number, null);
    expect(approved.ok && approved.value).toMatchObject({ status: 'published', approver, message: '答案更口语' });
    expect(await publishedAnswer(lifecycle)).toContain(newAnswer);
    expect((await lifecycle.get(1))?.version.status).toBe('retired');
  });

  it('counts everyone who edited a draft as its author', async () => {
    const { lifecycle, number } = await startedWithDraft();
    await lifecycle.saveFile(approver, number, faqPath, textOf(withFaqAnswer(valid, newAnswer), faqPath));
    await lifecycle.submit(editor, number, '两人改');
    expect(await lifecycle.approve(approver, number, null)).toEqual({ ok: false, code: 'own_change' });
  });

  it('with CONTENT_APPROVAL=none submitting publishes', async () => {
    const { lifecycle, number } = await startedWithDraft({ approval: 'none' });
    await lifecycle.saveFile(editor, number, faqPath, textOf(withFaqAnswer(valid, newAnswer), faqPath));
    const submitted = await lifecycle.submit(editor, number, '直接发布');
    expect(submitted.ok && submitted.value.status).toBe('published');
    expect(await publishedAnswer(lifecycle)).toContain(newAnswer);
  });

  it('publishes an approved version at its scheduled time (生效日), not before', async () => {
    const { lifecycle, number, advance } = await startedWithDraft();
    await lifecycle.saveFile(editor, number, faqPath, textOf(withFaqAnswer(valid, newAnswer), faqPath));
    await lifecycle.submit(editor, number, '12月1日起');
    const approved = await lifecycle.approve(approver, number, new Date('2026-11-30T10:00:00Z'));
    expect(approved.ok && approved.value).toMatchObject({ status: 'approved', publishAt: '2026-11-30T10:00:00.000Z' });
    expect(await lifecycle.publishDue()).toBeNull();
    expect(await publishedAnswer(lifecycle)).toContain(oldAnswer);
    advance(121);
    expect((await lifecycle.publishDue())?.number).toBe(number);
    expect(await publishedAnswer(lifecycle)).toContain(newAnswer);
  });

  it('sends a submitted version back to draft with the approver’s note', async () => {
    const { lifecycle, number } = await startedWithDraft();
    await lifecycle.submit(editor, number, '无改动');
    const returned = await lifecycle.returnToDraft(approver, number, '请补充来源');
    expect(returned.ok && returned.value).toMatchObject({ status: 'draft', returnNote: 'wang.fang：请补充来源' });
  });

  it('rolls back in one action that is itself a new published version', async () => {
    const { lifecycle, number } = await startedWithDraft({ approval: 'none' });
    await lifecycle.saveFile(editor, number, faqPath, textOf(withFaqAnswer(valid, newAnswer), faqPath));
    await lifecycle.submit(editor, number, '新答案');
    const rolledBack = await lifecycle.rollback(approver, 1, '');
    expect(rolledBack.ok && rolledBack.value).toMatchObject({ number: number + 1, origin: 'rollback', rollbackOf: 1, status: 'published', message: '回滚到版本 1' });
    expect(await publishedAnswer(lifecycle)).toContain(oldAnswer);
    expect(await lifecycle.rollback(approver, 99, '')).toEqual({ ok: false, code: 'not_found' });
  });

  it('edits only drafts', async () => {
    const { lifecycle, number } = await startedWithDraft();
    await lifecycle.submit(editor, number, '提交');
    expect(await lifecycle.saveFile(editor, number, faqPath, 'x')).toEqual({ ok: false, code: 'wrong_status', status: 'submitted' });
    expect(await lifecycle.saveFile(editor, 1, faqPath, 'x')).toEqual({ ok: false, code: 'wrong_status', status: 'published' });
  });
});
