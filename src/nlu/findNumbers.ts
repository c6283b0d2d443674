export type NumberSpan = { kind: 'idNumber' | 'phone'; start: number; end: number };

/** Digit groups with a few spaces or dashes between them, the last perhaps ending in x (the ID check character). */
const digitRun = /\+?\d+(?:[\s\-—–_]{1,3}\d+)*(?:[\s\-—–_]{0,3}x(?![a-z]))?/g;
const separator = /[\s\-—–_]+/g;

/**
 * ID numbers and mobile numbers in width-folded, lower-cased text, as spans. People split numbers with spaces
 * or dashes, and also type two numbers with only a space between them, so groups are joined longest first into
 * whatever reads as an ID (15–18 characters, also malformed ones the engine must explain) or as a mobile number
 * (11 digits, optionally +86). A phone is never carved out of a longer digit string.
 */
export function findNumbers(folded: string, phoneWordBefore?: RegExp): NumberSpan[] {
  const spans: NumberSpan[] = [];
  for (const run of folded.matchAll(digitRun)) {
    // "手机1392648315": a digit or two too few or too many after a word for a phone is still the phone, so the
    // engine says what is wrong with it instead of asking for it as if it had never been typed.
    if (phoneWordBefore?.test(folded.slice(0, run.index)) && /^1\d{8,12}$/.test(run[0]) && run[0].length !== 11) {
      spans.push({ kind: 'phone', start: run.index, end: run.index + run[0].length });
      continue;
    }
    const groups = groupsOf(run[0], run.index);
    let first = 0;
    while (first < groups.length) {
      let taken = false;
      for (let last = groups.length - 1; last >= first; last -= 1) {
        const kind = kindOf(groups.slice(first, last + 1).map((group) => group.text).join(''), last === first);
        if (kind) {
          spans.push({ kind, start: groups[first]!.start, end: groups[last]!.end });
          first = last + 1;
          taken = true;
          break;
        }
      }
      if (!taken) first += 1;
    }
  }
  return spans;
}

type Group = { text: string; start: number; end: number };

function groupsOf(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  let start = 0;
  for (const gap of run.matchAll(separator)) {
    groups.push({ text: run.slice(start, gap.index), start: offset + start, end: offset + gap.index });
    start = gap.index + gap[0].length;
  }
  groups.push({ text: run.slice(start), start: offset + start, end: offset + run.length });
  // A lone x after a separator is the check character of the digits before it.
  const last = groups[groups.length - 1];
  const previous = groups[groups.length - 2];
  if (last && previous && last.text === 'x') {
    groups.splice(-2, 2, { text: `${previous.text}x`, start: previous.start, end: last.end });
  }
  return groups;
}

function kindOf(joined: string, single: boolean): NumberSpan['kind'] | null {
  if (/^(?:\+86|0086|86)?1\d{10}$/.test(joined) && (joined.length === 11 || /^(?:\+86|0086|86)/.test(joined))) return 'phone';
  if (/^\d{17}[\dx]$|^\d{15}$/.test(joined)) return 'idNumber';
  if (/^\d{15,18}x?$/.test(joined) && joined.length <= 18) return 'idNumber';
  // An unbroken run too long for anything is still someone's number: the engine explains the length.
  if (single && /^\d{19,}x?$/.test(joined)) return 'idNumber';
  return null;
}
