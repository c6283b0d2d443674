import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventsFileName, openFileEvents } from '../src/adapters/fileEvents.js';
import { chinaDay, type RecordedEvent } from '../src/ports/events.js';

/**
 * The insights' cost against history on the embedded store (DATA_DIR/events.jsonl): a 30-day insights query and the
 * answer diff's question list at 10 k, 100 k and 1 M stored events over 90 days, how long a start waits for the file
 * (it is read in the background) and how long until it is read back.
 * Counts are kept per day, so the query should stay flat while the events grow.
 */
const regions = ['210200', '370900', '110000', '310000', null];
const types = ['turn', 'turn', 'turn', 'slot_filled', 'form_started', 'consent_given', 'filed'] as const;
const topics = ['what_is', 'who_can_bind', 'materials', 'limits', 'review'];
const slots = ['applicant.name', 'applicant.idNumber', 'member.phone'];
const now = Date.parse('2026-11-30T04:00:00Z');

function eventAt(index: number, count: number): RecordedEvent {
  const at = new Date(now - Math.floor((index / count) * 90 * 86_400_000)).toISOString();
  const type = types[index % types.length]!;
  const base = { at, conversation: `c${index % 5000}`, region: regions[index % regions.length]!, type };
  if (type === 'turn') return { ...base, outcome: 'answered', topic: topics[index % topics.length]!, confidence: 0.8, question: `问题${index % 2000}` };
  if (type === 'slot_filled') return { ...base, slot: slots[index % slots.length]!, ...(index % 2 === 0 ? { member: 0 } : {}) };
  return base;
}

const median = (values: number[]) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)]!;

async function timed<T>(work: () => Promise<T>, times = 7): Promise<number> {
  const runs: number[] = [];
  for (let run = 0; run < times; run += 1) {
    const started = performance.now();
    await work();
    runs.push(performance.now() - started);
  }
  return median(runs);
}

for (const count of [10_000, 100_000, 1_000_000]) {
  const directory = await mkdtemp(path.join(tmpdir(), 'bench-events-'));
  const writing = await openFileEvents(directory);
  const started = performance.now();
  for (let index = 0; index < count; index += 1000) await writing.record(Array.from({ length: 1000 }, (_, offset) => eventAt(index + offset, count)));
  const recordMs = performance.now() - started;
  const opening = performance.now();
  const events = await openFileEvents(directory);
  const startMs = performance.now() - opening;
  // The file is read in the background: the first query waits for it.
  await events.counts({ from: '2000-01-01', to: '2000-01-01' });
  const openMs = performance.now() - opening;
  const to = chinaDay(new Date(now));
  const from = chinaDay(new Date(now - 29 * 86_400_000));
  const countsMs = await timed(() => events.counts({ from, to }));
  const regionMs = await timed(() => events.counts({ from, to, region: '210200' }));
  const questionsMs = await timed(() => events.questions({ since: new Date(now - 90 * 86_400_000) }), 3);
  const size = (await stat(path.join(directory, eventsFileName))).size;
  console.log(
    `${count.toLocaleString('en')} events (${(size / 1e6).toFixed(0)} MB): record ${Math.round(count / (recordMs / 1000)).toLocaleString('en')}/s, start waits ${startMs.toFixed(1)} ms, read back ${Math.round(openMs)} ms, ` +
      `30-day counts ${countsMs.toFixed(2)} ms (one region ${regionMs.toFixed(2)} ms), 90-day questions ${questionsMs.toFixed(0)} ms`,
  );
  await rm(directory, { recursive: true, force: true });
}
