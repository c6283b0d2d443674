import { z } from 'zod';
import { chinaDay } from '../ports/events.js';
import { InboxOutcomeSchema, InboxResolutionSchema, noRegion, type InboxQuery, type InboxQuestion, type InboxResolution, type NewInboxQuestion } from '../ports/inbox.js';

/** The inbox as plain data, for the memory and lowdb stores: one row per question, day, region and outcome. */
export const InboxBookSchema = z.object({
  rows: z.array(z.object({ key: z.string(), question: z.string(), day: z.string(), region: z.string(), outcome: InboxOutcomeSchema, count: z.number().int(), lastAt: z.string() })),
  resolutions: z.record(z.string(), InboxResolutionSchema),
});
export type InboxBook = z.infer<typeof InboxBookSchema>;

export const emptyInboxBook = (): InboxBook => ({ rows: [], resolutions: {} });

type InboxRow = InboxBook['rows'][number];
const rowId = (row: Pick<InboxRow, 'key' | 'day' | 'region' | 'outcome'>) => JSON.stringify([row.key, row.day, row.region, row.outcome]);
/** Each book's rows by id, so a question is counted without a scan of every row (rebuilt when the rows are replaced). */
const indexes = new WeakMap<InboxRow[], Map<string, InboxRow>>();

function indexOf(book: InboxBook): Map<string, InboxRow> {
  let index = indexes.get(book.rows);
  if (index === undefined) {
    index = new Map(book.rows.map((row) => [rowId(row), row]));
    indexes.set(book.rows, index);
  }
  return index;
}

export function addToInbox(book: InboxBook, question: NewInboxQuestion): void {
  const day = chinaDay(question.at);
  const region = question.region ?? noRegion;
  const at = question.at.toISOString();
  const index = indexOf(book);
  const id = rowId({ key: question.key, day, region, outcome: question.outcome });
  const row = index.get(id);
  if (row === undefined) {
    const added = { key: question.key, question: question.question, day, region, outcome: question.outcome, count: 1, lastAt: at };
    book.rows.push(added);
    index.set(id, added);
    return;
  }
  row.count += 1;
  if (at >= row.lastAt) {
    row.lastAt = at;
    row.question = question.question;
  }
}

export function listInbox(book: InboxBook, query: InboxQuery): InboxQuestion[] {
  const fromDay = chinaDay(query.since);
  const byKey = new Map<string, InboxQuestion>();
  for (const row of book.rows) {
    if (row.day < fromDay || (query.region !== undefined && row.region !== query.region)) continue;
    const resolution = book.resolutions[row.key] ?? null;
    if (resolution !== null && query.resolved !== true) continue;
    const question = byKey.get(row.key) ?? { key: row.key, question: row.question, count: 0, regions: {}, outcomes: {}, lastAt: row.lastAt, resolution };
    question.count += row.count;
    question.regions[row.region] = (question.regions[row.region] ?? 0) + row.count;
    question.outcomes[row.outcome] = (question.outcomes[row.outcome] ?? 0) + row.count;
    if (row.lastAt >= question.lastAt) {
      question.lastAt = row.lastAt;
      question.question = row.question;
    }
    byKey.set(row.key, question);
  }
  return sortInbox([...byKey.values()]).slice(0, query.limit ?? 1000);
}

export function sortInbox(questions: InboxQuestion[]): InboxQuestion[] {
  return questions.sort((left, right) => right.count - left.count || right.lastAt.localeCompare(left.lastAt) || left.key.localeCompare(right.key));
}

export function resolveInbox(book: InboxBook, keys: readonly string[], resolution: InboxResolution): void {
  for (const key of keys) book.resolutions[key] = { ...resolution };
}

export function pruneInbox(book: InboxBook, cutoff: Date): number {
  const fromDay = chinaDay(cutoff);
  const before = book.rows.length;
  book.rows = book.rows.filter((row) => row.day >= fromDay);
  const held = new Set(book.rows.map((row) => row.key));
  for (const key of Object.keys(book.resolutions)) if (!held.has(key)) delete book.resolutions[key];
  return before - book.rows.length;
}
