import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventsFileName, openFileEvents } from '../../src/adapters/fileEvents.js';
import { createMemoryEvents } from '../../src/adapters/memoryEvents.js';
import { runEventsContract } from './events.contract.js';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'events-'));
  directories.push(directory);
  return directory;
}

runEventsContract('memory', async () => ({ events: createMemoryEvents() }));
runEventsContract('file', async () => {
  const directory = await temporaryDirectory();
  return { events: await openFileEvents(directory), reopen: () => openFileEvents(directory) };
});

describe('file Events', () => {
  it('keeps the events around a torn line left by a crash mid-append, and appends after it', async () => {
    const directory = await temporaryDirectory();
    const events = await openFileEvents(directory);
    await events.record([{ at: '2026-11-30T01:00:00.000Z', conversation: 'c1', region: null, type: 'form_started' }]);
    await appendFile(path.join(directory, eventsFileName), '{"at":"2026-11-30T01:0', 'utf8');
    const reopened = await openFileEvents(directory);
    await reopened.record([{ at: '2026-11-30T02:00:00.000Z', conversation: 'c2', region: null, type: 'form_started' }]);
    const again = await openFileEvents(directory);
    const rows = await again.counts({ from: '2026-11-30', to: '2026-11-30' });
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(2);
  });
});
