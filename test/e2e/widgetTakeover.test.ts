import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff, type StaffClient } from '../http/staffClient.js';
import type { TestServer } from '../http/testServer.js';
import { phone, useAssistantInChromium } from './assistantInChromium.js';
import { axeViolations } from './axe.js';
import { chromiumAvailability } from './chromium.js';
import { WidgetPage } from './widgetPage.js';

const availability = chromiumAvailability();

/**
 * The person's side of a takeover in Chromium: the queue line, the agent's name on their messages, on the websocket
 * and on the JSON fallback. The agent acts through the API here; the /agent console has its own two-context tests.
 */
describe.skipIf(!availability.available)('the widget while a hotline agent takes the chat', () => {
  const run = useAssistantInChromium({ AGENT_HOURS: 'Mon-Sun 00:00-24:00' });
  let agent: StaffClient & { id: string };

  beforeAll(async () => {
    agent = await signedInStaff(run.assistant as unknown as TestServer, 'li.na', 'agent');
  });

  async function visit(blockSockets: boolean): Promise<{ widget: WidgetPage; page: Page }> {
    const page = await (await run.newContext(phone)).newPage();
    if (blockSockets) await page.routeWebSocket(/\/ws/, (socket) => void socket.close({ code: 1011 }));
    await page.goto(run.assistant.url);
    const widget = new WidgetPage(page);
    await widget.open();
    await widget.waitForBot();
    return { widget, page };
  }

  const queueLine = (widget: WidgetPage) => widget.widget.locator('.queue-line');

  /** The conversation the widget is in, as the agents' queue lists it (the newest waiting one). */
  async function waitingConversation(): Promise<string> {
    let id: string | undefined;
    await expect.poll(async () => (id = (await agent.request('GET', '/api/v1/agent/handoffs')).body.waiting.at(-1)?.conversationId), { timeout: 10_000 }).toBeDefined();
    return id!;
  }

  for (const blockSockets of [false, true]) {
    it(`shows the place in the queue, then the agent by name on their messages${blockSockets ? ' (websockets blocked: long poll)' : ''}`, async () => {
      await agent.request('GET', '/api/v1/agent/handoffs');
      const { widget, page } = await visit(blockSockets);
      if (blockSockets) await expect.poll(() => widget.status.textContent(), { timeout: 15_000 }).toContain('简易模式');
      await widget.say('转人工');
      await expect.poll(() => queueLine(widget).textContent(), { timeout: 10_000 }).toContain('第 1 位');
      const conversationId = await waitingConversation();

      const claimed = (await agent.request('POST', `/api/v1/agent/handoffs/${conversationId}/claim`)).body.conversation;
      await expect.poll(() => queueLine(widget).textContent(), { timeout: 10_000 }).toContain(`${claimed.agent} 正在为您服务`);
      await agent.request('POST', `/api/v1/agent/handoffs/${conversationId}/messages`, { text: '您好，我是人工客服，请问哪里需要帮忙？' });
      const agentBubble = widget.widget.locator('.bubble.agent').last();
      await agentBubble.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await agentBubble.locator('.agent-name').textContent()).toBe(claimed.agent);
      expect(await agentBubble.locator('.text').textContent()).toBe('您好，我是人工客服，请问哪里需要帮忙？');
      await widget.screenshot(blockSockets ? 'widget-takeover-fallback' : 'widget-takeover');
      if (!blockSockets) expect(await axeViolations(page)).toEqual([]);

      await agent.request('POST', `/api/v1/agent/handoffs/${conversationId}/handback`);
      await expect.poll(() => queueLine(widget).isHidden(), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => widget.lastBotText(), { timeout: 10_000 }).toContain('交还');
    });
  }
});
