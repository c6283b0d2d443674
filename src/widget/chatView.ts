import type { ChatEntry, ChatListener, ConnectionStatus, Problem } from './chatClient.js';
import { element } from './element.js';
import { inputFit, lengthHint, type InputFit } from './inputFit.js';
import type { Expects, Progress, QueueStatus, QuickReply } from './protocol.js';
import type { ReadAloud } from './readAloud.js';
import { sourceList } from './sourceList.js';
import { spokenText } from './spokenText.js';
import { widgetStyles } from './widgetStyles.js';
import { wording } from './wording.js';
import type { Preferences } from './widgetStorage.js';

export type ChatViewHandlers = {
  send(text: string): void;
  /** The person opened the panel: the conversation starts (or resumes) only then. */
  opened(): void;
  preferencesChanged(preferences: Preferences): void;
};

/** The typing indicator goes away by itself if the replies it announced never come. */
const typingTimeoutMs = 15_000;

const statusMessage = {
  connecting: 'widget.state.connecting',
  online: 'widget.state.online',
  reconnecting: 'widget.state.reconnecting',
  fallback: 'widget.state.fallback',
  offline: 'widget.state.offline',
} as const;

/**
 * Constructed stylesheets pass a strict CSP; browsers without them (Safari before 16.4) get a <style> element,
 * which works wherever the host page allows inline styles.
 */
function adoptStyles(shadow: ShadowRoot): void {
  if ('adoptedStyleSheets' in shadow && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(widgetStyles);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.append(element('style', '', {}, widgetStyles));
  }
}

/** The launcher and chat panel inside a shadow root; it shows what the ChatClient reports. */
export class ChatView implements ChatListener {
  private readonly root = element('div', 'root');
  private readonly launcher = element('button', 'launcher', { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'gongji-panel' });
  private readonly badge = element('span', 'badge', { 'aria-hidden': 'true', hidden: '' });
  private readonly panel = element('section', 'panel', { id: 'gongji-panel', role: 'dialog', 'aria-labelledby': 'gongji-title', hidden: '' });
  private readonly statusText = element('span', '');
  private readonly statusLine = element('p', 'status', { role: 'status', 'data-status': 'connecting' });
  private readonly largeTextToggle = element('button', 'tool', { type: 'button', 'aria-pressed': 'false', title: wording('widget.largeTextHint') }, wording('widget.largeText'));
  private readonly contrastToggle = element('button', 'tool', { type: 'button', 'aria-pressed': 'false', title: wording('widget.highContrastHint') }, wording('widget.highContrast'));
  private readonly autoReadToggle = element('button', 'tool', { type: 'button', 'aria-pressed': 'false', title: wording('widget.autoReadHint'), hidden: '' }, wording('widget.autoRead'));
  /** Read by screen readers when it changes, like the connection state. */
  private readonly progressLine = element('div', 'progress', { hidden: '' });
  private readonly progressText = element('p', 'progress-text', { role: 'status' });
  private readonly progressBar = element('span', 'progress-done');
  /** Waiting for an agent (the place, an estimate when there is one) or served by one (their display name). */
  private readonly queueLine = element('p', 'queue-line', { role: 'status', hidden: '' });
  private readonly log = element('div', 'log', { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-labelledby': 'gongji-title', tabindex: '0' });
  private readonly typingLine = element('p', 'typing', { hidden: '' }, wording('widget.typing'));
  private readonly quick = element('div', 'quick', { role: 'group', 'aria-label': wording('widget.quickRepliesLabel') });
  private readonly error = element('p', 'error', { role: 'alert', hidden: '' });
  private readonly input = element('input', 'input', {
    id: 'gongji-input',
    type: 'text',
    autocomplete: 'off',
    enterkeyhint: 'send',
    placeholder: wording('widget.placeholder'),
  });
  /** Beside the field while an ID number is asked: phone keypads for digits have no X. */
  private readonly xKey = element('button', 'x-key', { type: 'button', 'aria-label': wording('widget.xKeyHint'), hidden: '' }, wording('widget.xKey'));
  private readonly hint = element('p', 'hint', { id: 'gongji-hint', 'aria-live': 'polite', hidden: '' });
  private readonly bubbles = new Map<string, HTMLElement>();
  private cancelTyping: (() => void) | null = null;
  private fit: InputFit = inputFit(null);

  constructor(
    shadow: ShadowRoot,
    private preferences: Preferences,
    private readonly handlers: ChatViewHandlers,
    private readonly readAloud: ReadAloud,
  ) {
    adoptStyles(shadow);

    this.launcher.setAttribute('aria-label', wording('widget.launcherHint'));
    this.launcher.append(element('span', 'launcher-icon', { 'aria-hidden': 'true' }), element('span', '', {}, wording('widget.launcher')), this.badge);

    this.statusLine.append(element('span', 'status-dot', { 'aria-hidden': 'true' }), this.statusText);
    const heading = element('div', 'heading');
    heading.append(
      element('h2', 'title', { id: 'gongji-title' }, wording('widget.title')),
      element('p', 'subtitle', {}, wording('widget.subtitle')),
      this.statusLine,
    );
    const close = element('button', 'tool', { type: 'button', 'aria-label': wording('widget.closeHint') }, wording('widget.close'));
    const tools = element('div', 'tools');
    tools.append(this.largeTextToggle, this.contrastToggle, this.autoReadToggle, close);
    const header = element('div', 'header');
    header.append(heading, tools);

    const bar = element('span', 'progress-bar', { 'aria-hidden': 'true' });
    bar.append(this.progressBar);
    this.progressLine.append(this.progressText, bar);

    const form = element('form', 'composer');
    const row = element('div', 'composer-row');
    row.append(
      element('label', 'sr-only', { for: 'gongji-input' }, wording('widget.inputLabel')),
      this.input,
      this.xKey,
      element('button', 'send', { type: 'submit' }, wording('widget.send')),
    );
    form.append(row, this.hint);
    this.panel.append(header, this.queueLine, this.progressLine, this.log, this.typingLine, this.quick, this.error, form);
    this.root.append(this.launcher, this.panel);
    shadow.append(this.root);

    this.launcher.addEventListener('click', () => this.open());
    close.addEventListener('click', () => this.close());
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
    this.largeTextToggle.addEventListener('click', () => this.changePreferences({ largeText: !this.preferences.largeText }));
    this.contrastToggle.addEventListener('click', () => this.changePreferences({ highContrast: !this.preferences.highContrast }));
    this.autoReadToggle.addEventListener('click', () => {
      if (this.preferences.autoRead) this.readAloud.stop();
      this.changePreferences({ autoRead: !this.preferences.autoRead });
    });
    // Keeps the focus (and the phone's keypad) in the field while X is tapped.
    this.xKey.addEventListener('pointerdown', (event) => event.preventDefault());
    this.xKey.addEventListener('click', () => this.typeX());
    this.input.addEventListener('input', () => this.showHint());
    this.readAloud.watch(() => this.showSpeechControls());
    this.showSpeechControls();
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit(this.input.value, true);
    });
    this.applyPreferences();
    this.setStatus('connecting');
  }

  /** `moveFocus` is false when a reload reopens the panel: the host page keeps its focus. */
  open(moveFocus = true): void {
    this.panel.hidden = false;
    this.launcher.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.badge.hidden = true;
    this.changePreferences({ open: true });
    this.handlers.opened();
    if (moveFocus) this.input.focus();
    this.scrollToEnd();
  }

  close(): void {
    this.readAloud.stop();
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.changePreferences({ open: false });
    this.launcher.focus();
  }

  reset(entries: ChatEntry[]): void {
    this.log.replaceChildren();
    this.bubbles.clear();
    this.showQuickReplies([]);
    for (const entry of entries) this.append(entry);
    const last = entries[entries.length - 1];
    if (last?.kind === 'bot') this.showQuickReplies(last.quickReplies);
    const lastBot = entries.filter((entry) => entry.kind === 'bot').at(-1);
    this.fitInput(lastBot?.kind === 'bot' ? lastBot.expects : null);
    this.scrollToEnd();
  }

  added(entry: ChatEntry): void {
    this.append(entry);
    this.showQuickReplies(entry.kind === 'bot' ? entry.quickReplies : []);
    if (entry.kind === 'bot') {
      this.error.hidden = true;
      if (this.panel.hidden) this.badge.hidden = false;
      this.fitInput(entry.expects);
      if (this.preferences.autoRead && !this.panel.hidden) this.readAloud.speak(spokenText(entry.text, wording), { interrupt: false });
    }
    this.scrollToEnd();
  }

  progress(progress: Progress): void {
    this.progressLine.hidden = progress === null;
    if (progress === null) {
      this.progressText.textContent = '';
      return;
    }
    const members = progress.members > 0 ? wording('widget.progress.members', { count: progress.members }) : '';
    this.progressText.textContent = wording('widget.progress', { step: progress.step, of: progress.of, phase: progress.phase }) + members;
    this.progressBar.style.width = `${Math.round((progress.step / progress.of) * 100)}%`;
  }

  queue(status: QueueStatus | null): void {
    const text =
      status?.state === 'waiting'
        ? wording('widget.queue.waiting', { place: status.place }) + (status.estimateMinutes === null ? '' : wording('widget.queue.estimate', { minutes: status.estimateMinutes }))
        : status?.state === 'claimed'
          ? wording('widget.queue.claimed', { agent: status.agentName })
          : '';
    // Only a change is announced: the same status again (a poll, a resend) stays quiet.
    if (this.queueLine.textContent !== text) this.queueLine.textContent = text;
    this.queueLine.hidden = text === '';
  }

  delivered(clientMessageId: string): void {
    const bubble = this.bubbles.get(clientMessageId);
    bubble?.classList.remove('pending');
    bubble?.querySelector('.pending-label')?.remove();
  }

  withdrawn(clientMessageId: string): void {
    this.bubbles.get(clientMessageId)?.remove();
    this.bubbles.delete(clientMessageId);
  }

  typing(active: boolean): void {
    this.cancelTyping?.();
    this.cancelTyping = null;
    this.typingLine.hidden = !active;
    if (active) {
      const timer = setTimeout(() => this.typing(false), typingTimeoutMs);
      this.cancelTyping = () => clearTimeout(timer);
      this.scrollToEnd();
    }
  }

  status(status: ConnectionStatus): void {
    this.setStatus(status);
  }

  problem(problem: Problem): void {
    this.error.textContent = problem.kind === 'server' ? problem.text : wording(problem.messageId, problem.values);
    this.error.hidden = false;
    if (problem.restore !== null && this.input.value.trim() === '') this.input.value = problem.restore;
  }

  private setStatus(status: ConnectionStatus): void {
    this.statusLine.dataset.status = status;
    this.statusText.textContent = wording(statusMessage[status]);
    for (const label of this.log.querySelectorAll('.pending-label')) label.textContent = this.pendingLabel();
  }

  /** Offline, "sending" would not be true: the message waits and goes out when the network is back. */
  private pendingLabel(): string {
    return wording(this.statusLine.dataset.status === 'offline' ? 'widget.pendingOffline' : 'widget.pending');
  }

  /** The keypad, autofill, placeholder and length hint for what the latest question asks. */
  private fitInput(expects: Expects | null): void {
    this.fit = inputFit(expects);
    this.input.inputMode = this.fit.inputMode;
    this.input.setAttribute('autocomplete', this.fit.autocomplete);
    this.input.placeholder = wording(this.fit.placeholder);
    this.xKey.hidden = !this.fit.xKey;
    this.showHint();
  }

  private showHint(): void {
    const hint = lengthHint(this.fit, this.input.value);
    this.hint.hidden = hint === null;
    this.hint.textContent = hint === null ? '' : wording(hint.messageId, hint.values);
    if (hint === null) this.input.removeAttribute('aria-describedby');
    else this.input.setAttribute('aria-describedby', 'gongji-hint');
  }

  private typeX(): void {
    const start = this.input.selectionStart ?? this.input.value.length;
    const end = this.input.selectionEnd ?? start;
    this.input.setRangeText('X', start, end, 'end');
    this.input.focus();
    this.showHint();
  }

  private showSpeechControls(): void {
    const available = this.readAloud.available();
    this.autoReadToggle.hidden = !available;
    for (const button of this.log.querySelectorAll<HTMLButtonElement>('.read')) button.hidden = !available;
  }

  private readButton(text: string): HTMLButtonElement {
    const button = element('button', 'read', { type: 'button', 'aria-pressed': 'false', 'aria-label': wording('widget.readAloudHint') }, wording('widget.readAloud'));
    button.hidden = !this.readAloud.available();
    button.addEventListener('click', () => {
      if (button.getAttribute('aria-pressed') === 'true') {
        this.readAloud.stop();
        return;
      }
      button.setAttribute('aria-pressed', 'true');
      this.readAloud.speak(spokenText(text, wording), { interrupt: true, ended: () => button.setAttribute('aria-pressed', 'false') });
    });
    return button;
  }

  private submit(text: string, fromInput: boolean): void {
    if (text.trim() === '') return;
    this.error.hidden = true;
    if (fromInput) {
      this.input.value = '';
      this.showHint();
    }
    this.showQuickReplies([]);
    this.handlers.send(text);
    this.input.focus();
  }

  private append(entry: ChatEntry): void {
    const bubble = element('div', `bubble ${entry.kind}`);
    if (entry.kind === 'notice') {
      bubble.textContent = wording(entry.messageId);
    } else {
      const agentName = entry.kind === 'bot' ? entry.agentName : null;
      if (agentName !== null) {
        // A person wrote this, not the assistant: their display name is shown above the words.
        bubble.classList.add('agent');
        bubble.append(element('span', 'agent-name', { 'aria-hidden': 'true' }, agentName), element('span', 'sr-only', {}, wording('widget.speaker.agent', { agent: agentName })));
      } else {
        bubble.append(element('span', 'sr-only', {}, wording(entry.kind === 'user' ? 'widget.speaker.user' : 'widget.speaker.bot')));
      }
      bubble.append(element('span', 'text', {}, entry.text));
      if (entry.kind === 'bot') {
        const sources = sourceList(entry.sources);
        if (sources) bubble.append(sources);
        bubble.append(this.readButton(entry.text));
      }
      if (entry.kind === 'user' && entry.pending) {
        bubble.classList.add('pending');
        bubble.append(element('span', 'pending-label', {}, this.pendingLabel()));
      }
    }
    this.bubbles.set(entry.key, bubble);
    this.log.append(bubble);
  }

  private showQuickReplies(quickReplies: QuickReply[]): void {
    this.quick.replaceChildren(
      ...quickReplies.map((reply) => {
        const button = element('button', 'quick-reply', { type: 'button' }, reply.title);
        button.addEventListener('click', () => this.submit(reply.payload, false));
        return button;
      }),
    );
    this.quick.hidden = quickReplies.length === 0;
  }

  private changePreferences(change: Partial<Preferences>): void {
    this.preferences = { ...this.preferences, ...change };
    this.applyPreferences();
    this.handlers.preferencesChanged(this.preferences);
  }

  private applyPreferences(): void {
    this.root.classList.toggle('large', this.preferences.largeText);
    this.root.classList.toggle('contrast', this.preferences.highContrast);
    this.largeTextToggle.setAttribute('aria-pressed', String(this.preferences.largeText));
    this.contrastToggle.setAttribute('aria-pressed', String(this.preferences.highContrast));
    this.autoReadToggle.setAttribute('aria-pressed', String(this.preferences.autoRead));
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }
}
