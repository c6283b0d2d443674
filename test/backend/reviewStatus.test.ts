import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { readLog } from '../../src/adapters/appendLog.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPerson } from '../../src/backend-stub/demoRegistry.js';
import { FakeClock, member, newPerson, request, startTestStub, type TestStub } from './backendHarness.js';

const delay = 120_000;
let dataDir: string;
let clock: FakeClock;
let stub: TestStub;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'backend-status-'));
  clock = new FakeClock();
  stub = await startTestStub({ reviewDelayMs: delay, dataDir, clock });
});
afterEach(async () => {
  await stub.close();
  await rm(dataDir, { recursive: true, force: true });
});

const statusOf = async (id: string) => (await stub.application(id)).body;

describe('review progression on the clock', () => {
  it('goes submitted → under_review → approved as the review delay passes, and only then binds', async () => {
    const applicant = newPerson();
    const spouse = newPerson();
    const filed = await stub.apply(request('210200', applicant, [member(spouse, 'spouse')]), 'status-1');
    expect(filed.body).toMatchObject({ status: 'submitted', decidesAt: new Date(clock.now().getTime() + delay).toISOString() });
    expect((await stub.list(applicant.idNumber)).bindings).toHaveLength(0);

    clock.advance(delay / 4 - 1);
    expect((await statusOf(filed.body.id)).status).toBe('submitted');
    clock.advance(1);
    expect((await statusOf(filed.body.id)).status).toBe('under_review');
    clock.advance(delay - delay / 4 - 1);
    expect((await statusOf(filed.body.id)).status).toBe('under_review');
    clock.advance(1);
    const decided = await statusOf(filed.body.id);
    expect(decided).toMatchObject({ status: 'approved', decidesAt: null, rejection: null });
    expect((await stub.list(applicant.idNumber)).bindings.map((binding) => binding.member.idNumber)).toEqual([spouse.idNumber]);
  });

  it('rejects at decision time, not at submission', async () => {
    const { name, idNumber } = demoPerson('孙志强');
    const filed = await stub.apply(request('210200', { name, idNumber }, [member(newPerson(), 'child')]), 'status-2');
    expect(filed.body.status).toBe('submitted');
    clock.advance(delay);
    expect(await statusOf(filed.body.id)).toMatchObject({ status: 'rejected', rejection: { code: 'applicant_not_insured' } });
  });

  it('decides pending applications in the order they are due', async () => {
    const contested = newPerson({ birthDate: '1950-01-01' });
    const first = await stub.apply(request('210200', newPerson(), [member(contested, 'father')]), 'order-1');
    clock.advance(1_000);
    const second = await stub.apply(request('210200', newPerson(), [member(contested, 'father')]), 'order-2');
    clock.advance(delay);
    expect((await statusOf(second.body.id)).rejection).toMatchObject({ code: 'member_already_bound', memberIndex: 0 });
    expect((await statusOf(first.body.id)).status).toBe('approved');
  });

  it('persists a status change made while reading, so a restart shows the same', async () => {
    const filed = await stub.apply(request('210200', newPerson(), [member(newPerson(), 'spouse')]), 'status-3');
    clock.advance(delay / 2);
    expect((await statusOf(filed.body.id)).status).toBe('under_review');
    // The latest record of the application in the stub's log carries the new status.
    let stored: { status: string } | undefined;
    await readLog(path.join(dataDir, 'backend.log'), (header, payload) => {
      if ((JSON.parse(header) as { a?: string }).a === filed.body.id) stored = JSON.parse(payload);
    });
    expect(stored?.status).toBe('under_review');
    expect(await readdir(dataDir)).toEqual(['backend.log']);

    await stub.close();
    stub = await startTestStub({ reviewDelayMs: delay, dataDir, clock });
    // The restarted stub still knows the key the application was filed with.
    const asFiler = async () => (await stub.get(`/api/v1/applications/${filed.body.id}`, { 'x-filing-key': 'status-3' })).body;
    expect((await asFiler()).status).toBe('under_review');
    clock.advance(delay);
    expect((await asFiler()).status).toBe('approved');
  });
});
