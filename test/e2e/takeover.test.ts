import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendApplications } from '../helpers/backendApplications.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { startAssistant } from './assistantServer.js';
import { axeViolations } from './axe.js';
import { chromiumAvailability, launchChromium, screenshotDir } from './chromium.js';
import { answerTo, type Person } from './bindingAnswers.js';
import { WidgetPage } from './widgetPage.js';

const availability = chromiumAvailability();
/** Each step waits on a real server and browser sharing two busy cores. */
const patiently = { timeout: 10_000 };

type Family = { applicant: Person; mother: Person; correctedPhone: string };

/** A 大连 applicant binding his mother, whose phone he gets wrong; each scenario has its own people. */
function family(year: number, phoneTail: string): Family {
  return {
    applicant: { name: '王建国', idNumber: makeIdNumber({ region: '210203', birthDate: `${year}-04-16`, sex: 'male' }), phone: `1381234${phoneTail}` },
    mother: { name: '李秀英', idNumber: makeIdNumber({ region: '210204', birthDate: `${year - 26}-09-03`, sex: 'female' }), phone: `1398765${phoneTail}` },
    correctedPhone: `1370000${phoneTail}`,
  };
}

/**
 * The person answers the assistant's questions until `stop` matches its latest question (or, without one, until the
 * application is filed); returns the record number when it was filed.
 */
async function answerUntil(widget: WidgetPage, people: Family, replies: string[], stop?: RegExp): Promise<string | undefined> {
  const transcript = [...replies];
  for (let turn = 0; turn < 20; turn += 1) {
    if (stop?.test(replies.at(-1) ?? '')) return undefined;
    const answer = answerTo(people, replies);
    if (answer === undefined) throw new Error(`no answer for the assistant's question:\n${transcript.join('\n')}`);
    if ('done' in answer) return answer.done;
    if ('wait' in answer) replies = await widget.waitForReplies(await widget.widget.locator('.bubble.bot').count());
    else if ('choose' in answer) replies = await widget.choose(answer.choose);
    else replies = await widget.say(answer.say);
    transcript.push(...replies);
  }
  throw new Error(`the conversation did not get there:\n${transcript.join('\n')}`);
}

describe.skipIf(!availability.available)('an agent takes over a widget chat (转人工) in Chromium', () => {
  let assistant: Awaited<ReturnType<typeof startAssistant>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const agents = new Map<string, { page: Page; id: string }>();

  beforeAll(async () => {
    // Agents answer whenever the suite runs.
    [assistant, browser] = await Promise.all([startAssistant({ AGENT_HOURS: 'Mon-Sun 00:00-24:00' }), launchChromium()]);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await assistant?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: `${screenshotDir}takeover-${name}.png` });

  /** An agent at the /agent console, signed in with their one-time password and a new one of their own. */
  async function agentConsole(login: string): Promise<{ page: Page; id: string }> {
    const known = agents.get(login);
    if (known) return known;
    const added = await assistant.staff.accounts.add(login, 'agent', { staffId: 'cli', login: 'e2e' });
    if (!added.ok) throw new Error(`agent ${login} not added`);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${assistant.url}/agent`);
    await page.getByLabel('账号').fill(login);
    await page.getByLabel('密码').fill(added.oneTimePassword);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByLabel('当前密码（一次性密码）').fill(added.oneTimePassword);
    await page.getByLabel('新密码', { exact: true }).fill(`${login}-hotline-2026`);
    await page.getByLabel('再输一次新密码').fill(`${login}-hotline-2026`);
    await page.getByRole('button', { name: '保存新密码' }).click();
    await page.getByRole('heading', { name: '网上排队（转人工）' }).waitFor();
    const agent = { page, id: added.account.id };
    agents.set(login, agent);
    return agent;
  }

  /** A person on a phone with the widget open; `blockWebsocket` puts them behind a proxy that refuses websockets. */
  async function widgetUser(options: { blockWebsocket?: boolean } = {}): Promise<WidgetPage> {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN', hasTouch: true, isMobile: true });
    contexts.push(context);
    const page = await context.newPage();
    if (options.blockWebsocket) await page.routeWebSocket(/\/ws/, (socket) => void socket.close({ code: 1011 }));
    await page.goto(assistant.url);
    const widget = new WidgetPage(page);
    await widget.open();
    await widget.waitForBot();
    if (options.blockWebsocket) await expect.poll(() => widget.status.textContent(), { timeout: 15_000 }).toContain('简易模式');
    return widget;
  }

  /** The person types to the agent: no answer comes from the assistant, the message is simply delivered. */
  async function personWrites(widget: WidgetPage, text: string): Promise<void> {
    await widget.input.fill(text);
    await widget.input.press('Enter');
    await expect.poll(() => widget.widget.locator('.bubble.pending').count(), patiently).toBe(0);
    await expect.poll(() => widget.userTexts(), patiently).toContain(text);
  }

  const queueEntry = (page: Page) => page.locator('.queue-entry');
  const transcriptText = (page: Page) => page.locator('.transcript').textContent();
  const heldField = (page: Page, slot: string, member?: number) =>
    page.locator(
      member === undefined
        ? `.takeover form.field[data-slot="${slot}"]:not([data-member])`
        : `.takeover form.field[data-slot="${slot}"][data-member="${member}"]`,
    );

  async function agentWrites(page: Page, text: string): Promise<void> {
    await page.getByLabel('回复群众（Enter 发送，Shift+Enter 换行）').fill(text);
    await page.getByLabel('回复群众（Enter 发送，Shift+Enter 换行）').press('Enter');
    await expect.poll(() => transcriptText(page), patiently).toContain(text);
  }

  /**
   * The scenario: the person asks for an agent mid-form, the agent sees them in the queue, claims, chats,
   * corrects the mother's phone, hands back; the person confirms and the application is filed exactly once.
   */
  async function takeover(options: { people: Family; blockWebsocket: boolean; screenshots: boolean }) {
    const { people } = options;
    const agent = await agentConsole('zhang.wei');
    const widget = await widgetUser({ blockWebsocket: options.blockWebsocket });
    await answerUntil(widget, people, await widget.say('我要办理绑定'), /其他家人|再添加/);

    const queued = await widget.say('转人工');
    expect(queued.join('\n')).toContain('第 1 位');
    await expect.poll(() => widget.widget.locator('.queue-line').textContent(), { timeout: 10_000 }).toContain('第 1 位');

    // The queue shows the person live: region, waiting time, how far the form got, what the assistant last asked.
    const entry = queueEntry(agent.page);
    await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(1);
    const conversationId = (await entry.getAttribute('data-conversation')) ?? '';
    const listed = (await entry.textContent()) ?? '';
    expect(listed).toContain('第 1 位');
    expect(await agent.page.locator('.queue-count').textContent()).toContain('排队中 1 人');
    expect(listed).toContain('大连');
    expect(listed).toMatch(/已等 \d+ 秒/);
    expect(listed).toMatch(/第 \d 步，共 \d 步 · .+（已添加 1 位家人）/);
    // The queue may first be shown from before the turn that queued the person was stored; the next snapshot has it.
    await expect.poll(() => entry.textContent(), patiently).toMatch(/助手最后问的：.*其他家人/);
    expect(listed).not.toContain(people.mother.phone);
    if (options.screenshots) await shot(agent.page, '1-queue');

    await entry.getByRole('button', { name: /接入/ }).click();
    await agent.page.getByRole('heading', { name: /正在接待网上群众 · 大连/ }).waitFor();
    expect(await agent.page.locator('.shown-as').textContent()).toMatch(/群众看到的您：人工客服 [\w-]+/);
    // The transcript as the agent sees it: the person's words, numbers masked.
    const transcript = (await transcriptText(agent.page)) ?? '';
    expect(transcript).toContain('转人工');
    expect(transcript).toContain(people.mother.name);
    expect(transcript).not.toContain(people.mother.idNumber);
    expect(transcript).not.toContain(people.mother.phone);
    expect(await heldField(agent.page, 'member.phone', 0).locator('.value').textContent()).toBe(
      `${people.mother.phone.slice(0, 3)}****${people.mother.phone.slice(-4)}`,
    );

    // The person sees who is serving them, and the agent's words under the agent's display name, never the login.
    await expect.poll(() => widget.widget.locator('.queue-line').textContent(), { timeout: 10_000 }).toMatch(/人工客服 [\w-]+ 正在为您服务/);
    await agentWrites(agent.page, '您好，我是人工客服，您的申请我都看到了。有什么要帮您的？');
    const agentBubble = widget.widget.locator('.bubble.agent').last();
    await expect.poll(() => agentBubble.locator('.text').textContent(), { timeout: 10_000 }).toContain('您好，我是人工客服');
    const shownName = (await agentBubble.locator('.agent-name').textContent()) ?? '';
    expect(shownName).toMatch(/^人工客服 [\w-]+$/);
    expect(await agent.page.locator('.shown-as').textContent()).toContain(shownName);
    expect(await widget.log.textContent()).not.toContain('zhang.wei');

    await personWrites(widget, '我妈的手机号填错了，应该是' + people.correctedPhone);
    await expect.poll(() => transcriptText(agent.page), { timeout: 10_000 }).toContain('我妈的手机号填错了');
    expect(await transcriptText(agent.page)).not.toContain(people.correctedPhone);

    // The agent corrects the mother's phone: through the engine, checked like the person's own answer.
    const phoneField = heldField(agent.page, 'member.phone', 0);
    await phoneField.getByRole('textbox').fill(people.correctedPhone);
    await phoneField.getByRole('textbox').press('Enter');
    await expect
      .poll(() => phoneField.locator('.value').textContent(), patiently)
      .toBe(`${people.correctedPhone.slice(0, 3)}****${people.correctedPhone.slice(-4)}`);
    await agentWrites(agent.page, '已经帮您改好了，我把对话交还给助手，您接着确认就行。');
    if (options.screenshots) {
      await shot(agent.page, '2-held-chat');
      await widget.screenshot('takeover-3-widget-agent-chat');
    }

    const botCount = await widget.widget.locator('.bubble.bot').count();
    await agent.page.getByRole('button', { name: '交还给助手' }).click();
    await expect.poll(() => agent.page.locator('.notice').textContent(), patiently).toContain('已交还给助手');
    expect(await queueEntry(agent.page).count()).toBe(0);

    // The assistant is back, says so, and carries on from the form as it stands.
    const back = await widget.waitForReplies(botCount);
    expect(back.join('\n')).toContain('交还');
    const recordNumber = await answerUntil(widget, people, back);
    expect(recordNumber).toMatch(/^GJ/);
    if (options.screenshots) await widget.screenshot('takeover-4-widget-filed');

    // Filed exactly once, with the phone the agent corrected.
    const applications = await backendApplications(assistant.backendUrl, assistant.dataDir, people.applicant.idNumber);
    expect(applications.map((application) => application.recordNumber)).toEqual([recordNumber]);
    expect(applications[0]?.members).toMatchObject([{ name: people.mother.name, relationship: 'mother', phone: people.correctedPhone }]);

    // The audit log holds the claim, the messages, the correction and the hand-back, each with the agent's id.
    const audited = await assistant.staff.audit.list({ conversationId });
    expect(audited.map((entry) => [entry.action, entry.staffId])).toEqual([
      ['handoff.claimed', agent.id],
      ['handoff.message', agent.id],
      ['handoff.edit', agent.id],
      ['handoff.message', agent.id],
      ['handoff.handedBack', agent.id],
    ]);
    expect(JSON.stringify(audited)).not.toContain(people.correctedPhone);
  }

  // First: no agent has signed in yet on this server.
  it('gives the hotline and hours when no agent is signed in; the callback request left then reaches an agent with its form', async () => {
    const people = family(1968, '6543');
    const widget = await widgetUser();
    await answerUntil(widget, people, await widget.say('我要办理绑定'), /是您的什么人|什么关系/);
    const unavailable = (await widget.say('转人工')).join('\n');
    expect(unavailable).toContain('人工客服都不在线');
    expect(unavailable).toMatch(/热线 \d+/);
    expect(unavailable).toContain('周一至周日 00:00-24:00');
    expect((await widget.choose('留下回电请求')).at(-1)).toContain(`${people.applicant.phone.slice(0, 3)}****${people.applicant.phone.slice(-4)}`);
    expect((await widget.choose('就打这个号码')).at(-1)).toContain('什么时候回电');
    const filed = (await widget.choose('工作日上午')).join('\n');
    const ticketNumber = /编号 ?([0-9-]+)/.exec(filed)?.[1] ?? '';
    expect(ticketNumber).not.toBe('');
    // Nothing was lost: the form carries on where it was.
    expect(filed).toMatch(/是您的什么人|什么关系/);

    // An agent signs in later and finds the ticket, with the conversation's form, the phone masked until asked for.
    const agent = await agentConsole('zhang.wei');
    const ticket = agent.page.locator(`.callback[data-ticket="${ticketNumber}"]`);
    await expect.poll(() => ticket.count(), { timeout: 10_000 }).toBe(1);
    expect(await ticket.textContent()).toContain('希望回电时间：工作日上午');
    expect(await ticket.textContent()).not.toContain(people.applicant.phone);
    await ticket.getByText('查看表单').click();
    expect(await axeViolations(agent.page)).toEqual([]);
    const form = (await ticket.locator('.form-fields').textContent()) ?? '';
    expect(form).toContain(people.applicant.name);
    expect(form).toContain(`${people.applicant.idNumber.slice(0, 6)}********${people.applicant.idNumber.slice(-4)}`);
    expect(form).not.toContain(people.applicant.idNumber);
    await shot(agent.page, '0-callback');
    await ticket.getByRole('button', { name: '显示完整号码（会记录）' }).click();
    await expect.poll(() => ticket.textContent(), patiently).toContain(people.applicant.phone);
    await ticket.getByRole('button', { name: '已回电，关闭工单' }).click();
    await expect.poll(() => ticket.count(), patiently).toBe(0);
    const audited = await assistant.staff.audit.list({ staffId: agent.id });
    expect(audited.filter((entry) => entry.action.startsWith('callback.')).map((entry) => [entry.action, entry.detail['ticketNumber']])).toEqual([
      ['callback.phoneRevealed', ticketNumber],
      ['callback.closed', ticketNumber],
    ]);
  }, 60_000);

  it('the agent claims a person who asked mid-form, chats, corrects the mother’s phone and hands back; filed once', async () => {
    await takeover({ people: family(1970, '4321'), blockWebsocket: false, screenshots: true });
  }, 90_000);

  it('does the same for a person whose widget is on the JSON fallback (websockets blocked)', async () => {
    await takeover({ people: family(1972, '5432'), blockWebsocket: true, screenshots: false });
  }, 90_000);

  it('tells the second of two agents clicking 接入 at once, in Chinese, that a colleague has the person', async () => {
    const [first, second] = await Promise.all([agentConsole('zhang.wei'), agentConsole('li.na')]);
    const widget = await widgetUser();
    await widget.say('我要办理绑定');
    expect((await widget.say('转人工')).join('\n')).toContain('第 1 位');
    await Promise.all([first, second].map((agent) => expect.poll(() => queueEntry(agent.page).count(), { timeout: 10_000 }).toBe(1)));
    expect(await axeViolations(first.page)).toEqual([]);

    // "At once" made certain: the second agent's claim leaves the console first but reaches the server only after
    // the first agent holds the person. Clicking both and hoping for a tie does not: on a busy machine the first
    // claim's live update can remove the second's button before the second click lands.
    const [winner, loser] = [first, second];
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await loser.page.route('**/api/v1/agent/handoffs/*/claim', async (route) => {
      await released;
      await route.continue();
    });
    await queueEntry(loser.page).getByRole('button', { name: /接入/ }).click();
    await queueEntry(winner.page).getByRole('button', { name: /接入/ }).click();
    await winner.page.getByRole('heading', { name: /正在接待网上群众/ }).waitFor();
    release();
    // Each console settles on the held chat or on a refusal.
    const settled = (page: Page) => page.locator('.takeover, .queue .problem').count();
    await Promise.all([first, second].map((agent) => expect.poll(() => settled(agent.page), patiently).toBe(1)));
    expect(await Promise.all([winner, loser].map((agent) => agent.page.locator('.takeover').count()))).toEqual([1, 0]);
    expect(await axeViolations(winner.page)).toEqual([]);
    await expect.poll(() => loser.page.locator('.queue .problem').textContent(), patiently).toContain('已由其他客服接入');
    await expect.poll(() => queueEntry(loser.page).count(), patiently).toBe(0);
    await shot(loser.page, '5-claimed-by-colleague');

    // Let go, the person waits again at their place, and the colleague can take them.
    await winner.page.getByRole('button', { name: '放回排队' }).click();
    await expect.poll(() => winner.page.locator('.notice').textContent(), patiently).toContain('已放回排队');
    await expect.poll(() => queueEntry(loser.page).count(), { timeout: 10_000 }).toBe(1);
    await queueEntry(loser.page).getByRole('button', { name: /接入/ }).click();
    await loser.page.getByRole('heading', { name: /正在接待网上群众/ }).waitFor();
    await loser.page.getByRole('button', { name: '交还给助手' }).click();
    await expect.poll(() => widget.log.textContent(), { timeout: 10_000 }).toContain('交还');
  }, 60_000);
});
