import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { systemClock } from '../../src/adapters/systemClock.js';
import { checkContent, type ContentFile } from '../../src/content/checkContent.js';
import { repoContentRules } from '../../src/content/repoContentRules.js';
import { countingIds, createLocalAssistant } from '../../src/server/createLocalAssistant.js';
import { buildEngineContext } from '../../src/server/loadEngineContext.js';
import { faqEntryInFile } from '../helpers/faqEntryInFile.js';
import { staffClient, type StaffClient } from '../http/staffClient.js';
import { editorDesk, editorLine, signInToEditor, problemsOn, useAssistantInChromium } from './assistantInChromium.js';
import { chromiumAvailability, screenshotDir } from './chromium.js';

const availability = chromiumAvailability();
const repository = fileURLToPath(new URL('../../', import.meta.url));
// The entry the draft rewords, and the line of its answer an editor clicks, as the content has them today.
const edited = faqEntryInFile('flows/faq/what_is.yaml', 'what-is-family-mutual-aid');
const firstLine = edited.firstAnswerLine;
const addition = '这是编辑台改过的新答案。';
const cli = { staffId: 'cli', login: 'cli' };

/**
 * Every question the product knows of, read straight from the files (not through the code under test): the
 * examples under flows/nlu, the region-mention questions and every FAQ entry's question and paraphrases.
 */
async function knownQuestionsFromFiles(): Promise<string[]> {
  const texts = new Set<string>();
  const read = async (folder: string) => Promise.all((await readdir(join(repository, folder))).map(async (name) => parse(await readFile(join(repository, folder, name), 'utf8')) as Record<string, any>));
  for (const file of await read('flows/nlu')) {
    for (const group of file['examples'] ?? []) for (const text of group.texts) texts.add(text.trim());
    for (const question of file['questions'] ?? []) texts.add(question.text.trim());
  }
  for (const file of await read('flows/faq')) for (const entry of file['entries']) for (const text of [entry.question, ...entry.paraphrases]) texts.add(text.trim());
  return [...texts];
}

type Answer = { understanding: { route: string; topic: string | null; faqId: string | null }; replies: { text: string }[] };
const answerText = ({ understanding: { route, topic, faqId }, replies }: Answer) => JSON.stringify({ route, topic, faqId, said: replies.map((reply) => reply.text) });

/** What a version says to a question asked in a new conversation, through the preview chat API. */
async function previewAnswerOf(client: StaffClient, version: number, text: string): Promise<string> {
  const answer = await client.request('POST', `/api/v1/editor/versions/${version}/preview`, { text });
  if (answer.status !== 200) throw new Error(`preview ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answerText(answer.body);
}

/**
 * A version's files (as the console loads them) run the way a preview runs them: checked, built without the language
 * model, each question in a new conversation of the in-memory assistant. In process: asking every known question of
 * two versions through the preview API took most of this test's minutes.
 */
async function askerOf(client: StaffClient, version: number): Promise<(text: string) => Promise<string>> {
  const files = (await client.request('GET', `/api/v1/editor/versions/${version}`)).body.files as ContentFile[];
  const checked = checkContent(files, repoContentRules);
  if (!checked.ok) throw new Error(`version ${version}: ${JSON.stringify(checked.problems)}`);
  const context = await buildEngineContext(checked.content, { modelAvailable: false });
  const { service } = await createLocalAssistant({ context, clock: systemClock, ids: countingIds(), reviewDelayMs: 0 });
  return async (text) => {
    const outcome = await service.chat({ text });
    if (!outcome.ok) throw new Error(`${text}: ${outcome.message}`);
    return answerText(outcome.response);
  };
}

describe.skipIf(!availability.available)('editor console in Chromium: the answer diff of a draft and the staleness view', () => {
  // The check asks the preview API every listed question of both versions: more than one editor's minute may allow.
  const run = useAssistantInChromium({ STAFF_RATE_LIMIT_PER_MINUTE: '100000' });
  let api: StaffClient;
  const passwords: Record<string, string> = {};

  beforeAll(async () => {
    for (const login of ['chen.jing', 'he.min', 'api.check']) {
      const added = await run.assistant.staff.accounts.add(login, 'editor', cli);
      if (!added.ok) throw new Error(`could not add ${login}`);
      passwords[login] = added.oneTimePassword;
    }
    api = staffClient(run.assistant);
    await api.signIn('api.check', passwords['api.check']!);
    const changed = await api.request('POST', '/api/v1/staff/password', { current: passwords['api.check'], next: 'api.check-新密码-2026' });
    if (changed.status !== 200) throw new Error('password change failed');
  });

  async function signedInConsole(login: string): Promise<{ page: Page; problems: string[] }> {
    const page = await (await run.newContext(editorDesk)).newPage();
    const problems = problemsOn(page);
    await page.goto(`${run.assistant.url}/editor`);
    await signInToEditor(page, login, passwords[login]!, { newPassword: `${login}-新密码-2026` });
    return { page, problems };
  }

  it('a draft that rewords an FAQ answer lists exactly the known questions whose answer changes, old beside new, questions people asked among them', async () => {
    // A person asks in words no example has; the question is recorded (masked) and becomes a known question.
    const asked = '家庭共济到底是个什么东西呀说来听听';
    expect(await knownQuestionsFromFiles()).not.toContain(asked);
    const visitor = await fetch(`${run.assistant.url}/api/v1/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: asked }) });
    expect(JSON.stringify(await visitor.json())).toContain(firstLine);
    const { page, problems } = await signedInConsole('chen.jing');
    await page.getByRole('button', { name: '从线上版本新建草稿' }).click();
    await page.getByRole('heading', { name: '版本 2' }).waitFor();
    await page.getByPlaceholder('搜索文件或内容…').fill(firstLine);
    await page.locator(`button[data-path="${edited.file}"]`).click();
    await (await editorLine(page, firstLine)).click();
    await page.keyboard.press('End');
    await page.keyboard.insertText(addition);
    await page.getByText('检查通过，没有问题').waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').waitFor();

    await page.getByRole('tab', { name: '答案变化' }).click();
    await page.getByRole('button', { name: '比较答案变化' }).click();
    const summary = page.getByTestId('answer-diff-summary');
    await summary.waitFor({ timeout: 120_000 });
    expect(await summary.textContent()).toMatch(/^与线上版本 1 相比：已比较 (\d+)\/\1 个已知问题，\d+ 个的回答会变。用时 [\d.]+ 秒（其中准备两个版本 [\d.]+ 秒），时间预算 [\d.]+ 秒。$/);
    expect(await page.getByTestId('answer-diff-partial').count()).toBe(0);
    const listed = await page.locator('li.question').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['question'] ?? ''));
    await page.screenshot({ path: join(screenshotDir, 'editor-9-answer-diff.png'), fullPage: false });

    // What the preview says to each listed question, old and new (asked now: the run below keeps the event loop busy
    // for longer than a kept-alive connection waits).
    const previewed = new Map<string, { before: string; after: string }>();
    for (const text of listed) previewed.set(text, { before: await previewAnswerOf(api, 1, text), after: await previewAnswerOf(api, 2, text) });

    // Independently of the diff: every known question asked of the live version and of the draft in a new conversation.
    const questions = [asked, ...(await knownQuestionsFromFiles())];
    const [live, draft] = await Promise.all([askerOf(api, 1), askerOf(api, 2)]);
    const answers = [];
    for (const text of questions) answers.push({ text, before: await live(text), after: await draft(text) });
    const changed = answers.filter((answer) => answer.before !== answer.after);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((answer) => answer.after.includes(addition) && !answer.before.includes(addition))).toBe(true);
    expect([...listed].sort()).toEqual(changed.map((answer) => answer.text).sort());
    // The preview shows the same answers, old and new.
    for (const { text, before, after } of changed) expect(previewed.get(text)).toEqual({ before, after });
    expect(listed[0]).toBe(asked);
    expect(await page.locator('li.question').first().locator('.origin').allTextContents()).toEqual(['用户问过 1 次']);

    // Each listed question shows the live answer beside the draft's, for a person of any region (the entry has no regional rule).
    const first = page.locator('li.question').first();
    const sides = first.locator('.side');
    expect(await sides.nth(0).textContent()).toContain(firstLine);
    expect(await sides.nth(0).textContent()).not.toContain(addition);
    expect(await sides.nth(1).textContent()).toContain(addition);
    // What the draft adds is marked on its side, and nothing is marked as removed.
    const added = (await sides.nth(1).locator('mark.after').allTextContents()).join('');
    expect(added).toHaveLength(addition.length);
    expect(added).toContain('这是编辑台改过的新答案');
    expect(await sides.nth(0).locator('mark.before').count()).toBe(0);
    expect(await first.locator('.change .meta').first().textContent()).toBe('地区：任何地区（包括没说地区的） · 变化：回答');
    expect(problems).toEqual([]);
  }, 300_000);

  it('the staleness view lists a region fact whose sources are old, and its link opens the fact in the editor', async () => {
    const { page, problems } = await signedInConsole('he.min');
    await page.getByRole('button', { name: '从线上版本新建草稿' }).click();
    const heading = page.getByRole('heading', { name: /^版本 \d+$/ });
    await heading.waitFor();
    const version = Number((await heading.textContent())!.replace(/\D/g, ''));

    await page.getByRole('tab', { name: '过时的事实和来源' }).click();
    await page.getByText('没有超过 180 天没核实的来源。').waitFor();

    // 大连's source S3 was last verified long ago: every fact resting on it alone becomes stale.
    await page.getByRole('tab', { name: '编辑文件' }).click();
    await page.locator('button[data-path="flows/regions/210200.yaml"]').click();
    const sourceLine = await editorLine(page, 'S3: {title:');
    expect(await sourceLine.textContent()).toMatch(/verified: '2026-11-20'\}$/);
    await sourceLine.click();
    // The line wraps: End goes to each wrap point, then to the line's end.
    for (let press = 0; press < 4; press += 1) await page.keyboard.press('End');
    for (const key of ['ArrowLeft', 'ArrowLeft', ...Array<string>(10).fill('Backspace')]) await page.keyboard.press(key);
    await page.keyboard.insertText('2025-01-15');
    await page.getByText('检查通过，没有问题').waitFor();

    await page.getByRole('tab', { name: '过时的事实和来源' }).click();
    const view = page.getByTestId('stale');
    await view.getByText('来源 S3：', { exact: false }).waitFor();
    const region = parse(await readFile(join(repository, 'flows/regions/210200.yaml'), 'utf8')) as { facts: Record<string, { sources: string[] }> };
    const expected = Object.entries(region.facts).filter(([, fact]) => fact.sources.every((id) => id === 'S3')).map(([name]) => `210200:${name}`);
    expect(expected.length).toBeGreaterThan(0);
    expect((await view.locator('[data-fact]').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['fact']))).sort()).toEqual(expected.sort());
    expect(await view.locator('[data-source]').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['source']))).toEqual(['210200:S3']);
    const days = Math.floor((Date.now() - Date.parse('2025-01-15T00:00:00Z')) / 86_400_000);
    expect(await view.locator('[data-fact="210200:totalLimit"]').textContent()).toBe(`事实 totalLimit：依据的来源（S3）都已过时，最近一次核实在 2025-01-15，已过 ${days} 天`);
    await page.screenshot({ path: join(screenshotDir, 'editor-10-stale-facts.png') });

    await view.locator('[data-fact="210200:totalLimit"] a').click();
    await page.locator('.code[data-path="flows/regions/210200.yaml"]').waitFor();
    expect(new URL(page.url()).hash).toBe(`#version=${version}&file=flows%2Fregions%2F210200.yaml&at=facts.totalLimit`);
    await expect.poll(() => page.evaluate(() => document.getSelection()?.toString() ?? '')).toContain('value: 6');
    await page.screenshot({ path: join(screenshotDir, 'editor-11-stale-fact-opened.png') });
    expect(problems).toEqual([]);
  }, 120_000);
});
