import type { StoredApplication, StoredBinding } from '../src/backend-stub/backendData.js';
import { createBackendService } from '../src/backend-stub/backendService.js';
import { demoRegistry } from '../src/backend-stub/demoRegistry.js';
import { openLowdbBackendStore } from '../src/backend-stub/lowdbBackendStore.js';
import { createMemoryBackendStore } from '../src/backend-stub/memoryBackendStore.js';
import type { ApplicationRequest } from '../src/ports/bindingBackend.js';
import type { OutboxEntry } from '../src/ports/outbox.js';
import { countingIds } from '../src/server/createLocalAssistant.js';
import type { EngineContext } from '../src/engine/engineContext.js';
import { createLogger } from '../src/server/logger.js';
import { makeIdNumber } from '../test/helpers/idNumbers.js';

/** Past applications for the filing benchmarks (bench/filing.ts, bench/postgresFiling.ts): many people, each filed once. */

const silent = createLogger({ level: 'error', write: () => undefined });
let people = 0;

function person(birthYear: number) {
  people += 1;
  return { name: '张伟', idNumber: makeIdNumber({ region: '210202', birthDate: `${birthYear}-0${1 + (people % 9)}-1${people % 10}`, sequence: people % 1000 }), phone: `137${String(10_000_000 + (people % 90_000_000)).slice(-8)}` };
}

/** A new application to file: a new applicant binding a spouse in 大连. */
export const newRequest = (): ApplicationRequest => ({ region: '210200', applicant: person(1975), members: [{ relationship: 'spouse', ...person(1978) }] });

export type PastTemplate = { application: StoredApplication; binding: StoredBinding };

/** One real past application and its binding, as the stub stores them, to be stored again under other ids. */
export async function pastTemplate(context: Pick<EngineContext, 'content'>): Promise<PastTemplate> {
  const store = createMemoryBackendStore();
  const service = await createBackendService({ store, clock: { now: () => new Date() }, ids: countingIds(), policies: context.content.regions, messages: context.content.messages, registry: demoRegistry, reviewDelayMs: 0 });
  const request = newRequest();
  await service.create(request, 'template-1');
  await service.listForOperator(request.applicant.idNumber);
  const data = await store.read();
  return { application: data.applications.at(-1)!, binding: data.bindings.at(-1)! };
}

/** The outbox entry the assistant kept for past application `index`, filed. */
export function pastOutboxEntry(template: PastTemplate, index: number): OutboxEntry {
  return {
    key: `past-${index}`,
    sessionId: `s-past-${index}`,
    request: { region: '210200', applicant: template.application.applicant, members: template.application.members },
    createdAt: new Date().toISOString(),
    attempts: 1,
    state: 'filed',
    settledAt: new Date().toISOString(),
    result: { type: 'application-filed', application: { ...template.application, id: `app_past_${index}` } },
  };
}

/** Writes `count` past applications and their bindings into the stub's log in DATA_DIR, a thousand per change. */
export async function populateStub(count: number, stubDir: string, template: PastTemplate, onChunk?: (start: number, end: number) => Promise<void>): Promise<void> {
  const stubStore = await openLowdbBackendStore({ dataDir: stubDir, now: () => new Date(), logger: silent });
  const base = await stubStore.read();
  for (let start = 0; start < count; start += 1_000) {
    const end = Math.min(count, start + 1_000);
    const applications: StoredApplication[] = [];
    const bindings: StoredBinding[] = [];
    for (let index = start; index < end; index += 1) {
      const id = `app_past_${index}`;
      applications.push({ ...template.application, id, sequence: index + 1, idempotencyKey: `past-${index}`, recordNumber: `GJ210200${String(20260000000 + index).padStart(11, '0')}` });
      bindings.push({ ...template.binding, applicationId: id });
    }
    await stubStore.commit({ meta: { ...base, lastSequence: end }, applications, bindings });
    await onChunk?.(start, end);
  }
  await stubStore.close();
}
