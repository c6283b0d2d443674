import { chinaDay, countKeyOf, type AskedQuestion, type EventCount, type EventQuery, type RecordedEvent } from '../ports/events.js';

/**
 * The events of an embedded store held in memory, with their counts kept per day as they arrive: a query reads the
 * counts of the days asked, never the events.
 */
export type EventTally = {
  /** Adds what is not yet held (by `once` key); returns what was added. */
  add(events: readonly RecordedEvent[]): RecordedEvent[];
  counts(query: EventQuery): EventCount[];
  questions(query: { since: Date; limit?: number }): AskedQuestion[];
  /** Drops events before the cutoff; returns those kept. */
  prune(cutoff: Date): { dropped: number; kept: readonly RecordedEvent[] };
};

export function createEventTally(): EventTally {
  let events: RecordedEvent[] = [];
  let onceKeys = new Set<string>();
  /** day → count key (JSON) → count */
  let days = new Map<string, Map<string, EventCount>>();

  const count = (event: RecordedEvent): void => {
    const key = countKeyOf(event);
    const perDay = days.get(key.day) ?? new Map<string, EventCount>();
    days.set(key.day, perDay);
    const id = JSON.stringify(key);
    const existing = perDay.get(id);
    if (existing) existing.count += 1;
    else perDay.set(id, { ...key, count: 1 });
  };

  const add = (incoming: readonly RecordedEvent[]): RecordedEvent[] => {
    const added: RecordedEvent[] = [];
    for (const event of incoming) {
      if (event.once !== undefined) {
        if (onceKeys.has(event.once)) continue;
        onceKeys.add(event.once);
      }
      events.push(event);
      count(event);
      added.push(event);
    }
    return added;
  };

  return {
    add,
    counts(query) {
      const rows: EventCount[] = [];
      for (const [day, perDay] of days) {
        if (day < query.from || day > query.to) continue;
        for (const row of perDay.values()) if (query.region === undefined || row.region === query.region) rows.push({ ...row });
      }
      return rows;
    },
    questions({ since, limit = 1000 }) {
      const byText = new Map<string, AskedQuestion>();
      const from = since.getTime();
      for (const event of events) {
        if (event.question === undefined || Date.parse(event.at) < from) continue;
        const asked = byText.get(event.question) ?? { question: event.question, count: 0, regions: [], lastAt: event.at };
        asked.count += 1;
        if (event.region !== null && !asked.regions.includes(event.region)) asked.regions.push(event.region);
        if (event.at > asked.lastAt) asked.lastAt = event.at;
        byText.set(event.question, asked);
      }
      return [...byText.values()].sort((left, right) => right.count - left.count || right.lastAt.localeCompare(left.lastAt)).slice(0, limit);
    },
    prune(cutoff) {
      const kept = events.filter((event) => Date.parse(event.at) >= cutoff.getTime());
      const dropped = events.length - kept.length;
      if (dropped > 0) {
        events = [];
        onceKeys = new Set();
        days = new Map();
        add(kept);
      }
      return { dropped, kept: events };
    },
  };
}

export { chinaDay };
