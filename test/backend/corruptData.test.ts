import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { member, newPerson, request, startTestStub } from './backendHarness.js';

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

      // The stub runs on with a fresh file.
      const applicant = newPerson();
      expect((await stub.apply(request('210200', applicant, [member(newPerson(), 'spouse')]), 'after-corrupt')).status).toBe(201);
      expect(JSON.parse(await readFile(path.join(dataDir, 'backend.json'), 'utf8')).applications.length).toBeGreaterThan(0);
    } finally {
      await stub.close();
    }
  });
});
