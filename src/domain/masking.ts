import { normaliseDigits } from './idNumber.js';
import { parsePhone } from './phone.js';
import { compoundSurnameAt } from './surnames.js';

/** What logs, transcripts, agent views and analytics show instead of ID numbers, phone numbers and names. */

const maskCharacter = '*';

export function maskIdNumber(value: string): string {
  const normalised = normaliseDigits(value).toUpperCase();
  const keepEnd = normalised.length === 15 ? 3 : 4;
  return keepEdges(normalised, 6, keepEnd);
}

export function maskPhone(value: string): string {
  const parsed = parsePhone(value);
  return keepEdges(parsed.ok ? parsed.value : normaliseDigits(value), 3, 4);
}

/** '张*', '欧阳**'; a name with a middle dot keeps its first part: '阿依·***'. */
export function maskName(value: string): string {
  const name = value.trim();
  const [first = '', ...rest] = name.split('·');
  if (rest.length > 0) return [first, ...rest.map((part) => maskCharacter.repeat([...part].length))].join('·');
  const characters = [...name];
  if (characters.length <= 1) return maskCharacter.repeat(characters.length);
  // 复姓 kept whole, so the masked name still reads as a surname.
  const surnameLength = characters.length > 2 && compoundSurnameAt(characters.slice(0, 2).join('')) ? 2 : 1;
  return characters.slice(0, surnameLength).join('') + maskCharacter.repeat(characters.length - surnameLength);
}

/**
 * Digit groups, with at most a few spaces or dashes between them, optionally ending in X (the check character).
 * A number glued to Latin letters is an identifier like the record number GJ2102…, not a person's number.
 */
const digitRun = /(?<![A-Za-z0-9０-９])[+＋]?[0-9０-９]+(?:[\s\-－‐–—]{1,3}[0-9０-９]+)*(?:[\s\-－‐–—]{0,3}[xXｘＸ](?![A-Za-z]))?/g;
const separator = /([\s\-－‐–—]{1,3})/;

/**
 * Masks every ID-number-like and phone-like number in free text (for logs). Numbers split by spaces or
 * dashes are joined back first; neighbouring numbers typed with a space between them are told apart by
 * trying the longest join that still looks like an ID or phone number.
 */
export function maskSensitiveText(text: string): string {
  return text.replace(digitRun, (run) => {
    // Odd indices are the separators, kept as typed wherever nothing is masked.
    const parts = run.split(separator);
    let result = '';
    let index = 0;
    while (index < parts.length) {
      let end = parts.length;
      let replacement: string | undefined;
      for (; end > index; end -= 2) {
        replacement = maskedNumber(parts.slice(index, end).filter((_, offset) => offset % 2 === 0).join(''), end - index > 1);
        if (replacement !== undefined) break;
      }
      const next = replacement === undefined ? index + 1 : end;
      result += (replacement ?? parts[index] ?? '') + (parts[next] ?? '');
      index = next + 1;
    }
    return result;
  });
}

/**
 * The masked form of a number that looks like an ID or phone number. Groups joined across separators must
 * have an exact shape; a single unbroken group of 14 or more digits counts as a (possibly mistyped) ID number.
 */
function maskedNumber(candidate: string, joined: boolean): string | undefined {
  const normalised = normaliseDigits(candidate).toUpperCase();
  const isIdLike = joined ? /^(?:\d{17}[\dX]|\d{15})$/.test(normalised) : /^\d{13,}[\dX]$/.test(normalised);
  if (isIdLike) return maskIdNumber(normalised);
  const phone = parsePhone(normalised);
  return phone.ok ? maskPhone(phone.value) : undefined;
}

function keepEdges(value: string, keepStart: number, keepEnd: number): string {
  const characters = [...value];
  if (characters.length <= keepStart + keepEnd) return maskCharacter.repeat(characters.length);
  return characters.slice(0, keepStart).join('') + maskCharacter.repeat(characters.length - keepStart - keepEnd) + characters.slice(-keepEnd).join('');
}
