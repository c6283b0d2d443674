import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { phone, useAssistantInChromium } from './assistantInChromium.js';
import { axeReport } from './axe.js';
import { chromiumAvailability } from './chromium.js';
import { WidgetPage } from './widgetPage.js';

const availability = chromiumAvailability();

/** An elderly 大连 applicant on a phone, binding his mother and his wife. */
const applicant = { name: '王建国', idNumber: makeIdNumber({ region: '210203', birthDate: '1958-04-16', sex: 'male' }), phone: '13812342420' };
const mother = { name: '李秀英', idNumber: makeIdNumber({ region: '210204', birthDate: '1936-09-03', sex: 'female' }), phone: '13987654321' };
const wife = { name: '赵桂芝', idNumber: makeIdNumber({ region: '210202', birthDate: '1960-02-11', sex: 'female' }), phone: '13700001111' };

/**
 * speechSynthesis as the page sees it, recording what would be spoken. `voices` are the languages the device has:
 * headless Chromium has none, so the stub stands in for a phone with (or without) a Chinese voice.
 */
function speechStub(voices: string[]): string {
  return `(() => {
    window.__spoken = [];
    class Utterance { constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.rate = 1; this.onend = null; this.onerror = null; } }
    const synthesis = {
      speaking: false,
      getVoices: () => ${JSON.stringify(voices)}.map((lang) => ({ lang, name: lang, default: false, localService: true, voiceURI: lang })),
      speak(utterance) {
        window.__spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice && utterance.voice.lang });
        setTimeout(() => utterance.onend && utterance.onend(), 20);
      },
      cancel() {},
      addEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  })();`;
}

type Spoken = { text: string; lang: string; voice: string | null };

describe.skipIf(!availability.available)('the widget for elders on a 375×740 phone', () => {
  const run = useAssistantInChromium();

  async function visit(options: { voices?: string[] } = {}): Promise<{ widget: WidgetPage; page: Page; context: BrowserContext; problems: string[] }> {
    const context = await run.newContext(phone);
    if (options.voices) await context.addInitScript(speechStub(options.voices));
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(run.assistant.url);
    const widget = new WidgetPage(page);
    await widget.open();
    await widget.waitForBot();
    return { widget, page, context, problems };
  }

  /** axe-core on the page (the widget's shadow root included) against WCAG 2.2 AA. */
  async function axeViolations(page: Page): Promise<string[]> {
    const report = await axeReport(page);
    expect(report.passedInWidget).toBeGreaterThan(20);
    return report.violations;
  }

  const progressText = (widget: WidgetPage) => widget.widget.locator('.progress-text');
  const inputAttributes = (widget: WidgetPage) =>
    widget.input.evaluate((input: HTMLInputElement) => ({ inputMode: input.inputMode, autocomplete: input.autocomplete, placeholder: input.placeholder }));

  it('fits the input to the question: numeric keypad with an X key for an ID number, phone keypad, one-time code', async () => {
    const { widget, page } = await visit();
    expect(await inputAttributes(widget)).toMatchObject({ inputMode: 'text' });
    expect(await widget.hint.isVisible()).toBe(false);
    await widget.say('我要办理绑定');
    await widget.say(applicant.name);

    // The ID number question: digits keypad, X beside the field, the length said and counted while typing.
    expect(await inputAttributes(widget)).toEqual({ inputMode: 'numeric', autocomplete: 'off', placeholder: '请输入18位身份证号码' });
    expect(await widget.xKey.isVisible()).toBe(true);
    expect(await widget.hint.textContent()).toBe('共 18 位');
    expect(await widget.hint.getAttribute('aria-live')).toBe('polite');
    expect(await widget.input.getAttribute('aria-describedby')).toBe('gongji-hint');
    await widget.input.pressSequentially(applicant.idNumber.slice(0, 6));
    expect(await widget.hint.textContent()).toBe('已输入 6 位，还差 12 位');
    await widget.input.fill('21020219580416123');
    await widget.xKey.tap();
    expect(await widget.input.inputValue()).toBe('21020219580416123X');
    expect(await widget.hint.textContent()).toBe('已输入 18 位，位数对了');
    // The X key keeps the field focused, so the keypad stays up.
    expect(await page.evaluate(() => document.querySelector('[data-gongji-widget]')?.shadowRoot?.activeElement?.id)).toBe('gongji-input');
    await widget.screenshot('elder-id-number-keypad');
    await widget.input.fill('');
    await widget.say(applicant.idNumber);

    expect(await inputAttributes(widget)).toEqual({ inputMode: 'tel', autocomplete: 'off', placeholder: '请输入11位手机号码' });
    expect(await widget.xKey.isVisible()).toBe(false);
    expect(await widget.hint.textContent()).toBe('共 11 位');
    await widget.input.fill('138 1234 24201');
    expect(await widget.hint.textContent()).toBe('已输入 12 位，多了 1 位，请检查一下');
    await widget.input.fill('');
    // A reload in the middle of the application keeps the keypad and the step.
    await page.reload();
    await widget.panel.waitFor({ state: 'visible' });
    await widget.waitForBot();
    await expect.poll(() => inputAttributes(widget)).toMatchObject({ inputMode: 'tel' });
    expect(await progressText(widget).textContent()).toBe('第 2 步，共 5 步 · 您的信息');
    await widget.say(applicant.phone);

    // A choice (the relationship) goes back to plain text, with the buttons above.
    expect(await inputAttributes(widget)).toMatchObject({ inputMode: 'text', placeholder: '请点上面的选项，或直接输入' });
    expect(await widget.hint.isVisible()).toBe(false);
  });

  it('asks for a one-time code with the numeric keypad and lets the phone fill it in', async () => {
    const { widget } = await visit();
    // Someone checks an application: before anything is shown, a code goes to the phone on file.
    await widget.say('帮我查一下申请进度');
    expect(await inputAttributes(widget)).toMatchObject({ inputMode: 'numeric' });
    const replies = await widget.say('210202196803150310');
    expect(replies.join('\n')).toMatch(/验证码/);
    expect(await inputAttributes(widget)).toEqual({ inputMode: 'numeric', autocomplete: 'one-time-code', placeholder: '请输入短信验证码' });
    expect(await widget.hint.textContent()).toBe('共 6 位');
    expect(await widget.xKey.isVisible()).toBe(false);
  });

  it('shows the step of an application with two family members as it advances, and reads the summary aloud without stars', async () => {
    const { widget, page, problems } = await visit({ voices: ['en-US', 'zh-CN'] });
    const seen: string[] = [];
    const note = async () => {
      const text = (await progressText(widget).isVisible()) ? await progressText(widget).textContent() : null;
      if (text && seen.at(-1) !== text) seen.push(text);
    };
    expect(await progressText(widget).isVisible()).toBe(false);
    let replies = await widget.say('我要办理绑定');
    expect(await progressText(widget).getAttribute('role')).toBe('status');
    const members = [
      { relationship: '母亲', ...mother },
      { relationship: '配偶', ...wife },
    ];
    let added = 0;
    let summary: string | undefined;
    for (let turn = 0; turn < 24 && summary === undefined; turn += 1) {
      await note();
      const question = replies.at(-1) ?? '';
      const member = members[added];
      if (/核对/.test(question)) summary = replies.find((reply) => reply.includes('核对'));
      else if (/承诺/.test(question)) replies = await widget.choose('同意');
      else if (/再添加|其他家人/.test(question)) {
        added += 1;
        replies = await widget.choose(added < members.length ? '继续添加家人' : '不用了，下一步');
      } else if (/是您的什么人|什么关系/.test(question) && member) replies = await widget.choose(member.relationship);
      else if (/(姓名|名字)/.test(question)) replies = await widget.say(member && question.includes(member.relationship) ? member.name : applicant.name);
      else if (/身份证/.test(question)) replies = await widget.say(member && question.includes(member.relationship) ? member.idNumber : applicant.idNumber);
      else if (/手机/.test(question)) replies = await widget.say(member && question.includes(member.relationship) ? member.phone : applicant.phone);
      else throw new Error(`no answer for: ${question}`);
    }
    await note();
    expect(seen).toEqual([
      '第 2 步，共 5 步 · 您的信息',
      '第 3 步，共 5 步 · 家人信息',
      '第 3 步，共 5 步 · 家人信息（已添加 1 位）',
      '第 3 步，共 5 步 · 家人信息（已添加 2 位）',
      '第 4 步，共 5 步 · 承诺书（已添加 2 位）',
      '第 5 步，共 5 步 · 核对提交（已添加 2 位）',
    ]);
    await widget.screenshot('elder-progress-confirm');

    // The summary shows the numbers masked; read aloud they become 尾号…, in Chinese.
    expect(summary).toContain('****');
    const bubble = widget.widget.locator('.bubble.bot').filter({ hasText: '****' }).last();
    const read = bubble.getByRole('button', { name: '朗读这条回复' });
    await read.tap();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken.length)).toBe(1);
    const [spoken] = await page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken);
    expect(spoken).toMatchObject({ lang: 'zh-CN', voice: 'zh-CN' });
    expect(spoken?.text).not.toMatch(/[*＊]/);
    expect(spoken?.text).toContain(`尾号${applicant.phone.slice(-4)}`);
    expect(spoken?.text).toContain(`尾号${mother.idNumber.slice(-4)}`);

    await widget.choose('确认提交');
    await expect.poll(() => progressText(widget).isVisible()).toBe(false);
    expect(problems).toEqual([]);
  }, 90_000);

  it('reads every new reply when asked to, remembers that like large text, and offers no reading without a Chinese voice', async () => {
    const { widget, page } = await visit({ voices: ['zh-CN'] });
    const autoRead = widget.widget.getByRole('button', { name: '自动朗读' });
    await autoRead.tap();
    expect(await autoRead.getAttribute('aria-pressed')).toBe('true');
    const replies = await widget.say('可以绑定哪些家人');
    const spoken = () => page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken);
    await expect.poll(async () => (await spoken()).length).toBe(replies.length);
    expect((await spoken()).every((utterance) => utterance.lang === 'zh-CN' && !utterance.text.includes('*'))).toBe(true);
    await page.reload();
    await widget.panel.waitFor({ state: 'visible' });
    expect(await autoRead.getAttribute('aria-pressed')).toBe('true');

    const english = await visit({ voices: ['en-US'] });
    expect(await english.widget.widget.locator('.bubble.bot').count()).toBeGreaterThan(0);
    expect(await english.widget.widget.getByRole('button', { name: '朗读这条回复' }).count()).toBe(0);
    expect(await english.widget.widget.getByRole('button', { name: '自动朗读' }).isVisible()).toBe(false);
  });

  it('links official sources safely: the official address, a new window, noopener', async () => {
    const { widget, page } = await visit();
    const frames: { sources?: { title: string; url?: string; tier: string }[] }[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => frames.push(JSON.parse(String(payload)) as (typeof frames)[number])));
    await page.reload();
    await widget.panel.waitFor({ state: 'visible' });
    await widget.waitForBot();
    await widget.say('什么人可以开通家庭共济');
    const cited = frames.flatMap((frame) => frame.sources ?? []);
    const official = cited.find((source) => (source.tier === 'A' || source.tier === 'B') && source.url !== undefined);
    expect(official, JSON.stringify(cited)).toBeDefined();
    const link = widget.log.getByRole('link', { name: official!.title });
    expect(await link.getAttribute('href')).toBe(new URL(official!.url!).href);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    // A long list folds after the three most reliable, so that it does not bury the answer.
    if (cited.length > 3) {
      const more = widget.log.getByText(`其余 ${cited.length - 3} 条来源`);
      await more.tap();
      expect(await widget.log.getByText(cited.at(-1)!.title).last().isVisible()).toBe(true);
    }
    // Sources that are not official enough to open are named, not linked.
    for (const source of cited.filter((candidate) => candidate.tier === 'C' || candidate.tier === 'D')) {
      expect(await widget.log.getByRole('link', { name: source.title }).count()).toBe(0);
    }
    await widget.screenshot('elder-source-links');
  });

  it('says offline within 2 s of losing the network, keeps what is typed, and sends it once when back online', async () => {
    const { widget, context } = await visit();
    await expect.poll(() => widget.status.textContent()).toBe('在线');
    await context.setOffline(true);
    const lost = Date.now();
    await expect.poll(() => widget.status.textContent(), { timeout: 2_000, interval: 50 }).toBe('暂时无法连接，请检查网络后重试');
    expect(Date.now() - lost).toBeLessThan(2_000);
    await widget.screenshot('elder-offline');
    const before = await widget.widget.locator('.bubble.bot').count();
    const typed = ['我要办理绑定', applicant.name];
    for (const text of typed) {
      await widget.input.fill(text);
      await widget.input.press('Enter');
    }
    expect(await widget.widget.locator('.bubble.pending').count()).toBe(2);
    expect(await widget.widget.locator('.pending-label').allTextContents()).toEqual(['等网络恢复后自动发送', '等网络恢复后自动发送']);

    await context.setOffline(false);
    await expect.poll(() => widget.status.textContent(), { timeout: 10_000 }).toBe('在线');
    const replies = await widget.waitForReplies(before);
    // Sent once each, in the order typed: the name answered the question the first message started.
    expect(await widget.userTexts()).toEqual(typed);
    expect(replies.at(-1)).toMatch(/身份证/);
  });

  it('passes axe-core at WCAG 2.2 AA with the new controls: progress, length hint, X key, sources, read aloud, offline', async () => {
    const { widget, page, context } = await visit({ voices: ['zh-CN'] });
    await widget.say('什么人可以开通家庭共济');
    await widget.say('我要办理绑定');
    await widget.say(applicant.name);
    await widget.input.pressSequentially('2102');
    expect(await widget.xKey.isVisible()).toBe(true);
    expect(await progressText(widget).isVisible()).toBe(true);
    expect(await widget.log.getByRole('link').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await widget.widget.getByRole('button', { name: '大字' }).tap();
    await widget.widget.getByRole('button', { name: '高对比' }).tap();
    await widget.widget.getByRole('button', { name: '自动朗读' }).tap();
    expect(await axeViolations(page)).toEqual([]);
    // Large text on a phone still leaves the title readable and room for the conversation.
    const title = await widget.widget.getByRole('heading', { name: '共济助手' }).boundingBox();
    expect(title && title.width > title.height).toBe(true);
    expect((await widget.log.boundingBox())?.height).toBeGreaterThan(250);
    await widget.screenshot('elder-large-contrast');
    await context.setOffline(true);
    await expect.poll(() => widget.status.textContent()).toBe('暂时无法连接，请检查网络后重试');
    expect(await axeViolations(page)).toEqual([]);
    await context.setOffline(false);
  });
});
