import type { OutgoingMessage } from './outbox.js';

/** The slice of Web Storage the widget uses, so tests can pass a Map-backed stand-in. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What lets a reload pick the conversation up where it was (no session yet when the server was unreachable). */
export type SavedConversation = {
  sessionId: string | null;
  token: string | null;
  lastSeq: number;
  outbox: OutgoingMessage[];
};

/** Remembered across conversations: elderly users should not have to switch large text (or reading aloud) on every visit. */
export type Preferences = { largeText: boolean; highContrast: boolean; autoRead: boolean; open: boolean };

export const defaultPreferences: Preferences = { largeText: false, highContrast: false, autoRead: false, open: false };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOutgoingMessage(value: unknown): value is OutgoingMessage {
  return isObject(value) && typeof value.clientMessageId === 'string' && typeof value.text === 'string';
}

/**
 * localStorage under one prefix per region. Storage can be missing or refuse writes (private browsing, quota,
 * a page that blocks it): the widget then works for the page's lifetime only, and says so on the console.
 */
export class WidgetStorage {
  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly prefix: string,
  ) {}

  loadConversation(): SavedConversation | null {
    const value = this.read('conversation');
    if (!isObject(value)) return null;
    const { sessionId, token, lastSeq, outbox } = value;
    return {
      sessionId: typeof sessionId === 'string' ? sessionId : null,
      token: typeof token === 'string' ? token : null,
      lastSeq: typeof lastSeq === 'number' ? lastSeq : 0,
      outbox: Array.isArray(outbox) ? outbox.filter(isOutgoingMessage) : [],
    };
  }

  saveConversation(conversation: SavedConversation): void {
    this.write('conversation', conversation);
  }

  loadPreferences(): Preferences {
    const value = this.read('preferences');
    if (!isObject(value)) return { ...defaultPreferences };
    return {
      largeText: value.largeText === true,
      highContrast: value.highContrast === true,
      autoRead: value.autoRead === true,
      open: value.open === true,
    };
  }

  savePreferences(preferences: Preferences): void {
    this.write('preferences', preferences);
  }

  private read(name: string): unknown {
    try {
      const raw = this.storage?.getItem(`${this.prefix}:${name}`);
      return raw ? (JSON.parse(raw) as unknown) : null;
    } catch (error) {
      console.warn('[gongji-widget] stored data unreadable, starting fresh', error);
      return null;
    }
  }

  private write(name: string, value: unknown): void {
    try {
      this.storage?.setItem(`${this.prefix}:${name}`, JSON.stringify(value));
    } catch (error) {
      console.warn('[gongji-widget] cannot store the conversation; it will not survive a reload', error);
    }
  }
}
