import type { EventCount, TurnOutcome } from '../ports/events.js';

/** Where an application stands, in the order people go through the binding form. */
export type FunnelStep = { step: string; count: number; /** People lost since the step before (0 for the first). */ dropOff: number };
export type SlotFigures = { slot: string; filled: number; invalid: number; corrected: number };

export type InsightsReport = {
  from: string;
  to: string;
  region: string | null;
  /** started → each slot (the first family member's) → consent → confirmed → filed → approved. */
  funnel: FunnelStep[];
  /** Per slot, every family member counted: how often filled, refused by validation, corrected. */
  slots: SlotFigures[];
  /** Applications the back end refused outright, queued for later, and reviews that rejected. */
  setbacks: { filingRefused: number; queued: number; rejected: number; cancelled: number };
  handoffs: { queued: number; hotline: number; offered: number };
  outcomes: Record<TurnOutcome, number>;
  /** Answered FAQ questions per topic per day (days in order), and per topic per region. */
  days: string[];
  topicsByDay: { topic: string; counts: number[] }[];
  topicsByRegion: { region: string | null; topics: Record<string, number> }[];
};

const sum = (rows: readonly EventCount[], match: (row: EventCount) => boolean) => rows.reduce((total, row) => (match(row) ? total + row.count : total), 0);

/**
 * The editors' insights from counts per day (Events.counts): nothing here reads an event. `slots` is the binding
 * flow's slot order (content), so the funnel follows the form as editors wrote it.
 */
export function insightsReport(rows: readonly EventCount[], options: { from: string; to: string; region: string | null; slots: readonly string[] }): InsightsReport {
  const askedSlots = options.slots.filter((slot) => slot !== 'consent' && slot !== 'confirm');
  const firstFilled = (slot: string) => sum(rows, (row) => row.type === 'slot_filled' && row.slot === slot && (slot.startsWith('member.') ? row.member === 0 : true));
  const steps: [string, number][] = [
    ['form_started', sum(rows, (row) => row.type === 'form_started')],
    ...askedSlots.map((slot): [string, number] => [slot, firstFilled(slot)]),
    ['consent_given', sum(rows, (row) => row.type === 'consent_given')],
    ['confirmed', sum(rows, (row) => row.type === 'confirmed')],
    ['filed', sum(rows, (row) => row.type === 'filed')],
    ['approved', sum(rows, (row) => row.type === 'approved')],
  ];
  const funnel = steps.map(([step, count], index) => ({ step, count, dropOff: index === 0 ? 0 : Math.max(0, steps[index - 1]![1] - count) }));

  const slots = askedSlots.map((slot) => ({
    slot,
    filled: sum(rows, (row) => row.type === 'slot_filled' && row.slot === slot),
    invalid: sum(rows, (row) => row.type === 'slot_invalid' && row.slot === slot),
    corrected: sum(rows, (row) => row.type === 'slot_corrected' && row.slot === slot),
  }));

  const outcomes: Record<TurnOutcome, number> = { answered: 0, clarify: 0, fallback: 0, refused: 0, flow: 0, handoff: 0 };
  for (const row of rows) if (row.type === 'turn' && row.outcome !== null) outcomes[row.outcome] += row.count;

  const days: string[] = [];
  for (let day = new Date(`${options.from}T00:00:00Z`); day.toISOString().slice(0, 10) <= options.to && days.length < 366; day = new Date(day.getTime() + 86_400_000)) {
    days.push(day.toISOString().slice(0, 10));
  }
  const answered = rows.filter((row) => row.type === 'turn' && row.topic !== null && row.outcome === 'answered');
  const topics = [...new Set(answered.map((row) => row.topic!))].sort((left, right) => sum(answered, (row) => row.topic === right) - sum(answered, (row) => row.topic === left));
  const topicsByDay = topics.map((topic) => ({ topic, counts: days.map((day) => sum(answered, (row) => row.topic === topic && row.day === day)) }));
  const regions = [...new Set(answered.map((row) => row.region))];
  const topicsByRegion = regions
    .map((region) => ({ region, topics: Object.fromEntries(topics.map((topic) => [topic, sum(answered, (row) => row.region === region && row.topic === topic)])) }))
    .sort((left, right) => Object.values(right.topics).reduce((a, b) => a + b, 0) - Object.values(left.topics).reduce((a, b) => a + b, 0));

  return {
    from: options.from,
    to: options.to,
    region: options.region,
    funnel,
    slots,
    setbacks: {
      filingRefused: sum(rows, (row) => row.type === 'filing_refused'),
      queued: sum(rows, (row) => row.type === 'queued'),
      rejected: sum(rows, (row) => row.type === 'rejected'),
      cancelled: sum(rows, (row) => row.type === 'form_cancelled'),
    },
    handoffs: {
      queued: sum(rows, (row) => row.type === 'handoff' && row.detail === 'queued'),
      hotline: sum(rows, (row) => row.type === 'handoff' && row.detail === 'hotline'),
      offered: sum(rows, (row) => row.type === 'handoff' && row.detail === 'offered'),
    },
    outcomes,
    days,
    topicsByDay,
    topicsByRegion,
  };
}
