import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpBindingBackend } from '../../src/adapters/httpBindingBackend.js';
import { createMemoryOutbox } from '../../src/adapters/memoryOutbox.js';
import { createMemorySessionStore } from '../../src/adapters/memorySessionStore.js';
import type { EngineContext } from '../../src/engine/engineContext.js';
import { createConversationService, type ConversationService, type TranscriptEntry } from '../../src/server/conversationService.js';
import { countingIds } from '../../src/server/createLocalAssistant.js';
import { createFilingWorker } from '../../src/server/filingWorker.js';
import { loadEngineContext } from '../../src/server/loadEngineContext.js';
import { createLogger } from '../../src/server/logger.js';
import { startTestStub, type TestStub, testBackendSecret } from '../backend/backendHarness.js';
import { freePort } from '../helpers/freePort.js';

/**
 * The back end is down when the person confirms: they are told plainly that the application is kept and will be
 * filed, and when the back end is back the same conversation receives the record number — exactly one application.
 */
let context: EngineContext;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../', import.meta.url)));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const applicantId = '21020219850612123X';
const opening = `我要绑定，我在大连，我叫张伟，身份证${applicantId}，手机13812345678，给我妈李秀英绑定，她身份证21020219580304242X，手机13912345678`;

async function talk(service: ConversationService, sessionId: string | undefined, text: string) {
  const outcome = await service.chat({ ...(sessionId ? { sessionId } : {}), text });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.response;
}

describe('filing while the back end is down', () => {
  it('queues the confirmed application, says so, and delivers the record number once the back end returns', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'gongji-queued-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const clock = { now: () => new Date() };
    const backend = createHttpBindingBackend({ baseUrl, secret: testBackendSecret, timeoutMs: 500, retries: 0 });
    let service: ConversationService | undefined;
    const outbox = createMemoryOutbox();
    const worker = createFilingWorker({
      outbox,
      backend,
      clock,
      onResult: (sessionId, result) => service!.deliver(sessionId, result),
      retryDelayMs: 100,
      maxRetryDelayMs: 200,
      logger: createLogger({ level: 'silent', write: () => undefined }),
    });
    service = createConversationService({ context: () => context, store: createMemorySessionStore({ outbox }), backend, filing: worker, clock, ids: countingIds() });
    await worker.start();
    cleanups.push(() => worker.stop());

    let sessionId: string | undefined;
    for (const text of [opening, '不用了，下一步', '同意']) sessionId = (await talk(service, sessionId, text)).sessionId;
    const later: TranscriptEntry[] = [];
    service.subscribe(sessionId!, (entry) => later.push(entry));

    // Nothing listens on the port yet: the back end is down.
    const confirmed = await talk(service, sessionId, '确认提交');
    expect(confirmed.form?.status).toBe('queued');
    expect(confirmed.replies.map((reply) => reply.text).join('\n')).toContain(context.content.messages['engine.submit.queued']!.slice(0, 12));

    const stub: TestStub = await startTestStub({ port, dataDir, reviewDelayMs: 0 });
    cleanups.push(() => stub.close());
    for (let waited = 0; later.length === 0 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));

    const listed = await stub.list(applicantId);
    expect(listed.applications).toHaveLength(1);
    const recordNumber = listed.applications[0]!.recordNumber;
    expect(later.map((entry) => entry.text).join('\n')).toContain(recordNumber);
    const status = await talk(service, sessionId, '我的申请审核到哪了');
    expect(status.form?.status).toBe('submitted');
    expect(status.replies.map((reply) => reply.text).join('\n')).toContain(recordNumber);

    // Delivery is at least once: the same result again must not be announced twice.
    const before = later.length;
    await service.deliver(sessionId!, { type: 'application-filed', application: listed.applications[0]! });
    expect(later.length).toBe(before);
  });
});
