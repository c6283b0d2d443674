import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessBindingBackend } from '../../src/adapters/inProcessBindingBackend.js';
import { openEmbeddedStores } from '../../src/adapters/embeddedStores.js';
import { createBackendService } from '../../src/backend-stub/backendService.js';
import { demoRegistry } from '../../src/backend-stub/demoRegistry.js';
import { createMemoryBackendStore } from '../../src/backend-stub/memoryBackendStore.js';
import type { EngineContext } from '../../src/engine/engineContext.js';
import { ConversationStateSchema, STATE_SCHEMA_VERSION, migrateState } from '../../src/engine/state.js';
import { countingIds } from '../../src/server/createLocalAssistant.js';
import { createConversationService, type Filing } from '../../src/server/conversationService.js';
import { loadEngineContext } from '../../src/server/loadEngineContext.js';
import { dataDirectoryCipher } from '../helpers/dataDirectoryCipher.js';

/**
 * Sessions written by the product at state version 1 (test/fixtures/sessions-v1.json, produced by that version's
 * engine: a FAQ turn, a form collecting, adding, confirming, submitting, queued, and an unbinding dialog) are read
 * from the old data file and continue where they were: nothing is restarted, dropped or set aside.
 */
const fixture = fileURLToPath(new URL('../fixtures/sessions-v1.json', import.meta.url));
let context: EngineContext;
let directory: string;
let stored: Record<string, { state: Record<string, unknown> }>;

beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../', import.meta.url)));
  directory = await mkdtemp(path.join(tmpdir(), 'migration-'));
  stored = JSON.parse(await readFile(fixture, 'utf8')).sessions;
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function assistantOnOldFile() {
  // The previous release's sessions.json in a data directory of its own: imported at first start.
  const dataDir = await mkdtemp(path.join(directory, 'data-'));
  await copyFile(fixture, path.join(dataDir, 'sessions.json'));
  const stores = await openEmbeddedStores({ dataDir, now: () => new Date(), cipher: await dataDirectoryCipher(dataDir), onCompactionError: (error) => { throw error; } });
  const store = stores.sessions;
  const problems = stores.problems;
  const clock = { now: () => new Date('2026-11-29T09:05:00Z') };
  const ids = countingIds();
  const backendService = await createBackendService({
    store: createMemoryBackendStore(),
    clock,
    ids,
    policies: context.content.regions,
    messages: context.content.messages,
    registry: demoRegistry,
    reviewDelayMs: 0,
  });
  const filed: string[] = [];
  const filing: Filing = {
    async file(entry) {
      filed.push(entry.key);
      return { type: 'application-queued' };
    },
    resume: async () => undefined,
  };
  const service = createConversationService({ context: () => context, store, backend: createInProcessBindingBackend(backendService), filing, clock, ids });
  return { store, service, problems, filed };
}

describe('stored state of version 1', () => {
  it('every stored state migrates to the current version, keeping every field it had', () => {
    expect(STATE_SCHEMA_VERSION).toBeGreaterThan(1);
    for (const [id, session] of Object.entries(stored)) {
      expect(session.state.schemaVersion, id).toBe(1);
      const migrated = migrateState(session.state);
      expect(migrated, id).not.toBeNull();
      expect(ConversationStateSchema.parse(migrated).schemaVersion).toBe(STATE_SCHEMA_VERSION);
      const { schemaVersion: _old, form: oldForm, ...rest } = session.state;
      expect(migrated, id).toMatchObject(rest);
      if (oldForm) expect(migrated!.form, id).toMatchObject(oldForm as object);
    }
  });

  it('the old data file is read as it is, not set aside', async () => {
    const { store, problems } = await assistantOnOldFile();
    expect(problems).toEqual([]);
    for (const id of Object.keys(stored)) expect(await store.get(id), id).toBeDefined();
  });

  it('a form half filled continues with the next answer, the applicant and the member kept', async () => {
    const { service } = await assistantOnOldFile();
    const outcome = await service.chat({ sessionId: 'v1-collecting', text: '210202194205090267' });
    expect(outcome.ok && outcome.response.form).toMatchObject({
      status: 'collecting',
      pending: 'member.phone',
      slots: { 'applicant.name': '王建国', 'member.relationship': '母亲', 'member.name': '王淑珍', 'member.idNumber': '210202********0267' },
    });
    expect(outcome.ok && outcome.response.replies.map((reply) => reply.text).join('\n')).not.toContain('从头填写');
  });

  it('a form at confirmation is filed with its details when the person confirms', async () => {
    const { service, filed, store } = await assistantOnOldFile();
    const outcome = await service.chat({ sessionId: 'v1-confirming', text: '确认提交' });
    expect(outcome.ok && outcome.response.form?.status).toBe('queued');
    expect(filed).toHaveLength(1);
    expect((await store.get('v1-confirming'))!.state.form?.members).toMatchObject([{ relationship: 'mother', name: '王淑珍' }]);
  });

  it('a form being submitted keeps its idempotency key and takes the filing result', async () => {
    const { service, store } = await assistantOnOldFile();
    const before = stored['v1-submitting']!.state.form as { idempotencyKey: string };
    expect(before.idempotencyKey).toBeTruthy();
    await service.deliver('v1-submitting', { type: 'application-queued' });
    const after = (await store.get('v1-submitting'))!;
    expect(after.state.schemaVersion).toBe(STATE_SCHEMA_VERSION);
    expect(after.state.form).toMatchObject({ status: 'queued', idempotencyKey: before.idempotencyKey, applicant: { name: '王建国' } });
    expect(after.transcript.at(-1)?.text).toContain('自动提交');
  });

  it('a queued form and an unbinding dialog go on as before', async () => {
    const { service, store } = await assistantOnOldFile();
    const queued = await service.chat({ sessionId: 'v1-queued', text: '你好' });
    expect(queued.ok).toBe(true);
    expect((await store.get('v1-queued'))!.state.form).toMatchObject({ status: 'queued', idempotencyKey: 'v1-queued-11' });
    // The unbinding goes on where it was: the ID number it waited for, then (this session did not file) the code.
    const unbind = await service.chat({ sessionId: 'v1-unbind', text: '210202196803150310' });
    expect(unbind.ok && unbind.response.replies.map((reply) => reply.text).join('\n')).toContain('验证码');
    expect((await store.get('v1-unbind'))!.state).toMatchObject({ unbind: { status: 'verifying', applicantIdNumber: '210202196803150310' }, verifying: { purpose: 'unbind' } });
  });
});
