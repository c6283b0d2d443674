import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { unansweredQuestion as unanswered, unansweredQuestionEntry as entryId } from '../helpers/unansweredQuestion.js';
import { editorDesk, problemsOn, signInToEditor, useAssistantInChromium } from './assistantInChromium.js';
import { chromiumAvailability, screenshotDir } from './chromium.js';

const availability = chromiumAvailability();

const cli = { staffId: 'cli', login: 'cli' };

type ChatBody = { sessionId: string; understanding: { route: string; faqId: string | null }; form: { status: string } | null };

describe.skipIf(!availability.available)('editor console in Chromium: the inbox teaches a question, the insights show the funnel', () => {
  // One editor publishes alone here (CONTENT_APPROVAL=none): the second approver is the editor test's subject.
  const run = useAssistantInChromium({ CONTENT_APPROVAL: 'none' });
  let password = '';
  let passwordChanged = false;

  async function chat(texts: string[], region = '210200'): Promise<ChatBody> {
    let body: ChatBody | undefined;
    for (const text of texts) {
      const response = await fetch(`${run.assistant.url}/api/v1/chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text, region, ...(body ? { sessionId: body.sessionId } : {}) }),
      });
      body = (await response.json()) as ChatBody;
    }
    return body!;
  }

  beforeAll(async () => {
    const added = await run.assistant.staff.accounts.add('li.na', 'editor', cli);
    if (!added.ok) throw new Error('could not add li.na');
    password = added.oneTimePassword;
  });

  async function signedInConsole(): Promise<{ page: Page; problems: string[] }> {
    const page = await (await run.newContext(editorDesk)).newPage();
    const problems = problemsOn(page);
    await page.goto(`${run.assistant.url}/editor`);
    if (passwordChanged) await signInToEditor(page, 'li.na', password);
    else {
      await signInToEditor(page, 'li.na', password, { newPassword: 'li.na-新密码-2026' });
      passwordChanged = true;
      password = 'li.na-新密码-2026';
    }
    return { page, problems };
  }

  it('a question the assistant refused is turned into an example of an FAQ entry in one action, and is understood after publishing', async () => {
    const before = await chat([unanswered]);
    expect(before.understanding.faqId).not.toBe(entryId);
    await chat([unanswered], '370900');

    const { page, problems } = await signedInConsole();
    await page.getByRole('button', { name: '待学问题' }).click();
    const group = page.getByTestId('inbox-group').filter({ hasText: unanswered });
    await group.waitFor();
    await expect.poll(() => group.textContent()).toContain('问了 2 次');
    await group.locator('select[name="inbox-family"]').selectOption('faq');
    await group.locator('select[name="inbox-label"]').selectOption(entryId);
    await page.screenshot({ path: join(screenshotDir, 'editor-inbox.png') });
    await group.getByRole('button', { name: '加为样例' }).click();
    const done = page.getByTestId('inbox-done');
    await expect.poll(() => done.textContent()).toContain('flows/nlu/faq.yaml');
    // Handled questions leave the list.
    await expect.poll(() => page.getByTestId('inbox-group').filter({ hasText: unanswered }).count()).toBe(0);

    await done.getByRole('button', { name: '打开草稿' }).click();
    await page.locator('.toolbar strong', { hasText: 'flows/nlu/faq.yaml' }).waitFor();
    // The example was added at the end of the file: go there, as the editor would, to read it.
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.locator('.cm-line', { hasText: unanswered }).first().waitFor();
    await page.screenshot({ path: join(screenshotDir, 'editor-inbox-draft.png') });
    await page.getByRole('button', { name: '提交并发布' }).click();
    await expect.poll(() => page.getByTestId('live-version').textContent(), { timeout: 60_000 }).toContain('2');

    // The person asks again: now answered with the entry the editor chose.
    await expect.poll(async () => (await chat([unanswered])).understanding.faqId, { timeout: 90_000, interval: 1_000 }).toBe(entryId);
    expect(problems).toEqual([]);
  }, 240_000);

  it('the insights page shows the binding funnel from conversations people had', async () => {
    // Three people start; two give their own details; one of them also a family member, agrees and files.
    const id = (index: number) => makeIdNumber({ region: '210202', birthDate: `1979-05-1${index}`, sequence: 201 + index * 2 });
    await chat(['我要绑定']);
    await chat(['我要绑定', '林小雨', id(1), '13800001111']);
    const filed = await chat(['我要绑定', '林大海', id(2), '13800002222', '我妈', '林秀兰', makeIdNumber({ region: '210202', birthDate: '1950-01-02', sex: 'female', sequence: 411 }), '15900003333', '不用了，下一步', '同意', '确认提交']);
    expect(filed.form?.status).toBe('submitted');
    await run.assistant.insights.recorder.flush();

    const { page, problems } = await signedInConsole();
    await page.getByRole('button', { name: '数据洞察' }).click();
    await page.getByTestId('funnel-chart').waitFor();
    await expect.poll(() => page.getByTestId('funnel-count-form_started').textContent()).toBe('3');
    expect(await page.getByTestId('funnel-count-applicant.name').textContent()).toBe('2（流失 1）');
    expect(await page.getByTestId('funnel-count-applicant.phone').textContent()).toBe('2');
    expect(await page.getByTestId('funnel-count-member.relationship').textContent()).toBe('1（流失 1）');
    expect(await page.getByTestId('funnel-count-consent_given').textContent()).toBe('1');
    expect(await page.getByTestId('funnel-count-filed').textContent()).toBe('1');
    await page.screenshot({ path: join(screenshotDir, 'editor-insights.png'), fullPage: true });

    // Filtered to 泰安, where nobody started: the page says so instead of an empty chart.
    await page.locator('select[name="region"]').selectOption('370900');
    await page.getByRole('button', { name: '查看' }).click();
    await page.getByText('这段时间没有人开始办理绑定。').waitFor();
    expect(problems).toEqual([]);
  }, 120_000);
});
