import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalDataCipher, generateDataKey } from '../../src/adapters/personalDataCipher.js';
import { createPostgresHandoffEvents, handoffEventsChannel } from '../../src/adapters/postgresHandoffEvents.js';
import { migrate } from '../../src/adapters/postgresMigrations.js';
import { listenForNotifications, type PostgresNotifications } from '../../src/adapters/postgresNotifications.js';
import { createPostgresStores } from '../../src/adapters/postgresStores.js';
import type { HandoffChange } from '../../src/ports/handoffEvents.js';
import { initialState } from '../../src/engine/step.js';
import { postgresAvailability } from './testCluster.js';
import { createTestDatabase } from './testDatabase.js';

const availability = postgresAvailability();

/**
 * Two instances on one database: a queue change or a person's words in a held chat on one reaches the agents'
 * streams on the other, and the notice itself carries no words.
 */
describe.skipIf(!availability.available)('handoff changes across instances (LISTEN/NOTIFY)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  const listening: PostgresNotifications[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    await migrate(pool);
  });
  afterAll(async () => {
    await Promise.all(listening.map((notifications) => notifications.close()));
    await pool?.end();
    await database?.drop();
  });

  it('tells the other instance of a claim and of a message, read there from the store', async () => {
    const cipher = createPersonalDataCipher(generateDataKey());
    const instance = async (instanceId: string) => {
      const notifications = await listenForNotifications({ databaseUrl: database!.url, channels: [handoffEventsChannel], onError: (error) => expect.fail(String(error)) });
      listening.push(notifications);
      const { store } = createPostgresStores(pool, cipher, { instanceId });
      return { store, events: createPostgresHandoffEvents({ notifications, pool, store, instanceId, onError: (error) => expect.fail(String(error)) }) };
    };
    const [first, second] = await Promise.all([instance('first'), instance('second')]);
    const heard: HandoffChange[] = [];
    second.events.subscribe((change) => heard.push(change));
    const payloads: string[] = [];
    const spy = await listenForNotifications({ databaseUrl: database!.url, channels: [handoffEventsChannel], onError: () => undefined });
    listening.push(spy);
    spy.on(handoffEventsChannel, (payload) => payloads.push(payload));

    const entry = { seq: 3, from: 'user' as const, text: '我的手机是139****5678' };
    const session = { id: 's-held', state: initialState({ content: { version: 'v1' } } as never, 's-held', '210200'), updatedAt: new Date().toISOString(), transcript: [entry] };
    await first.store.commitTurn(session, []);
    first.events.publish({ kind: 'claimed', conversationId: 's-held' });
    first.events.publish({ kind: 'message', conversationId: 's-held', entry });
    await expect.poll(() => heard.length, { timeout: 5_000 }).toBe(2);
    expect(heard).toEqual([
      { kind: 'claimed', conversationId: 's-held' },
      { kind: 'message', conversationId: 's-held', entry },
    ]);
    // What travels through the database names the conversation and the seq, never the words.
    await expect.poll(() => payloads.length, { timeout: 5_000 }).toBe(2);
    expect(payloads.join('')).not.toContain('手机');
  });
});
