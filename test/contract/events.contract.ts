import { beforeEach, describe, expect, it } from 'vitest';
import type { EventCount, Events, RecordedEvent } from '../../src/ports/events.js';

/** 2026-11-30 09:00 in China is 01:00 UTC; 2026-11-30 23:30 in China is still 15:30 UTC on the 30th. */
const at = (day: number, hourUtc: number, minute = 0) => new Date(Date.UTC(2026, 10, day, hourUtc, minute)).toISOString();

function turn(overrides: Partial<RecordedEvent>): RecordedEvent {
  return { at: at(30, 1), conversation: 'c1', region: '210200', type: 'turn', outcome: 'answered', confidence: 0.9, ...overrides };
}

const total = (rows: EventCount[], match: Partial<EventCount>) =>
  rows.filter((row) => Object.entries(match).every(([key, value]) => row[key as keyof EventCount] === value)).reduce((sum, row) => sum + row.count, 0);

/** The Events contract; `open` gives an empty store, `reopen` (persistent ones) the same data as after a restart. */
export function runEventsContract(name: 'memory' | 'file' | 'postgres', open: () => Promise<{ events: Events; reopen?: () => Promise<Events> }>): void {
  describe(`Events contract: ${name}`, () => {
    let events: Events;
    let reopen: (() => Promise<Events>) | undefined;
    beforeEach(async () => {
      ({ events, reopen } = await open());
    });

    it('counts events per China day, region and kind', async () => {
      await events.record([
        turn({ topic: 'what_is', question: '什么是家庭共济' }),
        turn({ at: at(30, 15, 30), topic: 'what_is', question: '什么是家庭共济' }),
        // 16:30 UTC is the next day in China.
        turn({ at: at(30, 16, 30), topic: 'limits', region: '370900' }),
        { at: at(30, 2), conversation: 'c2', region: '210200', type: 'form_started' },
        { at: at(30, 2, 1), conversation: 'c2', region: '210200', type: 'slot_filled', slot: 'member.name', member: 0 },
        { at: at(30, 2, 2), conversation: 'c2', region: '210200', type: 'slot_filled', slot: 'member.name', member: 1 },
        { at: at(30, 2, 3), conversation: 'c2', region: '210200', type: 'slot_filled', slot: 'member.name', member: 2 },
      ]);
      const rows = await events.counts({ from: '2026-11-30', to: '2026-11-30' });
      expect(total(rows, { type: 'turn', topic: 'what_is', region: '210200', day: '2026-11-30', outcome: 'answered' })).toBe(2);
      expect(total(rows, { topic: 'limits' })).toBe(0);
      expect(total(rows, { type: 'form_started' })).toBe(1);
      // The first family member apart from every later one, so a funnel can follow one application.
      expect(total(rows, { type: 'slot_filled', slot: 'member.name', member: 0 })).toBe(1);
      expect(total(rows, { type: 'slot_filled', slot: 'member.name', member: 1 })).toBe(2);
      const nextDay = await events.counts({ from: '2026-12-01', to: '2026-12-31' });
      expect(nextDay).toEqual([{ day: '2026-12-01', region: '370900', type: 'turn', slot: null, member: null, outcome: 'answered', topic: 'limits', detail: null, count: 1 }]);
    });

    it('filters counts by region and by days, both ends included', async () => {
      await events.record([
        turn({ at: at(28, 1) }),
        turn({ at: at(29, 1), region: '370900' }),
        turn({ at: at(29, 2) }),
        turn({ at: at(30, 1), region: null }),
      ]);
      expect(total(await events.counts({ from: '2026-11-28', to: '2026-11-29', region: '210200' }), {})).toBe(2);
      expect(total(await events.counts({ from: '2026-11-29', to: '2026-11-29' }), {})).toBe(2);
      expect(total(await events.counts({ from: '2026-11-01', to: '2026-11-30' }), { region: null })).toBe(1);
    });

    it('keeps an event with a once key once, however often it is recorded', async () => {
      const approved: RecordedEvent = { at: at(30, 3), conversation: 'c3', region: '210200', type: 'approved', once: 'c3:GJ1:decided' };
      await events.record([approved]);
      await events.record([approved, { ...approved, at: at(30, 4) }]);
      expect(total(await events.counts({ from: '2026-11-30', to: '2026-11-30' }), { type: 'approved' })).toBe(1);
    });

    it('lists the questions people asked since a time, most asked first, with their regions', async () => {
      await events.record([
        turn({ at: at(20, 1), question: '老问题' }),
        turn({ question: '能绑定谁', region: '210200' }),
        turn({ at: at(30, 2), question: '能绑定谁', region: '370900' }),
        turn({ at: at(30, 3), question: '能绑定谁', region: '210200' }),
        turn({ at: at(30, 4), question: '要什么材料', region: null }),
        turn({ at: at(30, 5), outcome: 'flow' }),
      ]);
      const asked = await events.questions({ since: new Date(at(25, 0)) });
      expect(asked.map((question) => [question.question, question.count, [...question.regions].sort()])).toEqual([
        ['能绑定谁', 3, ['210200', '370900']],
        ['要什么材料', 1, []],
      ]);
      expect(asked[0]!.lastAt).toBe(at(30, 3));
      expect(await events.questions({ since: new Date(at(25, 0)), limit: 1 })).toHaveLength(1);
    });

    it('drops events older than the retention cutoff, and their counts', async () => {
      await events.record([turn({ at: at(1, 1), question: '旧的' }), turn({ at: at(30, 1), question: '新的' })]);
      expect(await events.prune(new Date(at(15, 0)))).toBe(1);
      expect(await events.prune(new Date(at(15, 0)))).toBe(0);
      expect(total(await events.counts({ from: '2026-11-01', to: '2026-11-30' }), {})).toBe(1);
      expect((await events.questions({ since: new Date(0) })).map((question) => question.question)).toEqual(['新的']);
    });

    it('keeps everything across a restart (persistent stores)', async () => {
      if (reopen === undefined) return;
      await events.record([turn({ question: '能绑定谁' }), { at: at(30, 3), conversation: 'c3', region: '210200', type: 'approved', once: 'k' }]);
      const again = await reopen();
      await again.record([{ at: at(30, 4), conversation: 'c3', region: '210200', type: 'approved', once: 'k' }]);
      const rows = await again.counts({ from: '2026-11-30', to: '2026-11-30' });
      expect(total(rows, { type: 'turn' })).toBe(1);
      expect(total(rows, { type: 'approved' })).toBe(1);
      expect((await again.questions({ since: new Date(0) }))[0]?.question).toBe('能绑定谁');
    });
  });
}
