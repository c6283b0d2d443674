import type { z } from 'zod';
import type { ContentProblem } from './checkContent.js';
import { contentCheckMessages as say } from './contentCheckMessages.js';
import { formatContentPath } from './formatContentPath.js';

type FileProblem = Omit<ContentProblem, 'file'>;

/** Parsed data checked against its schema: the typed value (defaults applied), or one problem per schema issue. */
export function validateWithSchema<Schema extends z.ZodType>(
  schema: Schema,
  data: unknown,
): { ok: true; value: z.output<Schema> } | { ok: false; problems: FileProblem[] } {
  const result = schema.safeParse(data, { error: chineseMessage, reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.flatMap(problemsOf) };
}

function problemsOf(issue: z.core.$ZodIssue): FileProblem[] {
  if (issue.code === 'unrecognized_keys') {
    // One problem per key, located at the key itself, so the editor jumps straight to the misspelling.
    return issue.keys.map((key) => ({ path: formatContentPath([...issue.path, key]), message: say.unknownField(key) }));
  }
  const value = shownValue(issue.input);
  return [{ path: formatContentPath(issue.path), message: value === null ? issue.message : say.withValue(issue.message, value) }];
}

/** Only scalars are worth quoting back; a whole object would bury the message. */
function shownValue(input: unknown): string | null {
  if (typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean') return String(input);
  return null;
}

function typeOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

function sizeOf(input: unknown): number {
  return Array.isArray(input) ? input.length : 0;
}

/** Chinese defaults for issues whose schema gives no message of its own (a schema's own message always wins). */
function chineseMessage(issue: z.core.$ZodRawIssue): string {
  if (issue.input === undefined && issue.code !== 'custom') return say.missingField(String(issue.path?.at(-1) ?? ''));
  switch (issue.code) {
    case 'invalid_type':
      return say.wrongType(issue.expected, typeOf(issue.input));
    case 'invalid_value':
      return say.notOneOf(issue.values.map(String));
    case 'too_small':
      if (issue.origin === 'string') return say.tooShortText(Number(issue.minimum));
      if (issue.origin === 'array') return say.tooFewItems(Number(issue.minimum), sizeOf(issue.input));
      return say.tooSmallNumber(Number(issue.minimum), issue.inclusive ?? true);
    case 'too_big':
      if (issue.origin === 'string') return say.tooLongText(Number(issue.maximum));
      if (issue.origin === 'array') return say.tooManyItems(Number(issue.maximum), sizeOf(issue.input));
      return say.tooBigNumber(Number(issue.maximum), issue.inclusive ?? true);
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern !== undefined ? say.badPattern(issue.pattern) : say.badFormat(issue.format);
    case 'invalid_key':
      return say.badKey(issue.issues.map((inner) => inner.message));
    case 'invalid_union':
      return say.noMatchingForm([...new Set(issue.errors.flat().map((inner) => inner.message))]);
    default:
      return say.invalid;
  }
}
