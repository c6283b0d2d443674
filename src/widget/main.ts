import { ChatClient } from './chatClient.js';
import { ChatView } from './chatView.js';
import { ReadAloud } from './readAloud.js';
import { WidgetStorage } from './widgetStorage.js';

/**
 * The bundle's entry: `<script src="…/widget.js" data-region="210200" defer>` adds the launcher and the chat
 * panel to any page. The assistant's address is where the script came from, so a customer site needs one tag.
 */

const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
const region = script?.dataset.region?.trim() || null;
const baseUrl = script?.src ? new URL(script.src, location.href).origin : location.origin;

/** crypto.randomUUID exists only on https pages; getRandomValues everywhere. */
function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch (error) {
    console.warn('[gongji-widget] localStorage is blocked; the conversation will not survive a reload', error);
    return null;
  }
}

function mount(): void {
  // A page that includes the script twice still gets one widget.
  if (document.querySelector('[data-gongji-widget]')) return;
  const host = document.createElement('div');
  host.setAttribute('data-gongji-widget', '');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const storage = new WidgetStorage(browserStorage(), `gongji-widget:${region ?? 'default'}`);
  const preferences = storage.loadPreferences();
  let client: ChatClient | null = null;
  const view = new ChatView(shadow, preferences, {
    send: (text) => client?.send(text),
    opened: () => client?.start(),
    preferencesChanged: (changed) => storage.savePreferences(changed),
  }, new ReadAloud('speechSynthesis' in window ? window.speechSynthesis : null, 'SpeechSynthesisUtterance' in window ? window.SpeechSynthesisUtterance : null));
  client = new ChatClient({
    baseUrl,
    region,
    storage,
    listener: view,
    fetch: (input, init) => window.fetch(input, init),
    WebSocket: 'WebSocket' in window ? window.WebSocket : undefined,
    setTimer: (callback, ms) => {
      const timer = window.setTimeout(callback, ms);
      return () => window.clearTimeout(timer);
    },
    newId,
    network: {
      online: () => navigator.onLine !== false,
      watch: (listener) => {
        window.addEventListener('online', () => listener(true));
        window.addEventListener('offline', () => listener(false));
      },
    },
  });
  if (preferences.open) view.open(false);
}

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });
