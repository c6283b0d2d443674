/** The part of the browser's speech synthesis the widget uses (a stub in tests). */
export interface SpeechLike {
  getVoices(): { lang: string; name: string }[];
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
  readonly speaking: boolean;
  addEventListener(type: 'voiceschanged', listener: () => void): void;
}

export type UtteranceConstructor = new (text: string) => SpeechSynthesisUtterance;

const isChinese = (lang: string) => /^(zh|cmn)([-_]|$)/i.test(lang);

/**
 * Reads replies aloud in Chinese with the browser's own voices. Without a Chinese voice it stays unavailable (a
 * Chinese reply read by an English voice helps nobody); voices often load after the page, so availability can change.
 */
export class ReadAloud {
  private onEnd: (() => void) | null = null;

  constructor(
    private readonly speech: SpeechLike | null,
    private readonly Utterance: UtteranceConstructor | null,
  ) {}

  available(): boolean {
    return this.voice() !== null;
  }

  /** Calls back whenever the voices change (e.g. they finished loading). */
  watch(listener: () => void): void {
    this.speech?.addEventListener('voiceschanged', listener);
  }

  /**
   * Reads a text; `interrupt` stops whatever is being read first (a button), otherwise it is queued after it
   * (replies read automatically, several in one turn). `ended` is told when this text is done or cut off.
   */
  speak(text: string, options: { interrupt: boolean; ended?: () => void }): void {
    const voice = this.voice();
    if (!this.speech || !this.Utterance || voice === null || text === '') return;
    if (options.interrupt) this.stop();
    const utterance = new this.Utterance(text);
    utterance.lang = 'zh-CN';
    utterance.voice = voice as SpeechSynthesisVoice;
    // A little slower than the default: many who listen are elderly.
    utterance.rate = 0.9;
    const ended = () => {
      if (this.onEnd === ended) this.onEnd = null;
      options.ended?.();
    };
    utterance.onend = ended;
    utterance.onerror = ended;
    if (options.interrupt) this.onEnd = ended;
    this.speech.speak(utterance);
  }

  stop(): void {
    const ended = this.onEnd;
    this.onEnd = null;
    this.speech?.cancel();
    ended?.();
  }

  /** A zh-CN voice when there is one, else any Chinese voice. */
  private voice(): { lang: string; name: string } | null {
    const voices = this.speech?.getVoices().filter((voice) => isChinese(voice.lang)) ?? [];
    return voices.find((voice) => /^zh[-_]CN$/i.test(voice.lang)) ?? voices[0] ?? null;
  }
}
