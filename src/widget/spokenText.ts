import type { WidgetMessageId } from './widgetMessageIds.js';

export type Say = (id: WidgetMessageId, values?: Record<string, string | number>) => string;

/** A masked ID or phone number as replies show it: digits, then stars, then the last digits (or none). */
const maskedNumber = /[0-9]*\*{2,}([0-9]*[Xx]?)/g;
const isoDate = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
/** Up to the first space, Chinese punctuation or full-width character (escaped: the bundle holds no word of its own). */
const webAddress = /https?:\/\/[^\s\u3000-\u303F\uFF00-\uFFEF)]+/g;

/**
 * The text a speech voice reads for a reply: a masked number becomes "尾号2420" (never a string of stars), a date
 * is said as a date, web addresses are left out (the link is on screen), and no stray star remains.
 */
export function spokenText(text: string, say: Say): string {
  return text
    .replace(webAddress, '')
    .replace(maskedNumber, (_whole, tail: string) => (tail === '' ? say('widget.speech.hiddenNumber') : say('widget.speech.maskedNumber', { digits: tail.toUpperCase() })))
    .replace(isoDate, (_whole, year: string, month: string, day: string) => say('widget.speech.date', { year, month: Number(month), day: Number(day) }))
    .replace(/[*\uFF0A]+/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}
