import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInProcessBindingBackend } from '../../src/adapters/inProcessBindingBackend.js';
import { createMemoryOutbox } from '../../src/adapters/memoryOutbox.js';
import { createMemorySessionStore } from '../../src/adapters/memorySessionStore.js';
import { createBackendService, type BackendService } from '../../src/backend-stub/backendService.js';
import { demoRegistry } from '../../src/backend-stub/demoRegistry.js';
import { createMemoryBackendStore } from '../../src/backend-stub/memoryBackendStore.js';
import type { EngineContext } from '../../src/engine/engineContext.js';
import type { BindingBackend } from '../../src/ports/bindingBackend.js';
import type { Outbox } from '../../src/ports/outbox.js';
import type { SessionStore } from '../../src/ports/sessionStore.js';
import { createConversationService, type ConversationService } from '../../src/server/conversationService.js';
import { countingIds } from '../../src/server/createLocalAssistant.js';
import { createFilingWorker } from '../../src/server/filingWorker.js';
import { loadEngineContext } from '../../src/server/loadEngineContext.js';
import { createLogger } from '../../src/server/logger.js';
import { makeIdNumber } from '../helpers/idNumbers.js';

/**
 * The assistant dies while a confirmation is being filed — before the back end answered, or after it filed but
 * before the turn was committed — and the person, never having seen an answer, types again after the restart.
 * What the stores held at the moment of the crash is all the new process gets (memory stores shared by both
 * "processes" stand in for the files). Exactly one application, and the conversation knows its record number.
 */
let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../', import.meta.url)));
});

const clock = { now: () => new Date() };
// Session ids are unique across the whole test, as random ones are in production: filing keys derive from them.
const sessionIds = countingIds();
let people = 0;
/** A new applicant and mother per conversation, so no earlier test's application stands in the way. */
function newPeople() {
  people += 1;
  const applicantId = makeIdNumber({ region: '210202', birthDate: '1985-06-12', sequence: 100 + 2 * people, sex: 'male' });
  const motherId = makeIdNumber({ region: '210202', birthDate: '1958-03-04', sequence: 100 + 2 * people, sex: 'female' });
  return { applicantId, opening: `我要绑定，我在大连，我叫张伟，身份证${applicantId}，手机13812345678，给我妈李秀英绑定，她身份证${motherId}，手机13912345678` };
}
const never = new Promise<never>(() => undefined);

async function talk(service: ConversationService, sessionId: string | undefined, text: string) {
  const outcome = await service.chat({ ...(sessionId ? { sessionId } : {}), text });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.response;
}

/** One assistant process over the given stores; the back end may be wrapped to die at a chosen point. */
function assistant(store: SessionStore, outbox: Outbox, backend: BindingBackend): ConversationService {
  let service: ConversationService | undefined;
  const worker = createFilingWorker({
    outbox,
    backend,
    clock,
    onResult: (sessionId, result) => service!.deliver(sessionId, result),
    retryDelayMs: 60_000,
    logger: createLogger({ level: 'silent', write: () => undefined }),
  });
  service = createConversationService({ context: () => context, store, backend, filing: worker, clock, ids: sessionIds });
  return service;
}

const crashPoints = {
  'before the back end answered': (real: BindingBackend): BindingBackend => ({ ...real, submit: () => never }),
  'after the back end filed, before the turn was committed': (real: BindingBackend): BindingBackend => ({
    ...real,
    submit: async (request, key) => {
      await real.submit(request, key);
      return never;
    },
  }),
};

describe.each(Object.entries(crashPoints))('a crash %s, then the person types again', (_point, dying) => {
  let backendService: BackendService;
  beforeAll(async () => {
    backendService = await createBackendService({ store: createMemoryBackendStore(), clock, ids: countingIds(), policies: context.content.regions, messages: context.content.messages, registry: demoRegistry, reviewDelayMs: 60_000 });
  });
  const applications = async (applicantId: string) => {
    const listed = await backendService.listForOperator(applicantId);
    if (!listed.ok) throw new Error(listed.failure.message);
    return listed.value.applications;
  };

  it.each(['好了吗', '确认', '提交了吗', '确认提交'])('files once and tells the record number when the person says "%s"', async (nextMessage) => {
    const outbox = createMemoryOutbox();
    const store = createMemorySessionStore({ outbox });
    const { applicantId, opening } = newPeople();
    const real = createInProcessBindingBackend(backendService);
    const first = assistant(store, outbox, dying(real));
    let sessionId: string | undefined;
    for (const text of [opening, '不用了，下一步', '同意']) sessionId = (await talk(first, sessionId, text)).sessionId;
    // The confirmation never gets its answer: the process dies while filing.
    void first.chat({ sessionId: sessionId!, text: '确认提交' });
    await new Promise((resolve) => setTimeout(resolve, 20));

    const restarted = assistant(store, outbox, real);
    const answer = await talk(restarted, sessionId, nextMessage);
    const again = await talk(restarted, sessionId, '确认提交');
    const filed = await applications(applicantId);
    expect(filed).toHaveLength(1);
    expect(answer.replies.map((reply) => reply.text).join('\n')).toContain(filed[0]!.recordNumber);
    expect(again.form?.status).toBe('submitted');
    expect((await store.get(sessionId!))?.state.form?.recordNumber).toBe(filed[0]!.recordNumber);
  });
});
