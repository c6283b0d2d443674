import type pg from 'pg';
import { chinaDay } from '../ports/events.js';
import { InboxResolutionSchema, noRegion, type Inbox, type InboxResolution } from '../ports/inbox.js';
import { listInbox, type InboxBook } from './inboxBook.js';

type QuestionRow = { key: string; day: string; region: string; outcome: InboxBook['rows'][number]['outcome']; question: string; count: number; last_at: Date };

/** The editors' inbox on PostgreSQL, shared by every instance: one row per question, China day, region and outcome. */
export function createPostgresInbox(pool: pg.Pool): Inbox {
  return {
    async record(question) {
      await pool.query(
        `INSERT INTO inbox_questions (key, day, region, outcome, question, count, last_at) VALUES ($1, $2, $3, $4, $5, 1, $6)
         ON CONFLICT (key, day, region, outcome) DO UPDATE SET
           count = inbox_questions.count + 1,
           question = CASE WHEN excluded.last_at >= inbox_questions.last_at THEN excluded.question ELSE inbox_questions.question END,
           last_at = greatest(inbox_questions.last_at, excluded.last_at)`,
        [question.key, chinaDay(question.at), question.region ?? noRegion, question.outcome, question.question, question.at],
      );
    },

    async list(query) {
      const [questions, resolutions] = await Promise.all([
        pool.query<QuestionRow>('SELECT key, day, region, outcome, question, count, last_at FROM inbox_questions WHERE day >= $1 AND ($2::text IS NULL OR region = $2)', [
          chinaDay(query.since),
          query.region ?? null,
        ]),
        pool.query<{ key: string; resolution: InboxResolution }>('SELECT key, resolution FROM inbox_resolutions'),
      ]);
      const book: InboxBook = {
        rows: questions.rows.map((row) => ({ key: row.key, day: row.day, region: row.region, outcome: row.outcome, question: row.question, count: row.count, lastAt: row.last_at.toISOString() })),
        resolutions: Object.fromEntries(resolutions.rows.map((row) => [row.key, InboxResolutionSchema.parse(row.resolution)])),
      };
      return listInbox(book, query);
    },

    async resolve(keys, resolution) {
      if (keys.length === 0) return;
      await pool.query(
        `INSERT INTO inbox_resolutions (key, resolution) SELECT key, $2::jsonb FROM unnest($1::text[]) AS key
         ON CONFLICT (key) DO UPDATE SET resolution = excluded.resolution`,
        [[...keys], JSON.stringify(resolution)],
      );
    },

    async prune(cutoff) {
      const dropped = await pool.query('DELETE FROM inbox_questions WHERE day < $1', [chinaDay(cutoff)]);
      await pool.query('DELETE FROM inbox_resolutions AS resolved WHERE NOT EXISTS (SELECT 1 FROM inbox_questions AS asked WHERE asked.key = resolved.key)');
      return dropped.rowCount ?? 0;
    },
  };
}
