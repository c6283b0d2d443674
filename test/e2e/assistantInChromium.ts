import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startAssistant } from './assistantServer.js';
import { launchChromium } from './chromium.js';

export type Assistant = Awaited<ReturnType<typeof startAssistant>>;

/** A staff member's desk screen. */
export const editorDesk: BrowserContextOptions = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };

/** A phone in the hand of a person using the widget. */
export const phone: BrowserContextOptions = { viewport: { width: 375, height: 740 }, locale: 'zh-CN', hasTouch: true, isMobile: true };

/**
 * The real assistant (`environment` adds or overrides variables) and the run's Chromium for the tests of the describe
 * block this is called in: started before them, closed after them. Each browser context a test opens through
 * `newContext` (its own storage: a new person or staff member) is closed when the test ends.
 */
export function useAssistantInChromium(environment: Record<string, string> = {}) {
  let running: { assistant: Assistant; browser: Browser } | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    const [assistant, browser] = await Promise.all([startAssistant(environment), launchChromium()]);
    running = { assistant, browser };
  });
  afterAll(async () => {
    await running?.browser.close();
    await running?.assistant.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  const started = () => {
    if (running === undefined) throw new Error('useAssistantInChromium: the assistant and the browser start before the tests; use them in a hook or a test');
    return running;
  };
  return {
    get assistant(): Assistant {
      return started().assistant;
    },
    async newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
      const context = await started().browser.newContext(options);
      contexts.push(context);
      return context;
    },
  };
}

/** What went wrong on the page as the test drove it: page errors and Content Security Policy refusals. */
export function problemsOn(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  return problems;
}

/**
 * An editor signs in at /editor; at the first sign-in (`newPassword`) the password is the one-time one the account
 * was created with, and the editor sets their own. `shot` is taken with the sign-in form filled.
 */
export async function signInToEditor(page: Page, login: string, password: string, options: { newPassword?: string; shot?: () => Promise<unknown> } = {}): Promise<void> {
  await page.getByLabel('账号').fill(login);
  await page.getByLabel('密码').fill(password);
  await options.shot?.();
  await page.getByRole('button', { name: '登录' }).click();
  if (options.newPassword !== undefined) {
    await page.getByRole('heading', { name: '首次登录，请设置自己的密码' }).waitFor();
    await page.getByLabel('一次性密码').fill(password);
    await page.getByLabel('新密码（至少 10 个字符）').fill(options.newPassword);
    await page.getByRole('button', { name: '设置密码' }).click();
  }
  await page.getByText('共济助手 · 内容编辑台').first().waitFor();
}

/**
 * A line of the file open in the editor, scrolled into the rendered part first: CodeMirror draws only the lines near
 * what is visible, so a line further down a file that grew is not in the page until the editor is scrolled to it. The
 * file may still be opening, so the editor is swept from the top again until the line shows or `timeoutMs` passes.
 */
export async function editorLine(page: Page, text: string, timeoutMs = 15_000): Promise<Locator> {
  const line = page.locator('.cm-line', { hasText: text });
  // What scrolls is the editor's own scroller or, where the console lets the editor grow, the nearest ancestor that
  // does. `down` scrolls half a screen and says whether it moved.
  const scroll = (how: 'top' | 'down') =>
    page.locator('.cm-scroller').evaluate((element, how) => {
      let scrolling: Element = document.scrollingElement ?? document.documentElement;
      for (let at: Element | null = element; at; at = at.parentElement) {
        if (at.scrollHeight > at.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(at).overflowY)) {
          scrolling = at;
          break;
        }
      }
      if (how === 'top') {
        scrolling.scrollTo(0, 0);
        return true;
      }
      const before = scrolling.scrollTop;
      scrolling.scrollBy(0, scrolling.clientHeight / 2);
      return scrolling.scrollTop !== before;
    }, how);
  // CodeMirror redraws after the scroll event: wait a frame for the new lines.
  const drawn = () => page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))));
  const until = Date.now() + timeoutMs;
  while ((await line.count()) === 0 && Date.now() < until) {
    await scroll('top');
    await drawn();
    let moved = true;
    while ((await line.count()) === 0 && moved) {
      moved = await scroll('down');
      await drawn();
    }
    if ((await line.count()) === 0) await page.waitForTimeout(200);
  }
  return line.first();
}
