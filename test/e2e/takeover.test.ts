import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAssistant } from './assistantServer.js';
import { axeViolations } from './axe.js';
import { chromiumAvailability, launchChromium, screenshotDir } from './chromium.js';
import { WidgetPage } from './widgetPage.js';

const availability = chromiumAvailability();

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
    const added = await assistant.staff.accounts.add(login, 'agent', {
      staffId: 'cli',
      login: 'e2e',
    });
    if (!added.ok) throw new Error(`agent ${login} not added`);
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
    });
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
    const context = await browser.newContext({
      viewport: { width: 375, height: 740 },
      locale: 'zh-CN',
      hasTouch: true,
      isMobile: true,
    });
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

  const queueEntry = (page: Page) => page.locator('.queue-entry');
  it('tells the second of two agents clicking 接入 at once, in Chinese, that a colleague has the person', async () => {
    const [first, second] = await Promise.all([agentConsole('zhang.wei'), agentConsole('li.na')]);
    const widget = await widgetUser();
    await widget.say('我要办理绑定');
    expect((await widget.say('转人工')).join('\n')).toContain('第 1 位');
    await Promise.all([first, second].map((agent) => expect.poll(() => queueEntry(agent.page).count(), { timeout: 10_000 }).toBe(1)));
    expect(await axeViolations(first.page)).toEqual([]);

    await Promise.all([first, second].map((agent) => queueEntry(agent.page).getByRole('button', { name: /接入/ }).click()));
    // Each console settles on the held chat or on a refusal.
    const settled = (page: Page) => page.locator('.takeover, .queue .problem').count();
    await Promise.all([first, second].map((agent) => expect.poll(() => settled(agent.page)).toBe(1)));
    const holding = await Promise.all([first, second].map((agent) => agent.page.locator('.takeover').count()));
    expect([...holding].sort()).toEqual([0, 1]);
    const [winner, loser] = holding[0] === 1 ? [first, second] : [second, first];
    expect(await axeViolations(winner.page)).toEqual([]);
    await expect.poll(() => loser.page.locator('.queue .problem').textContent()).toContain('已由其他客服接入');
    await expect.poll(() => queueEntry(loser.page).count()).toBe(0);
    await shot(loser.page, '5-claimed-by-colleague');

    // Let go, the person waits again at their place, and the colleague can take them.
    await winner.page.getByRole('button', { name: '放回排队' }).click();
    await expect.poll(() => winner.page.locator('.notice').textContent()).toContain('已放回排队');
    await expect.poll(() => queueEntry(loser.page).count(), { timeout: 10_000 }).toBe(1);
    await queueEntry(loser.page).getByRole('button', { name: /接入/ }).click();
    await loser.page.getByRole('heading', { name: /正在接待网上群众/ }).waitFor();
    await loser.page.getByRole('button', { name: '交还给助手' }).click();
    await expect.poll(() => widget.log.textContent(), { timeout: 10_000 }).toContain('交还');
  }, 60_000);
});
