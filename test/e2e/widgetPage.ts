import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { screenshotDir } from './chromium.js';

/** How the tests see the widget: by role and visible text, as a person does (locators pierce its shadow root). */
export class WidgetPage {
  readonly widget: Locator;

  constructor(readonly page: Page) {
    this.widget = page.locator('[data-gongji-widget]');
  }

  get launcher(): Locator {
    return this.widget.getByRole('button', { name: '打开医保共济助手对话窗口' });
  }

  get panel(): Locator {
    return this.widget.getByRole('dialog', { name: '共济助手' });
  }

  get input(): Locator {
    return this.widget.getByRole('textbox', { name: '输入消息' });
  }

  get log(): Locator {
    return this.widget.getByRole('log');
  }

  /** The connection state (the first status line; the application's progress is the other). */
  get status(): Locator {
    return this.widget.locator('.status');
  }

  /** The polite hint under the input: the expected length, counted while typing. */
  get hint(): Locator {
    return this.widget.locator('#gongji-hint');
  }

  get xKey(): Locator {
    return this.widget.getByRole('button', { name: '输入字母X（身份证号最后一位是X时用）' });
  }

  quickReply(title: string): Locator {
    return this.widget.locator('.quick').getByRole('button', { name: title, exact: true });
  }

  async open(): Promise<void> {
    await this.launcher.click();
    await this.panel.waitFor({ state: 'visible' });
  }

  async botTexts(): Promise<string[]> {
    return this.widget.locator('.bubble.bot .text').allTextContents();
  }

  async userTexts(): Promise<string[]> {
    return this.widget.locator('.bubble.user .text').allTextContents();
  }

  async lastBotText(): Promise<string> {
    return (await this.botTexts()).at(-1) ?? '';
  }

  /** Waits for the greeting (or the restored conversation) to be on screen. */
  async waitForBot(): Promise<void> {
    await this.widget.locator('.bubble.bot').first().waitFor();
  }

  /**
   * Waits until the assistant has answered: more bot messages than before, nothing pending, and no new message
   * for a moment (a turn's replies arrive as several frames in a row).
   */
  async waitForReplies(botCountBefore: number): Promise<string[]> {
    const bubbles = this.widget.locator('.bubble.bot');
    const pending = this.widget.locator('.bubble.pending');
    let stableSince = 0;
    let lastCount = -1;
    for (;;) {
      const count = await bubbles.count();
      const waiting = await pending.count();
      if (count > botCountBefore && waiting === 0 && count === lastCount) {
        stableSince += 1;
        if (stableSince >= 3) return (await this.botTexts()).slice(botCountBefore);
      } else {
        stableSince = 0;
      }
      lastCount = count;
      await this.page.waitForTimeout(100);
    }
  }

  /** Types a message the way a person does and waits for the answer. */
  async say(text: string): Promise<string[]> {
    const before = await this.widget.locator('.bubble.bot').count();
    await this.input.fill(text);
    await this.input.press('Enter');
    return this.waitForReplies(before);
  }

  async choose(title: string): Promise<string[]> {
    const before = await this.widget.locator('.bubble.bot').count();
    await this.quickReply(title).click();
    return this.waitForReplies(before);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  }
}
