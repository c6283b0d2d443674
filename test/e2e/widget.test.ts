import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { problemsOn, useAssistantInChromium } from './assistantInChromium.js';
import { chromiumAvailability } from './chromium.js';
import { answerTo } from './bindingAnswers.js';
import { WidgetPage } from './widgetPage.js';

const availability = chromiumAvailability();

/** A 大连 applicant and his mother, with valid ID numbers (the mother clearly older). */
const applicant = { name: '王建国', idNumber: makeIdNumber({ region: '210203', birthDate: '1978-04-16', sex: 'male' }), phone: '13812345678' };
const mother = { name: '李秀英', idNumber: makeIdNumber({ region: '210204', birthDate: '1952-09-03', sex: 'female' }), phone: '13987654321' };

describe.skipIf(!availability.available)('chat widget in Chromium on the demo page', () => {
  const run = useAssistantInChromium();

  /** A fresh visitor (own storage), with page errors and CSP violations collected for the test to check. */
  async function visit(viewport = { width: 1280, height: 800 }): Promise<{ widget: WidgetPage; page: Page; problems: string[] }> {
    const page = await (await run.newContext({ viewport, locale: 'zh-CN' })).newPage();
    const problems = problemsOn(page);
    await page.goto(run.assistant.url);
    return { widget: new WidgetPage(page), page, problems };
  }

  it('lets a person bind their mother on the demo page and shows the record number', async () => {
    const { widget, problems } = await visit();
    await widget.open();
    await widget.waitForBot();
    let replies = await widget.say('我要办理绑定');
    const transcript: string[] = [...replies];
    let recordNumber: string | undefined;
    for (let turn = 0; turn < 20 && recordNumber === undefined; turn += 1) {
      const answer = answerTo({ applicant, mother }, replies);
      if (answer === undefined) throw new Error(`no answer for the assistant's question:\n${transcript.join('\n')}`);
      if ('done' in answer) {
        recordNumber = answer.done;
      } else if ('wait' in answer) {
        replies = await widget.waitForReplies(await widget.widget.locator('.bubble.bot').count());
      } else if ('choose' in answer) {
        if (answer.choose === '同意') await widget.screenshot('binding-consent');
        if (answer.choose === '确认提交') await widget.screenshot('binding-confirm');
        replies = await widget.choose(answer.choose);
      } else {
        replies = await widget.say(answer.say);
      }
      transcript.push(...replies);
    }
    await widget.screenshot('binding-filed');
    expect(recordNumber, transcript.join('\n')).toMatch(/^GJ/);
    await expect.poll(() => widget.log.textContent()).toContain(recordNumber);
    // The person typed the ID numbers, so they see them in full; nothing the page did went wrong.
    expect(await widget.userTexts()).toContain(mother.idNumber);
    expect(problems).toEqual([]);
    const secret = (await readFile(join(run.assistant.dataDir, 'backend-secret'), 'utf8')).trim();
    const filed = await fetch(`${run.assistant.backendUrl}/api/v1/admin/applications?applicant=${applicant.idNumber}`, { headers: { authorization: `Bearer ${secret}` } });
    const { applications } = (await filed.json()) as { applications: { recordNumber: string; members: { idNumber: string; relationship: string }[] }[] };
    expect(applications.map((application) => application.recordNumber)).toEqual([recordNumber]);
    expect(applications[0]?.members).toMatchObject([{ idNumber: mother.idNumber, relationship: 'mother' }]);
  }, 60_000 /* a dozen turns through the real engine and back end need more room than one exchange on a busy machine */);

  it('keeps the conversation across a page reload and carries on where it was', async () => {
    const { widget, page } = await visit();
    await widget.open();
    await widget.waitForBot();
    await widget.say('我要办理绑定');
    const before = { bot: await widget.botTexts(), user: await widget.userTexts() };
    await page.reload();
    await widget.panel.waitFor({ state: 'visible' });
    await expect.poll(() => widget.botTexts()).toEqual(before.bot);
    expect(await widget.userTexts()).toEqual(before.user);
    await widget.screenshot('reload-restored');
    const next = await widget.say(applicant.name);
    expect(next.join('\n')).toMatch(/身份证/);
    // Nothing was shown twice after the reconnect.
    expect(await widget.botTexts()).toEqual([...before.bot, ...next]);
  });

  it('shows markup someone types as plain text and runs none of it', async () => {
    const { widget, page, problems } = await visit();
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await widget.open();
    await widget.waitForBot();
    const attack = '<img src=x onerror="window.__widgetXss=1;alert(1)"><script>window.__widgetXss=2</script>';
    await widget.say(attack);
    expect(await widget.userTexts()).toContain(attack);
    expect(await widget.log.getByText(attack, { exact: true }).isVisible()).toBe(true);
    expect(await widget.widget.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __widgetXss?: number }).__widgetXss)).toBeUndefined();
    expect(dialogs).toBe(0);
    expect(problems).toEqual([]);
    await widget.screenshot('markup-as-text');
  });

  it('works on a 375×740 phone screen: the panel fills the screen and the input is usable', async () => {
    const { widget, page } = await visit({ width: 375, height: 740 });
    await widget.screenshot('phone-closed');
    const launcher = await widget.launcher.boundingBox();
    expect(launcher && launcher.x + launcher.width <= 375 && launcher.y + launcher.height <= 740).toBe(true);
    await widget.open();
    await widget.waitForBot();
    const panel = await widget.panel.boundingBox();
    expect(panel).toMatchObject({ x: 0, y: 0, width: 375, height: 740 });
    const input = await widget.input.boundingBox();
    expect(input && input.y + input.height <= 740 && input.x >= 0 && input.x + input.width <= 375).toBe(true);
    const replies = await widget.say('什么是家庭共济');
    expect(replies.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await widget.screenshot('phone-open');
  });

  it('can be used with the keyboard alone', async () => {
    const { widget, page } = await visit();
    const focusedName = () =>
      page.evaluate(() => {
        const host = document.querySelector('[data-gongji-widget]');
        const inner = host?.shadowRoot?.activeElement;
        return document.activeElement === host && inner ? (inner.getAttribute('aria-label') ?? inner.getAttribute('id') ?? inner.textContent) : null;
      });
    let reached = false;
    for (let presses = 0; presses < 40 && !reached; presses += 1) {
      await page.keyboard.press('Tab');
      reached = (await focusedName()) === '打开医保共济助手对话窗口';
    }
    expect(reached).toBe(true);
    const outline = await widget.launcher.evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await widget.panel.waitFor({ state: 'visible' });
    expect(await focusedName()).toBe('gongji-input');
    await widget.waitForBot();
    const before = await widget.widget.locator('.bubble.bot').count();
    await page.keyboard.type('可以绑定哪些家人');
    await page.keyboard.press('Enter');
    const replies = await widget.waitForReplies(before);
    expect(replies.length).toBeGreaterThan(0);
    expect(await widget.userTexts()).toContain('可以绑定哪些家人');
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('发送');
    await widget.screenshot('keyboard-focus');
    await page.keyboard.press('Escape');
    await widget.panel.waitFor({ state: 'hidden' });
    expect(await focusedName()).toBe('打开医保共济助手对话窗口');
  });

  it('switches to large text and high contrast, and remembers both after a reload', async () => {
    const { widget, page } = await visit();
    await widget.open();
    await widget.waitForBot();
    const fontSize = () => widget.widget.locator('.bubble.bot').first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    const background = () => widget.panel.evaluate((element) => getComputedStyle(element).backgroundColor);
    const normalSize = await fontSize();
    const normalBackground = await background();
    const largeText = widget.widget.getByRole('button', { name: '大字' });
    await largeText.click();
    expect(await largeText.getAttribute('aria-pressed')).toBe('true');
    expect(await fontSize()).toBeGreaterThanOrEqual(normalSize * 1.25);
    await widget.widget.getByRole('button', { name: '高对比' }).click();
    expect(await background()).not.toBe(normalBackground);
    await widget.screenshot('large-text-high-contrast');
    await page.reload();
    await widget.panel.waitFor({ state: 'visible' });
    await widget.waitForBot();
    expect(await fontSize()).toBeGreaterThanOrEqual(normalSize * 1.25);
    expect(await background()).toBe('rgb(0, 0, 0)');
  });

  it('loses and repeats nothing when the connection drops before the answer arrives', async () => {
    const page = await (await run.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    let connections = 0;
    await page.routeWebSocket(/\/ws/, (socket) => {
      connections += 1;
      const server = socket.connectToServer();
      if (connections > 1) return;
      // The first connection carries the question to the server, then dies before any answer gets through.
      socket.onMessage((frame) => server.send(frame));
      server.onMessage((frame) => {
        if (String(frame).includes('"type":"message"')) void socket.close({ code: 4000, reason: 'dropped' });
      });
    });
    await page.goto(run.assistant.url);
    const widget = new WidgetPage(page);
    await widget.open();
    await widget.waitForBot();
    const greeting = await widget.botTexts();
    const replies = await widget.say('我要办理绑定');
    expect(connections).toBe(2);
    expect(replies.join('\n')).toMatch(/姓名/);
    expect(await widget.userTexts()).toEqual(['我要办理绑定']);
    expect(await widget.botTexts()).toEqual([...greeting, ...replies]);
    expect(new Set(replies).size).toBe(replies.length);
    await widget.screenshot('reconnected-after-drop');
  });

  it('still answers through the JSON API when websockets are blocked', async () => {
    const page = await (await run.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    let socketAttempts = 0;
    await page.routeWebSocket(/\/ws/, (socket) => {
      socketAttempts += 1;
      void socket.close({ code: 1011 });
    });
    const chatRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/chat')) chatRequests.push(request.postData() ?? '');
    });
    await page.goto(run.assistant.url);
    const widget = new WidgetPage(page);
    await widget.open();
    await widget.waitForBot();
    await expect.poll(() => widget.status.textContent(), { timeout: 15_000 }).toContain('简易模式');
    const replies = await widget.say('我要办理绑定');
    expect(replies.join('\n')).toMatch(/姓名/);
    expect(socketAttempts).toBeGreaterThanOrEqual(3);
    expect(chatRequests).toHaveLength(1);
    await widget.screenshot('websocket-blocked-fallback');
  });
});
