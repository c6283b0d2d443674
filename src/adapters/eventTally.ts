import { chinaDay, countKeyOf, type AskedQuestion, type EventCount, type EventQuery, type RecordedEvent } from '../ports/events.js';

/**
 * What an embedded events store holds in memory: counts per China day and kind, and per day the distinct questions
 * asked — never the events themselves, so memory follows days × kinds and distinct questions, and a query reads only
 * the days it asks for. Retention drops whole days.
 */
export type EventTally = {
  /** Adds what is not yet held (by `once` key); returns what was added. */
  add(events: readonly RecordedEvent[]): RecordedEvent[];
  counts(query: EventQuery): EventCount[];
  questions(query: { since: Date; limit?: number }): AskedQuestion[];
  /** Drops the days before the cutoff's day; returns how many events they held. */
  prune(cutoff: Date): number;
};

type Asked = { count: number; regions: Set<string>; lastAt: string };

export function createEventTally(): EventTally {
  const onceKeys = new Set<string>();
  /** day → count key → count */
  const days = new Map<string, Map<string, EventCount>>();
  /** day → question → how often, where, when last */
  const asked = new Map<string, Map<string, Asked>>();

  const count = (event: RecordedEvent): void => {
    const key = countKeyOf(event);
    const perDay = days.get(key.day) ?? new Map<string, EventCount>();
    days.set(key.day, perDay);
    const id = `${key.region}\u0001${key.type}\u0001${key.slot}\u0001${key.member}\u0001${key.outcome}\u0001${key.topic}\u0001${key.detail}`;
    const existing = perDay.get(id);
    if (existing) existing.count += 1;
    else perDay.set(id, { ...key, count: 1 });
    if (event.question === undefined) return;
    const questions = asked.get(key.day) ?? new Map<string, Asked>();
    asked.set(key.day, questions);
    const question = questions.get(event.question) ?? { count: 0, regions: new Set<string>(), lastAt: event.at };
    question.count += 1;
    if (event.region !== null) question.regions.add(event.region);
    if (event.at > question.lastAt) question.lastAt = event.at;
    questions.set(event.question, question);
  };

  return {
    add(incoming) {
      const added: RecordedEvent[] = [];
      for (const event of incoming) {
        if (event.once !== undefined) {
          if (onceKeys.has(event.once)) continue;
          onceKeys.add(event.once);
        }
        count(event);
        added.push(event);
      }
      return added;
    },
    counts(query) {
      const rows: EventCount[] = [];
      for (const [day, perDay] of days) {
        if (day < query.from || day > query.to) continue;
        for (const row of perDay.values()) if (query.region === undefined || row.region === query.region) rows.push({ ...row });
      }
      return rows;
    },
    questions({ since, limit = 1000 }) {
      const fromDay = chinaDay(since);
      const byText = new Map<string, AskedQuestion>();
      for (const [day, questions] of asked) {
        if (day < fromDay) continue;
        for (const [text, question] of questions) {
          if (question.lastAt < since.toISOString()) continue;
          const total = byText.get(text) ?? { question: text, count: 0, regions: [], lastAt: question.lastAt };
          total.count += question.count;
          for (const region of question.regions) if (!total.regions.includes(region)) total.regions.push(region);
          if (question.lastAt > total.lastAt) total.lastAt = question.lastAt;
          byText.set(text, total);
        }
      }
      return [...byText.values()].sort((left, right) => right.count - left.count || right.lastAt.localeCompare(left.lastAt)).slice(0, limit);
    },
    prune(cutoff) {
      const cutoffDay = chinaDay(cutoff);
      let dropped = 0;
      for (const [day, perDay] of days) {
        if (day >= cutoffDay) continue;
        for (const row of perDay.values()) dropped += row.count;
        days.delete(day);
        asked.delete(day);
      }
      return dropped;
    },
  };
}
