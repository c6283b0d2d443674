import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileAuditLog } from '../../src/adapters/fileAuditLog.js';
import { openLowdbContentStore } from '../../src/adapters/lowdbContentStore.js';
import { openLowdbHandoffs } from '../../src/adapters/lowdbHandoffs.js';
import { openLowdbStaffStore } from '../../src/adapters/lowdbStaffStore.js';
import { createPersonalDataCipher, generateDataKey } from '../../src/adapters/personalDataCipher.js';
import { createPostgresAuditLog } from '../../src/adapters/postgresAuditLog.js';
import { createPostgresContentStore } from '../../src/adapters/postgresContentStore.js';
import { createPostgresHandoffs } from '../../src/adapters/postgresHandoffs.js';
import { migrate } from '../../src/adapters/postgresMigrations.js';
import { createPostgresStaffStore } from '../../src/adapters/postgresStaffStore.js';
import { importLowdb } from '../../src/data/importLowdb.js';
import type { ContentRecord } from '../../src/ports/contentStore.js';
import type { StaffAccount } from '../../src/ports/staffStore.js';
import { postgresAvailability } from './testCluster.js';
import { createTestDatabase } from './testDatabase.js';

const availability = postgresAvailability();

/**
 * The file stores of an embedded installation — staff accounts, the audit log, content versions, the handoff queue
 * with its callback tickets — arrive in PostgreSQL as their PostgreSQL stores read them, once however often the
 * import runs; a person who left a callback request is called on the number they gave, and new tickets go on
 * counting from the file's.
 */
const at = new Date('2026-11-30T02:00:00.000Z');
const account: StaffAccount = { id: 'st_1', login: 'li.na', role: 'editor', passwordHash: 'scrypt$…', mustChangePassword: false, disabled: false, failedSignIns: 0, lockedUntil: null, createdAt: at.toISOString(), updatedAt: at.toISOString() };
const actor = { id: 'st_1', login: 'li.na' };
const record: ContentRecord = {
  versions: [{ number: 1, status: 'published', origin: 'repository', basedOn: null, files: { 'flows/faq/what_is.yaml': 'h1' }, author: actor, editors: [], message: '仓库内容', createdAt: at.toISOString(), updatedAt: at.toISOString(), submittedAt: null, approver: null, approvedAt: null, publishAt: null, publishedAt: at.toISOString(), rollbackOf: null, returnNote: null }],
  blobs: { h1: 'items: []\n' },
  published: 1,
  repositoryHash: 'repo-1',
};

describe.skipIf(!availability.available)('import-lowdb: the file stores', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  let dataDir: string;
  const cipher = createPersonalDataCipher(generateDataKey());
  const target = createPersonalDataCipher(generateDataKey());
  let ticketNumber: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 3 });
    await migrate(pool);
    dataDir = await mkdtemp(path.join(tmpdir(), 'import-stores-'));
    await (await openLowdbStaffStore(dataDir)).create(account);
    await (await openFileAuditLog(dataDir)).append({ at: at.toISOString(), staffId: 'st_1', login: 'li.na', action: 'content.publish', conversationId: null, detail: { version: '1' } });
    await (await openLowdbContentStore({ dataDir, onFileProblem: () => undefined })).update(() => ({ record, result: undefined }));
    const handoffs = await openLowdbHandoffs(dataDir, { cipher });
    await handoffs.enqueue({ conversationId: 's-waiting', region: '210200', at });
    ticketNumber = (await handoffs.requestCallback({ conversationId: 's-callback', region: '210200', phone: '13987651234', preferredTime: '明天上午' }, at)).ticketNumber;
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  const run = () => importLowdb({ dataDir, sourceCipher: cipher, pool, targetCipher: target });

  it('copies each store once, and nothing again on a second run', async () => {
    const first = Object.fromEntries((await run()).map((report) => [report.store, report.written]));
    expect(first).toMatchObject({ 'staff accounts': 1, 'audit log': 1, 'content versions': 1, 'handoff queue and callback tickets': 2 });
    const again = Object.fromEntries((await run()).map((report) => [report.store, report.written]));
    expect(again).toMatchObject({ 'staff accounts': 0, 'audit log': 0, 'content versions': 0, 'handoff queue and callback tickets': 0 });
  });

  it('serves what was copied through the PostgreSQL stores', async () => {
    expect(await createPostgresStaffStore(pool).get('li.na')).toEqual(account);
    expect(await createPostgresAuditLog(pool).list()).toEqual([expect.objectContaining({ action: 'content.publish', detail: { version: '1' } })]);
    expect(await createPostgresContentStore(pool).read()).toEqual(record);
    const handoffs = createPostgresHandoffs(pool, target);
    expect((await handoffs.waiting()).map((handoff) => handoff.conversationId)).toEqual(['s-waiting']);
    const [ticket] = await handoffs.callbacks();
    expect(ticket).toMatchObject({ ticketNumber, phone: '13987651234', preferredTime: '明天上午' });
    const next = await handoffs.requestCallback({ conversationId: 's-later', region: '210200', phone: '13987650000', preferredTime: '下午' }, at);
    expect(next.ticketNumber).not.toBe(ticketNumber);
    expect(Number(next.ticketNumber.split('-')[1])).toBe(Number(ticketNumber.split('-')[1]) + 1);
  });
});
