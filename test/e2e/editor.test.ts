import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../src/config/config.js';
import { startServer, type RunningServer } from '../../src/server/main.js';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { faqEntryInFile } from '../helpers/faqEntryInFile.js';
import { editorDesk, editorLine, signInToEditor, problemsOn, useAssistantInChromium } from './assistantInChromium.js';
import { chromiumAvailability, screenshotDir } from './chromium.js';
import { WidgetPage } from './widgetPage.js';

const availability = chromiumAvailability();

// The entry the editor changes, and the line of its answer an editor clicks, as the content has them today.
const edited = faqEntryInFile('flows/faq/what_is.yaml', 'what-is-family-mutual-aid');
const { question, firstAnswerLine: firstLine } = edited;
const addition = '这是编辑台改过的新答案。';
const placeholder = '{member.name}';
const cli = { staffId: 'cli', login: 'cli' };

describe.skipIf(!availability.available)('editor console in Chromium: draft, inline errors, preview, approval by a second person, live publish, rollback', () => {
  const run = useAssistantInChromium();
  const passwords: Record<string, string> = {};

  beforeAll(async () => {
    for (const [login, role] of [['li.na', 'approver'], ['wang.fang', 'approver'], ['zhao.lei', 'agent']] as const) {
      const added = await run.assistant.staff.accounts.add(login, role, cli);
      if (!added.ok) throw new Error(`could not add ${login}`);
      passwords[login] = added.oneTimePassword;
    }
  });

  async function openConsole(): Promise<{ page: Page; problems: string[] }> {
    const page = await (await run.newContext(editorDesk)).newPage();
    const problems = problemsOn(page);
    await page.goto(`${run.assistant.url}/editor`);
    return { page, problems };
  }

  /** Signs in with the one-time password the account was created with, then sets a password of its own. */
  async function signIn(page: Page, login: string, shot?: string): Promise<void> {
    const next = `${login}-新密码-2026`;
    await signInToEditor(page, login, passwords[login]!, { newPassword: next, ...(shot === undefined ? {} : { shot: () => page.screenshot({ path: join(screenshotDir, `${shot}.png`) }) }) });
    passwords[login] = next;
  }

  async function chat(sessionId?: string): Promise<{ sessionId: string; said: string }> {
    const response = await fetch(`${run.assistant.url}/api/v1/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: question, ...(sessionId ? { sessionId } : {}) }) });
    const body = (await response.json()) as { sessionId: string; replies: { text: string }[] };
    return { sessionId: body.sessionId, said: body.replies.map((reply) => reply.text).join('\n') };
  }

  it('an editor changes an FAQ answer, fixes an inline error, previews, submits; only a second approver publishes it live; rollback restores the old answer', async () => {
    // A person on the demo page asks in the widget; their conversation stays open throughout.
    const widgetContext = await run.newContext({ viewport: { width: 420, height: 800 }, locale: 'zh-CN' });
    const widgetPage = await widgetContext.newPage();
    await widgetPage.goto(run.assistant.url);
    const widget = new WidgetPage(widgetPage);
    await widget.open();
    await widget.waitForBot();
    expect((await widget.say(question)).join('\n')).toContain(firstLine);
    const visitor = await chat();
    expect(visitor.said).toContain(firstLine);
    expect(visitor.said).not.toContain(addition);

    const signedOut = await fetch(`${run.assistant.url}/api/v1/editor/whoami`);
    expect(signedOut.status).toBe(401);

    const { page, problems } = await openConsole();
    await signIn(page, 'li.na', 'editor-1-sign-in');
    await page.getByRole('button', { name: '从线上版本新建草稿' }).click();
    await page.getByRole('heading', { name: '版本 2' }).waitFor();
    await page.getByPlaceholder('搜索文件或内容…').fill(firstLine);
    await page.locator(`button[data-path="${edited.file}"]`).click();

    // A placeholder naming no slot: the checker's words appear inline at the answer and in the list; no submitting.
    const line = await editorLine(page, firstLine);
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.insertText(placeholder);
    const problemList = page.getByTestId('problems');
    await expect.poll(() => problemList.textContent(), { timeout: 10_000 }).toContain(`${edited.path}.answer → 占位符 {member.name} 不是任何槽位`);
    await expect.poll(() => page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '提交审批' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'editor-2-inline-error.png') });

    for (let index = 0; index < placeholder.length; index += 1) await page.keyboard.press('Backspace');
    await page.keyboard.insertText(addition);

    // Completion from the file's JSON Schema: a field the entry lacks is offered by its name.
    await page.locator('.cm-line', { hasText: 'topic: what_is' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('vari');
    await expect.poll(() => page.locator('.cm-tooltip-autocomplete').textContent().catch(() => ''), { timeout: 10_000 }).toContain('variants');
    await page.screenshot({ path: join(screenshotDir, 'editor-2b-schema-completion.png') });
    await page.keyboard.press('Escape');
    // Remove the probe line whole: select back to the line's start, delete it, then the line break.
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.getByText('检查通过，没有问题').waitFor();

    // Preview: the draft through the real engine, in 大连, before anything is saved or published.
    await page.locator('select[name="preview-region"]').selectOption('210200');
    await page.locator('input[name="preview-text"]').fill(question);
    await page.getByRole('button', { name: '发送' }).click();
    await expect.poll(() => page.getByTestId('preview-chat').textContent(), { timeout: 10_000 }).toContain(addition);
    await page.getByRole('button', { name: '运行对话测试' }).click();
    await expect.poll(() => page.getByTestId('tests-result').textContent().catch(() => ''), { timeout: 60_000 }).toMatch(/^(\d+)\/\1 个对话测试通过$/);
    await page.screenshot({ path: join(screenshotDir, 'editor-3-preview-and-tests.png') });

    await page.locator('input[name="submit-message"]').fill('家庭共济的答案补一句');
    await page.getByRole('button', { name: '提交审批' }).click();
    await page.getByText('已提交，等待另一位审批人批准').waitFor();

    // The author holds the approver role, and still cannot approve what they changed.
    await page.getByText('您改过这个版本，需要另一位审批人批准。').waitFor();
    await page.getByRole('button', { name: '批准', exact: true }).click();
    await page.getByText('您改过这个版本，不能自己审批，请另一位审批人审批。').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'editor-4-own-approval-refused.png') });
    expect((await chat(visitor.sessionId)).said).not.toContain(addition);
    expect(problems).toEqual([]);

    const second = await openConsole();
    await signIn(second.page, 'wang.fang');
    await second.page.locator('button[data-version="2"]').click();
    await second.page.getByText('与版本 1 相比的改动').waitFor();
    // The approver sees exactly the one line the editor changed.
    expect(await second.page.locator('.diff .add').allTextContents()).toEqual([expect.stringContaining(addition)]);
    await second.page.getByRole('button', { name: '批准', exact: true }).click();
    await second.page.getByText('已发布，线上版本 2').waitFor();
    await second.page.screenshot({ path: join(screenshotDir, 'editor-5-approved-published.png') });

    // The visitor's conversation, already in progress, gets the new answer: no restart happened.
    expect((await widget.say(question)).join('\n')).toContain(addition);
    await widget.screenshot('editor-5b-widget-new-answer');
    const afterPublish = await chat(visitor.sessionId);
    expect(afterPublish.sessionId).toBe(visitor.sessionId);
    expect(afterPublish.said).toContain(addition);

    await second.page.locator('button[data-version="1"]').click();
    await second.page.getByRole('button', { name: '回滚到这个版本' }).click();
    await second.page.getByText('已回滚，线上版本 3').waitFor();
    await second.page.screenshot({ path: join(screenshotDir, 'editor-6-rolled-back.png') });
    const widgetAfterRollback = (await widget.say(question)).join('\n');
    expect(widgetAfterRollback).toContain(firstLine);
    expect(widgetAfterRollback).not.toContain(addition);
    const afterRollback = await chat(visitor.sessionId);
    expect(afterRollback.said).toContain(firstLine);
    expect(afterRollback.said).not.toContain(addition);
    expect(second.problems).toEqual([]);
  }, 180_000);

  it('a hotline agent is refused (403) and sees why', async () => {
    const { page } = await openConsole();
    await page.getByLabel('账号').fill('zhao.lei');
    await page.getByLabel('密码').fill(passwords['zhao.lei']!);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('您的账号没有内容编辑权限。内容编辑台只对编辑和审批人开放。').waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/v1/editor/whoami')).status);
    expect(status).toBe(403);
    await page.screenshot({ path: join(screenshotDir, 'editor-7-agent-forbidden.png') });
  }, 60_000);

  it('a server restarted on broken repository files serves the published version and shows the problem in the console', async () => {
    const root = await mkdtemp(join(tmpdir(), 'gongji-editor-broken-'));
    const contentDir = join(root, 'content');
    const dataDir = join(root, 'data');
    const repository = fileURLToPath(new URL('../../', import.meta.url));
    await cp(join(repository, 'flows'), join(contentDir, 'flows'), { recursive: true });
    await cp(join(repository, 'prompts'), join(contentDir, 'prompts'), { recursive: true });
    const config = parseConfig({ PORT: '0', BACKEND_PORT: '0', DATA_DIR: dataDir, CONTENT_DIR: contentDir, LOG_LEVEL: 'silent', START_BACKEND_STUB: 'false', RATE_LIMIT_PER_MINUTE: '10000' });
    if (!config.ok) throw new Error(JSON.stringify(config.problems));
    let server: RunningServer | undefined = await startServer(config.value);
    try {
      await server.close();
      const faq = join(contentDir, 'flows/faq/what_is.yaml');
      await writeFile(faq, (await readFile(faq, 'utf8')).replace('    topic: what_is\n', '    topic: what\n'));
      server = await startServer(config.value);
      const added = await server.staff.accounts.add('sun.li', 'editor', cli);
      if (!added.ok) throw new Error('no account');
      passwords['sun.li'] = added.oneTimePassword;
      const context = await run.newContext(editorDesk);
      const page = await context.newPage();
      await page.goto(`${server.url}/editor`);
      await signIn(page, 'sun.li');
      await page.getByText(/仓库里的内容文件有 \d+ 处问题，线上继续使用版本 1/).waitFor();
      await page.locator('button[data-version="2"]').click();
      await expect.poll(() => page.locator('main.panel').textContent(), { timeout: 10_000 }).toMatch(/flows\/faq\/what_is\.yaml → entries\[0\]\.topic → /);
      await page.screenshot({ path: join(screenshotDir, 'editor-8-broken-repository-files.png') });
      const answer = await fetch(`${server.url}/api/v1/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: question }) });
      expect(JSON.stringify(await answer.json())).toContain(firstLine);
    } finally {
      await server?.close();
      await rm(root, { recursive: true, force: true });
    }
  }, 90_000);
});
