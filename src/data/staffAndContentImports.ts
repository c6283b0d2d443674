import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { auditFileName } from '../adapters/fileAuditLog.js';
import { handoffsFileName } from '../adapters/lowdbHandoffs.js';
import { HandoffBookSchema } from '../adapters/handoffBook.js';
import { contentFileName } from '../adapters/lowdbContentStore.js';
import { openLowdbStaffStore, staffFileName } from '../adapters/lowdbStaffStore.js';
import { AuditEntrySchema, type AuditEntry } from '../ports/auditLog.js';
import { ContentRecordSchema } from '../ports/contentStore.js';
import type { ImportResult, LowdbImport } from './lowdbImport.js';

/**
 * The stores kept as whole files in DATA_DIR (staff.json, audit.jsonl, content.json, handoffs.json) into the tables of
 * db/migrations/000006, the same rows their PostgreSQL stores write.
 */

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

const nothing = (): ImportResult => ({ read: 0, written: 0, warnings: [] });

export const staffImport: LowdbImport = {
  store: 'staff accounts',
  async copy(source, { client }) {
    if ((await readText(path.join(source.dataDir, staffFileName))) === undefined) return nothing();
    const accounts = await (await openLowdbStaffStore(source.dataDir)).list();
    // An account already there (same id or login) is kept as it is: it may have signed in on PostgreSQL since.
    const result = await client.query(
      `INSERT INTO staff_accounts (id, login, document) SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[]) ON CONFLICT DO NOTHING`,
      [accounts.map((account) => account.id), accounts.map((account) => account.login), accounts.map((account) => JSON.stringify(account))],
    );
    return { read: accounts.length, written: result.rowCount ?? 0, warnings: [] };
  },
};

export const auditImport: LowdbImport = {
  store: 'audit log',
  async copy(source, { client }) {
    const text = await readText(path.join(source.dataDir, auditFileName));
    if (text === undefined) return nothing();
    const entries: AuditEntry[] = [];
    let unreadable = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        entries.push(AuditEntrySchema.parse(JSON.parse(line)));
      } catch {
        unreadable += 1;
      }
    }
    // Append-only on both sides: an entry is copied unless the same action at the same moment is there already.
    const result = await client.query(
      `INSERT INTO audit_log (at, staff_id, login, action, conversation_id, detail)
       SELECT e.* FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) AS e(at, staff_id, login, action, conversation_id, detail)
       WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.at = e.at AND a.staff_id = e.staff_id AND a.action = e.action
                           AND a.conversation_id IS NOT DISTINCT FROM e.conversation_id AND a.detail = e.detail)`,
      [
        entries.map((entry) => entry.at),
        entries.map((entry) => entry.staffId),
        entries.map((entry) => entry.login),
        entries.map((entry) => entry.action),
        entries.map((entry) => entry.conversationId),
        entries.map((entry) => JSON.stringify(entry.detail)),
      ],
    );
    return { read: entries.length, written: result.rowCount ?? 0, warnings: unreadable > 0 ? [`${auditFileName}: ${unreadable} lines could not be read and were not copied`] : [] };
  },
};

export const contentImport: LowdbImport = {
  store: 'content versions',
  async copy(source, { client }) {
    const text = await readText(path.join(source.dataDir, contentFileName));
    if (text === undefined) return nothing();
    const record = ContentRecordSchema.parse(JSON.parse(text));
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM content_versions');
    if (Number(rows[0]!.count) > 0) {
      // Versions are numbered from 1 in each store: two histories cannot be merged, and the database's is live.
      const alreadyThere = Number(rows[0]!.count);
      return { read: record.versions.length, written: 0, warnings: alreadyThere === record.versions.length ? [] : [`the database already has ${alreadyThere} content versions (an instance started on it first); ${contentFileName}'s ${record.versions.length} were not copied — export them with npm run content:export if they are needed`] };
    }
    const blobs = Object.entries(record.blobs);
    await client.query('INSERT INTO content_blobs (hash, text) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (hash) DO NOTHING', [blobs.map(([hash]) => hash), blobs.map(([, blob]) => blob)]);
    await client.query('INSERT INTO content_versions (number, document) SELECT * FROM unnest($1::integer[], $2::jsonb[])', [record.versions.map((version) => version.number), record.versions.map((version) => JSON.stringify(version))]);
    await client.query('UPDATE content_state SET revision = revision + 1, published = $1, repository_hash = $2', [record.published, record.repositoryHash]);
    return { read: record.versions.length, written: record.versions.length, warnings: [] };
  },
};

export const handoffsImport: LowdbImport = {
  store: 'handoff queue and callback tickets',
  async copy(source, { client, cipher }) {
    const text = await readText(path.join(source.dataDir, handoffsFileName));
    if (text === undefined) return nothing();
    const book = HandoffBookSchema.parse(JSON.parse(text));
    const handoffs = book.handoffs;
    const handed = await client.query(
      `INSERT INTO handoffs (conversation_id, region, state, enqueued_at, agent_id, agent_name, claimed_at, closed_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[])
       ON CONFLICT (conversation_id) DO NOTHING`,
      [
        handoffs.map((handoff) => handoff.conversationId),
        handoffs.map((handoff) => handoff.region),
        handoffs.map((handoff) => handoff.state),
        handoffs.map((handoff) => handoff.enqueuedAt),
        handoffs.map((handoff) => handoff.agent?.id ?? null),
        handoffs.map((handoff) => handoff.agent?.name ?? null),
        handoffs.map((handoff) => handoff.claimedAt),
        handoffs.map((handoff) => handoff.closedAt),
      ],
    );
    // The file seals a ticket's phone and preferred time under the installation's key; the table seals phone, words and conversation together.
    const opened = (text: string) => (source.cipher.isSealed(text) ? source.cipher.open(text) : text);
    const tickets = [...book.tickets].sort((left, right) => left.createdAt.localeCompare(right.createdAt));
    const ticketed = await client.query(
      `INSERT INTO callback_tickets (ticket_number, conversation_id, region, sealed, created_at, closed_at, closed_by)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[])
       ON CONFLICT (ticket_number) DO NOTHING`,
      [
        tickets.map((ticket) => ticket.ticketNumber),
        tickets.map((ticket) => ticket.conversationId),
        tickets.map((ticket) => ticket.region),
        tickets.map((ticket) => cipher.seal(JSON.stringify({ phone: opened(ticket.phone), preferredTime: opened(ticket.preferredTime), conversation: ticket.conversation }))),
        tickets.map((ticket) => ticket.createdAt),
        tickets.map((ticket) => ticket.closedAt),
        tickets.map((ticket) => ticket.closedBy),
      ],
    );
    // New tickets go on from the file's count, so no number is given twice.
    if (book.ticketCount > 0) await client.query(`SELECT setval('callback_ticket_count', greatest($1::bigint, (SELECT last_value FROM callback_ticket_count)))`, [book.ticketCount]);
    return { read: handoffs.length + tickets.length, written: (handed.rowCount ?? 0) + (ticketed.rowCount ?? 0), warnings: [] };
  },
};
