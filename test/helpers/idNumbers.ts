/**
 * Builds 居民身份证号码 for tests. The check digit is computed here independently of src/domain, so a bug in
 * the production check digit cannot hide behind the same bug in the fixtures.
 */

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';

function checkCharacterOf(body17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += Number(body17[index]) * (weights[index] ?? 0);
  return checkCharacters[sum % 11] ?? '';
}

export type IdNumberSpec = {
  /** 6-digit administrative code; 110101 (北京东城) unless given. */
  region?: string;
  /** YYYY-MM-DD; not validated, so impossible dates can be built on purpose. */
  birthDate: string;
  /** 0–999, the order code; its last digit's parity is the sex, adjusted when `sex` is given. */
  sequence?: number;
  sex?: 'male' | 'female';
};

export function makeIdNumber(spec: IdNumberSpec): string {
  const region = spec.region ?? '110101';
  let sequence = spec.sequence ?? 123;
  if (spec.sex !== undefined) {
    const isMale = sequence % 2 === 1;
    if (isMale !== (spec.sex === 'male')) sequence = sequence === 999 ? 998 : sequence + 1;
  }
  const body = `${region}${spec.birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  if (!/^\d{17}$/.test(body)) throw new Error(`makeIdNumber: cannot build 17 digits from ${JSON.stringify(spec)}`);
  return body + checkCharacterOf(body);
}

/** The same number with a check character that is deliberately wrong. */
export function breakCheckDigit(id: string): string {
  const body = id.slice(0, 17);
  const correct = checkCharacterOf(body);
  const wrong = checkCharacters[(checkCharacters.indexOf(correct) + 1) % 11] ?? '';
  return body + wrong;
}

/**
 * The 18-character ID numbers typed in a set of conversations, by file. Spaces people type inside a number
 * ("4301 0219 …") are closed up first, as the reading does.
 */
export function idNumbersTyped(conversations: readonly { file: string; test: { turns: readonly { user: string }[] } }[]): { file: string; number: string }[] {
  return conversations.flatMap(({ file, test }) =>
    test.turns.flatMap((turn) => [...turn.user.replace(/(?<=\d) (?=[\dX])/g, '').matchAll(/\d{17}[\dX]/g)].map((match) => ({ file, number: match[0] }))),
  );
}
