import type pg from 'pg';
import { chinaDay, countKeyOf, RecordedEventSchema, type EventCount, type Events } from '../ports/events.js';
import { inTransaction } from './postgresTransaction.js';

type CountRow = { day: string; region: string; type: EventCount['type']; slot: string; member: number; outcome: string; topic: string; detail: string; count: string };

/**
 * Events on PostgreSQL (docs/events.md): each event is a row, and its day's count is kept in `event_counts` in the
 * same transaction, so the insights read counts per day, never the events. Shared by every instance.
 */
export function createPostgresEvents(pool: pg.Pool): Events {
  return {
    async record(events) {
      if (events.length === 0) return;
      await inTransaction(pool, async (client) => {
        for (const raw of events) {
          const event = RecordedEventSchema.parse(raw);
          const inserted = await client.query(
            'INSERT INTO events (at, question, region, document, once) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (once) DO NOTHING RETURNING id',
            [event.at, event.question ?? null, event.region, JSON.stringify(event), event.once ?? null],
          );
          if (inserted.rowCount === 0) continue;
          const key = countKeyOf(event);
          await client.query(
            `INSERT INTO event_counts (day, region, type, slot, member, outcome, topic, detail, count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)
             ON CONFLICT (day, region, type, slot, member, outcome, topic, detail) DO UPDATE SET count = event_counts.count + 1`,
            [key.day, key.region ?? '', key.type, key.slot ?? '', key.member ?? -1, key.outcome ?? '', key.topic ?? '', key.detail ?? ''],
          );
        }
      });
    },

    async counts(query) {
      const { rows } = await pool.query<CountRow>(
        `SELECT day, region, type, slot, member, outcome, topic, detail, count FROM event_counts
         WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR region = $3)`,
        [query.from, query.to, query.region ?? null],
      );
      return rows.map((row) => ({
        day: row.day,
        region: row.region === '' ? null : row.region,
        type: row.type,
        slot: row.slot === '' ? null : row.slot,
        member: row.member < 0 ? null : row.member,
        outcome: row.outcome === '' ? null : (row.outcome as EventCount['outcome']),
        topic: row.topic === '' ? null : row.topic,
        detail: row.detail === '' ? null : row.detail,
        count: Number(row.count),
      }));
    },

    async questions({ since, limit = 1000 }) {
      const { rows } = await pool.query<{ question: string; count: string; regions: string[] | null; last_at: Date }>(
        `SELECT question, count(*) AS count, array_agg(DISTINCT region) FILTER (WHERE region IS NOT NULL) AS regions, max(at) AS last_at
         FROM events WHERE question IS NOT NULL AND at >= $1
         GROUP BY question ORDER BY count(*) DESC, max(at) DESC LIMIT $2`,
        [since, limit],
      );
      return rows.map((row) => ({ question: row.question, count: Number(row.count), regions: row.regions ?? [], lastAt: row.last_at.toISOString() }));
    },

    prune: (cutoff) =>
      inTransaction(pool, async (client) => {
        const dropped = await client.query('DELETE FROM events WHERE at < $1', [cutoff]);
        await client.query('DELETE FROM event_counts WHERE day < $1', [chinaDay(cutoff)]);
        return dropped.rowCount ?? 0;
      }),
  };
}
