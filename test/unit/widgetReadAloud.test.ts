import { describe, expect, it } from 'vitest';
import { ReadAloud, type SpeechLike } from '../../src/widget/readAloud.js';

class Utterance {
  lang = '';
  voice: unknown = null;
  rate = 1;
  onend: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly text: string) {}
}

/** The device's speech synthesis: its voices, what it was asked to say, and voices arriving late. */
function device(langs: string[]) {
  const spoken: Utterance[] = [];
  let cancelled = 0;
  const listeners: (() => void)[] = [];
  const speech: SpeechLike = {
    speaking: false,
    getVoices: () => langs.map((lang) => ({ lang, name: lang })),
    speak: (utterance) => void spoken.push(utterance as unknown as Utterance),
    cancel: () => {
      cancelled += 1;
    },
    addEventListener: (_type, listener) => void listeners.push(listener),
  };
  const readAloud = new ReadAloud(speech, Utterance as unknown as new (text: string) => SpeechSynthesisUtterance);
  return { readAloud, spoken, cancelled: () => cancelled, voicesArrive: (more: string[]) => (langs.push(...more), listeners.forEach((listener) => listener())) };
}

describe('read aloud', () => {
  it('reads in zh-CN with a mainland Chinese voice when the device has one, a little slower than usual', () => {
    const { readAloud, spoken } = device(['en-US', 'zh-TW', 'zh-CN']);
    expect(readAloud.available()).toBe(true);
    readAloud.speak('您好', { interrupt: true });
    expect(spoken).toHaveLength(1);
    expect(spoken[0]).toMatchObject({ text: '您好', lang: 'zh-CN', voice: { lang: 'zh-CN' } });
    expect(spoken[0]!.rate).toBeLessThan(1);
  });

  it('is unavailable without a Chinese voice, and becomes available when one loads later', () => {
    const { readAloud, spoken, voicesArrive } = device(['en-US', 'ja-JP']);
    expect(readAloud.available()).toBe(false);
    readAloud.speak('您好', { interrupt: true });
    expect(spoken).toHaveLength(0);
    let told = false;
    readAloud.watch(() => (told = true));
    voicesArrive(['cmn-Hans-CN']);
    expect(told).toBe(true);
    expect(readAloud.available()).toBe(true);
  });

  it('a button cuts off what is being read; automatic reading queues after it; the cut-off one is told it ended', () => {
    const { readAloud, spoken, cancelled } = device(['zh-CN']);
    const ended: string[] = [];
    readAloud.speak('第一条', { interrupt: true, ended: () => ended.push('第一条') });
    readAloud.speak('第二条', { interrupt: false });
    expect(cancelled()).toBe(1);
    readAloud.speak('第三条', { interrupt: true });
    expect(cancelled()).toBe(2);
    expect(ended).toEqual(['第一条']);
    expect(spoken.map((utterance) => utterance.text)).toEqual(['第一条', '第二条', '第三条']);
  });
});
