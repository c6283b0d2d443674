import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackendService } from '../../src/backend-stub/backendService.js';
import { demoRegistry } from '../../src/backend-stub/demoRegistry.js';
import { createMemoryBackendStore } from '../../src/backend-stub/memoryBackendStore.js';
import { countingIds } from '../../src/server/createLocalAssistant.js';
import { FakeClock, member, newPerson, request, startTestStub } from './backendHarness.js';
import { loadBackendContent } from './backendTestContent.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'backend-corrupt-'));
});
afterEach(async () => rm(dataDir, { recursive: true, force: true }));

describe('a corrupt backend.json at start', () => {
  it.each([
    ['text that is not JSON', '{"applications": [ {"id": "app_1", '],
    ['JSON of another shape', JSON.stringify({ applications: 'none' })],
  ])('(%s) is moved aside, reported naming the file, and never overwritten', async (_kind, corrupt) => {
    await writeFile(path.join(dataDir, 'backend.json'), corrupt);
    const stub = await startTestStub({ dataDir });
    try {
      const files = await readdir(dataDir);
      const aside = files.find((name) => /^backend\.json\.corrupt-\d{4}-\d{2}-\d{2}T/.test(name));
      expect(aside).toBeDefined();
      expect(await readFile(path.join(dataDir, aside!), 'utf8')).toBe(corrupt);

      const report = stub.logLines.map((line) => JSON.parse(line)).find((entry) => entry.level === 'error');
      expect(report.file).toBe(path.join(dataDir, 'backend.json'));
      expect(report.movedTo).toBe(path.join(dataDir, aside!));

      // The stub runs on, says it is degraded, and keeps what it files from then on.
      expect(stub.degraded).toBe(true);
      const applicant = newPerson();
      expect((await stub.apply(request('210200', applicant, [member(newPerson(), 'spouse')]), 'after-corrupt')).status).toBe(201);
      await stub.close();
      const restarted = await startTestStub({ dataDir });
      try {
        expect((await restarted.list(applicant.idNumber)).applications).toHaveLength(1);
        expect(restarted.degraded).toBe(false);
      } finally {
        await restarted.close();
      }
    } finally {
      await stub.close();
    }
  });
});

describe('the stub\'s data files from before and after the log', () => {
  it('imports backend.json written by the previous release: its applications and bindings stay, the plain file goes', async () => {
    const content = await loadBackendContent();
    const store = createMemoryBackendStore();
    const clock = new FakeClock();
    const previous = await createBackendService({ store, clock, ids: countingIds(), policies: content.regions, messages: content.messages, registry: demoRegistry, reviewDelayMs: 0 });
    const applicant = newPerson();
    const filed = await previous.create(request('210200', applicant, [member(newPerson(), 'spouse')]), 'before-upgrade');
    expect(filed.ok).toBe(true);
    await writeFile(path.join(dataDir, 'backend.json'), JSON.stringify(await store.read()));

    const stub = await startTestStub({ dataDir });
    try {
      expect(stub.degraded).toBe(false);
      expect((await stub.list(applicant.idNumber)).applications).toHaveLength(1);
      expect((await readdir(dataDir)).filter((name) => name.startsWith('backend.json'))).toEqual([]);
      // The same key files nothing new: the imported application answers it.
      expect((await stub.apply(request('210200', applicant, [member(newPerson(), 'spouse')]), 'before-upgrade')).status).not.toBe(201);
    } finally {
      await stub.close();
    }
  });

  it('keeps a damaged backend.log aside, runs on its intact records and says it is degraded', async () => {
    const first = await startTestStub({ dataDir });
    const kept = newPerson();
    const lost = newPerson();
    await first.apply(request('210200', kept, [member(newPerson(), 'spouse')]), 'kept-1');
    await first.apply(request('210200', lost, [member(newPerson(), 'spouse')]), 'lost-1');
    await first.close();
    const file = path.join(dataDir, 'backend.log');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(lost.phone, `${lost.phone.slice(0, -1)}${lost.phone.endsWith('0') ? '1' : '0'}`));
    const second = await startTestStub({ dataDir });
    try {
      expect(second.degraded).toBe(true);
      expect(await (await fetch(`${second.url}/healthz`)).json()).toEqual({ ok: true, status: 'degraded' });
      expect((await readdir(dataDir)).some((name) => name.startsWith('backend.log.damaged-'))).toBe(true);
      expect(second.logLines.map((line) => JSON.parse(line)).some((entry) => entry.level === 'error')).toBe(true);
      expect((await second.list(kept.idNumber)).applications).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
