import { afterEach, describe, expect, it, vi } from 'vitest';
import { WidgetStorage, defaultPreferences, type KeyValueStorage } from '../../src/widget/widgetStorage.js';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('widget storage', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('keeps the conversation and preferences for the next page load', () => {
    const storage = memoryStorage();
    const first = new WidgetStorage(storage, 'gongji-widget:210200');
    first.saveConversation({ sessionId: 's1', token: 't1', lastSeq: 4, outbox: [{ clientMessageId: 'm1', text: '我要绑定' }] });
    first.savePreferences({ largeText: true, highContrast: false, autoRead: true, open: true });
    const next = new WidgetStorage(storage, 'gongji-widget:210200');
    expect(next.loadConversation()).toEqual({ sessionId: 's1', token: 't1', lastSeq: 4, outbox: [{ clientMessageId: 'm1', text: '我要绑定' }] });
    expect(next.loadPreferences()).toEqual({ largeText: true, highContrast: false, autoRead: true, open: true });
    expect(new WidgetStorage(storage, 'gongji-widget:110000').loadConversation()).toBeNull();
  });

  it('starts fresh from damaged stored data', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const storage = memoryStorage();
    storage.setItem('p:conversation', '{broken');
    storage.setItem('p:preferences', '"yes"');
    const widgetStorage = new WidgetStorage(storage, 'p');
    expect(widgetStorage.loadConversation()).toBeNull();
    expect(widgetStorage.loadPreferences()).toEqual(defaultPreferences);
    expect(warn).toHaveBeenCalled();
    storage.setItem('p:conversation', JSON.stringify({ sessionId: 's1', token: 7, outbox: [{ text: 'no id' }, { clientMessageId: 'm2', text: '好' }] }));
    expect(widgetStorage.loadConversation()).toEqual({ sessionId: 's1', token: null, lastSeq: 0, outbox: [{ clientMessageId: 'm2', text: '好' }] });
  });

  it('keeps working when the browser refuses to store anything, and says so on the console', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const refusing: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const widgetStorage = new WidgetStorage(refusing, 'p');
    expect(() => widgetStorage.saveConversation({ sessionId: 's', token: 't', lastSeq: 0, outbox: [] })).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(new WidgetStorage(null, 'p').loadPreferences()).toEqual(defaultPreferences);
  });
});
