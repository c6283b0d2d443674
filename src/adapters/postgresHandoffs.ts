import type pg from 'pg';
import type { CallbackConversation, CallbackTicket, Handoff, Handoffs, HoldOutcome } from '../ports/handoffs.js';
import { callbackTicketNumber, keptClosedHandoffs, keptClosedTickets } from './handoffBook.js';
import type { PersonalDataCipher } from './personalDataCipher.js';

type HandoffRow = {
  conversation_id: string;
  region: string | null;
  state: Handoff['state'];
  enqueued_at: Date;
  agent_id: string | null;
  agent_name: string | null;
  claimed_at: Date | null;
  closed_at: Date | null;
};

type TicketRow = { ticket_number: string; conversation_id: string; region: string | null; sealed: string; created_at: Date; closed_at: Date | null; closed_by: string | null };

/** What a ticket holds of the person, sealed together: their phone number, their words, the (masked) conversation. */
type SealedTicket = { phone: string; preferredTime: string; conversation: CallbackConversation | null };

const handoffOf = (row: HandoffRow): Handoff => ({
  conversationId: row.conversation_id,
  region: row.region,
  state: row.state,
  enqueuedAt: row.enqueued_at.toISOString(),
  agent: row.agent_id === null ? null : { id: row.agent_id, name: row.agent_name ?? '' },
  claimedAt: row.claimed_at?.toISOString() ?? null,
  closedAt: row.closed_at?.toISOString() ?? null,
});

const waitingOrder = 'ORDER BY enqueued_at, arrival';

/**
 * The handoff queue on PostgreSQL, shared by every instance. Each change is one UPDATE whose WHERE says when it is
 * allowed (a claim: only while waiting; a release or hand-back: only by the holder); PostgreSQL locks the row, and
 * a second agent's claim, re-checked after the first commits, changes nothing — exactly one wins (so with closing a
 * callback ticket). A callback ticket's phone number, the person's words and the conversation kept with it are
 * sealed under the data key. Closed takeovers and tickets are kept as many as the other stores keep.
 */
export function createPostgresHandoffs(pool: pg.Pool, cipher: PersonalDataCipher): Handoffs {
  const current = async (conversationId: string): Promise<Handoff | undefined> => {
    const { rows } = await pool.query<HandoffRow>(`SELECT * FROM handoffs WHERE conversation_id = $1 AND state <> 'closed'`, [conversationId]);
    return rows[0] === undefined ? undefined : handoffOf(rows[0]);
  };
  const placeOf = async (handoff: Handoff): Promise<number> => {
    if (handoff.state !== 'waiting') return 0;
    const { rows } = await pool.query<{ place: string }>(
      `SELECT count(*) AS place FROM handoffs mine, handoffs ahead
       WHERE mine.conversation_id = $1 AND ahead.state = 'waiting' AND (ahead.enqueued_at, ahead.arrival) <= (mine.enqueued_at, mine.arrival)`,
      [handoff.conversationId],
    );
    return Number(rows[0]?.place ?? 0);
  };
  /** Runs one guarded change; when it changed nothing, says whether the conversation is held by someone else or gone. */
  const guarded = async (conversationId: string, sql: string, values: unknown[]): Promise<HoldOutcome> => {
    const { rows } = await pool.query<HandoffRow>(sql, [conversationId, ...values]);
    if (rows[0] !== undefined) return { ok: true, handoff: handoffOf(rows[0]) };
    return (await current(conversationId)) === undefined ? { ok: false, reason: 'gone' } : { ok: false, reason: 'taken' };
  };

  const ticketOf = (row: TicketRow): CallbackTicket => {
    const sealed = JSON.parse(cipher.open(row.sealed)) as SealedTicket;
    return {
      ticketNumber: row.ticket_number,
      conversationId: row.conversation_id,
      region: row.region,
      phone: sealed.phone,
      preferredTime: sealed.preferredTime,
      createdAt: row.created_at.toISOString(),
      conversation: sealed.conversation,
      closedAt: row.closed_at?.toISOString() ?? null,
      closedBy: row.closed_by,
    };
  };

  return {
    async enqueue(request) {
      // A closed handoff of this conversation is replaced by the new request; a waiting or held one stays as it is.
      const { rows } = await pool.query<HandoffRow>(
        `INSERT INTO handoffs (conversation_id, region, state, enqueued_at) VALUES ($1, $2, 'waiting', $3)
         ON CONFLICT (conversation_id) DO UPDATE SET region = EXCLUDED.region, state = 'waiting', enqueued_at = EXCLUDED.enqueued_at,
           arrival = nextval('handoff_arrivals'), agent_id = NULL, agent_name = NULL, claimed_at = NULL, closed_at = NULL
         WHERE handoffs.state = 'closed'
         RETURNING *`,
        [request.conversationId, request.region, request.at],
      );
      const handoff = rows[0] === undefined ? await current(request.conversationId) : handoffOf(rows[0]);
      if (handoff === undefined) throw new Error(`handoff of ${request.conversationId} vanished while it was queued`);
      return { handoff, place: await placeOf(handoff) };
    },
    current,
    async waiting() {
      return (await pool.query<HandoffRow>(`SELECT * FROM handoffs WHERE state = 'waiting' ${waitingOrder}`)).rows.map(handoffOf);
    },
    async held() {
      return (await pool.query<HandoffRow>(`SELECT * FROM handoffs WHERE state = 'claimed' ORDER BY claimed_at, arrival`)).rows.map(handoffOf);
    },
    claim: (conversationId, agent, at) =>
      guarded(conversationId, `UPDATE handoffs SET state = 'claimed', agent_id = $2, agent_name = $3, claimed_at = $4 WHERE conversation_id = $1 AND state = 'waiting' RETURNING *`, [
        agent.id,
        agent.name,
        at,
      ]),
    release: (conversationId, agentId) =>
      guarded(
        conversationId,
        `UPDATE handoffs SET state = 'waiting', agent_id = NULL, agent_name = NULL, claimed_at = NULL WHERE conversation_id = $1 AND state = 'claimed' AND agent_id = $2 RETURNING *`,
        [agentId],
      ),
    async handBack(conversationId, agentId, at) {
      const outcome = await guarded(conversationId, `UPDATE handoffs SET state = 'closed', closed_at = $3 WHERE conversation_id = $1 AND state = 'claimed' AND agent_id = $2 RETURNING *`, [
        agentId,
        at,
      ]);
      if (outcome.ok) {
        await pool.query(`DELETE FROM handoffs WHERE state = 'closed' AND conversation_id NOT IN (SELECT conversation_id FROM handoffs WHERE state = 'closed' ORDER BY closed_at DESC LIMIT $1)`, [
          keptClosedHandoffs,
        ]);
      }
      return outcome;
    },
    async requestCallback(request, at) {
      const { rows } = await pool.query<{ count: string }>(`SELECT nextval('callback_ticket_count') AS count`);
      const ticket: CallbackTicket = {
        ...request,
        conversation: request.conversation ?? null,
        ticketNumber: callbackTicketNumber(at, Number(rows[0]!.count)),
        createdAt: at.toISOString(),
        closedAt: null,
        closedBy: null,
      };
      const sealed: SealedTicket = { phone: ticket.phone, preferredTime: ticket.preferredTime, conversation: ticket.conversation };
      await pool.query('INSERT INTO callback_tickets (ticket_number, conversation_id, region, sealed, created_at) VALUES ($1, $2, $3, $4, $5)', [
        ticket.ticketNumber,
        ticket.conversationId,
        ticket.region,
        cipher.seal(JSON.stringify(sealed)),
        at,
      ]);
      return ticket;
    },
    async callbacks() {
      const { rows } = await pool.query<TicketRow>('SELECT * FROM callback_tickets WHERE closed_at IS NULL ORDER BY position');
      return rows.map(ticketOf);
    },
    async closeCallback(ticketNumber, agentId, at) {
      const { rows } = await pool.query<TicketRow>('UPDATE callback_tickets SET closed_at = $3, closed_by = $2 WHERE ticket_number = $1 AND closed_at IS NULL RETURNING *', [
        ticketNumber,
        agentId,
        at,
      ]);
      if (rows[0] === undefined) return { ok: false, reason: 'gone' };
      await pool.query(
        'DELETE FROM callback_tickets WHERE closed_at IS NOT NULL AND ticket_number NOT IN (SELECT ticket_number FROM callback_tickets WHERE closed_at IS NOT NULL ORDER BY closed_at DESC, position DESC LIMIT $1)',
        [keptClosedTickets],
      );
      return { ok: true, ticket: ticketOf(rows[0]) };
    },
    async recentlyClosed(limit) {
      const { rows } = await pool.query<HandoffRow>(`SELECT * FROM handoffs WHERE state = 'closed' AND claimed_at IS NOT NULL ORDER BY closed_at DESC, arrival DESC LIMIT $1`, [Math.max(0, limit)]);
      return rows.map(handoffOf);
    },
    async markPresent(agentId, at) {
      await pool.query('INSERT INTO agent_presence (agent_id, seen_at) VALUES ($1, $2) ON CONFLICT (agent_id) DO UPDATE SET seen_at = EXCLUDED.seen_at', [agentId, at]);
    },
    async markAbsent(agentId) {
      await pool.query('DELETE FROM agent_presence WHERE agent_id = $1', [agentId]);
    },
    async presentAgents(since) {
      return (await pool.query<{ agent_id: string }>('SELECT agent_id FROM agent_presence WHERE seen_at >= $1 ORDER BY agent_id', [since])).rows.map((row) => row.agent_id);
    },
  };
}
