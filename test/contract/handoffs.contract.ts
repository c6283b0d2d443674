import { beforeEach, describe, expect, it } from 'vitest';
import type { Handoffs } from '../../src/ports/handoffs.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 1, minute));
const li = { id: 'staff-li', name: '李娜' };
const wang = { id: 'staff-wang', name: '王芳' };

/** The Handoffs contract; `open` gives a fresh queue, `reopen` (persistent ones) the same data after a restart, `another` (shared ones) a second process's view of it. */
export function runHandoffsContract(
  name: string,
  open: () => Promise<{ handoffs: Handoffs; reopen?: () => Promise<Handoffs> }>,
): void {
  describe(`Handoffs contract: ${name}`, () => {
    let handoffs: Handoffs;
    let reopen: (() => Promise<Handoffs>) | undefined;
    beforeEach(async () => {
      ({ handoffs, reopen } = await open());
    });

    it('queues people first come first and tells each their place; asking again keeps the place', async () => {
      expect((await handoffs.enqueue({ conversationId: 'c1', region: '210200', at: at(0) })).place).toBe(1);
      expect((await handoffs.enqueue({ conversationId: 'c2', region: '370900', at: at(1) })).place).toBe(2);
      const again = await handoffs.enqueue({ conversationId: 'c1', region: '210200', at: at(5) });
      expect(again).toMatchObject({ place: 1, handoff: { enqueuedAt: at(0).toISOString(), state: 'waiting' } });
      expect((await handoffs.waiting()).map((handoff) => [handoff.conversationId, handoff.region])).toEqual([
        ['c1', '210200'],
        ['c2', '370900'],
      ]);
    });

    it('lets exactly one of two agents claim a conversation, even at the same moment', async () => {
      await handoffs.enqueue({ conversationId: 'c1', region: '210200', at: at(0) });
      const outcomes = await Promise.all([handoffs.claim('c1', li, at(1)), handoffs.claim('c1', wang, at(1))]);
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
      expect(outcomes.find((outcome) => !outcome.ok)).toEqual({ ok: false, reason: 'taken' });
      const holder = (await handoffs.current('c1'))?.agent;
      expect([li, wang]).toContainEqual(holder);
      expect((await handoffs.held()).map((handoff) => [handoff.conversationId, handoff.agent])).toEqual([['c1', holder]]);
      expect(await handoffs.waiting()).toEqual([]);
      // Asking for an agent again while held changes nothing.
      expect((await handoffs.enqueue({ conversationId: 'c1', region: '210200', at: at(2) })).place).toBe(0);
    });

    it('says gone for a conversation nobody queued or that was handed back', async () => {
      expect(await handoffs.claim('nobody', li, at(0))).toEqual({ ok: false, reason: 'gone' });
      await handoffs.enqueue({ conversationId: 'c1', region: null, at: at(0) });
      await handoffs.claim('c1', li, at(1));
      expect(await handoffs.handBack('c1', wang.id, at(2))).toEqual({ ok: false, reason: 'taken' });
      expect(await handoffs.handBack('c1', li.id, at(3))).toMatchObject({ ok: true, handoff: { state: 'closed', closedAt: at(3).toISOString() } });
      expect(await handoffs.current('c1')).toBeUndefined();
      expect(await handoffs.claim('c1', wang, at(4))).toEqual({ ok: false, reason: 'gone' });
      // The person may ask for an agent again later: a new place in the queue.
      expect((await handoffs.enqueue({ conversationId: 'c1', region: null, at: at(9) })).place).toBe(1);
    });

    it('puts a released conversation back at its old place; only the holder may release it', async () => {
      await handoffs.enqueue({ conversationId: 'c1', region: null, at: at(0) });
      await handoffs.enqueue({ conversationId: 'c2', region: null, at: at(1) });
      await handoffs.claim('c1', li, at(2));
      expect(await handoffs.release('c1', wang.id)).toEqual({ ok: false, reason: 'taken' });
      expect((await handoffs.release('c1', li.id)).ok).toBe(true);
      expect((await handoffs.waiting()).map((handoff) => handoff.conversationId)).toEqual(['c1', 'c2']);
      expect((await handoffs.current('c1'))?.agent).toBeNull();
    });

    it('gives callback requests distinct ticket numbers, kept in order', async () => {
      const first = await handoffs.requestCallback({ conversationId: 'c1', region: '210200', phone: '13800000001', preferredTime: '明天上午' }, at(0));
      const tickets = await Promise.all(
        Array.from({ length: 5 }, (_, index) => handoffs.requestCallback({ conversationId: `c${index + 2}`, region: null, phone: '13800000002', preferredTime: '' }, at(1))),
      );
      expect(first.ticketNumber).toMatch(/^20261130-\d{4}$/);
      expect(new Set([first, ...tickets].map((ticket) => ticket.ticketNumber)).size).toBe(6);
      expect((await handoffs.callbacks())[0]).toEqual({ ...first, createdAt: at(0).toISOString() });
      expect(await handoffs.callbacks()).toHaveLength(6);
    });

    it('keeps the masked conversation with a ticket, and drops a ticket from the queue once an agent closes it', async () => {
      const conversation = { transcript: [{ seq: 1, from: 'user' as const, text: '转人工' }], form: { pending: 'applicant.phone', slots: { 'applicant.name': '刘桂芳' } } };
      const first = await handoffs.requestCallback({ conversationId: 'c1', region: '210200', phone: '13800000001', preferredTime: '明天上午', conversation }, at(0));
      const second = await handoffs.requestCallback({ conversationId: 'c2', region: null, phone: '13800000002', preferredTime: '' }, at(1));
      expect(first).toMatchObject({ conversation, closedAt: null, closedBy: null });
      expect(second.conversation).toBeNull();
      const outcomes = await Promise.all([handoffs.closeCallback(first.ticketNumber, li.id, at(5)), handoffs.closeCallback(first.ticketNumber, wang.id, at(5))]);
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
      expect(outcomes.find((outcome) => !outcome.ok)).toEqual({ ok: false, reason: 'gone' });
      expect((await handoffs.callbacks()).map((ticket) => ticket.ticketNumber)).toEqual([second.ticketNumber]);
      expect(await handoffs.closeCallback('20261130-9999', li.id, at(6))).toEqual({ ok: false, reason: 'gone' });
    });

    it('remembers handed-back takeovers newest first, for the wait estimate', async () => {
      for (const [index, id] of ['c1', 'c2', 'c3'].entries()) {
        await handoffs.enqueue({ conversationId: id, region: null, at: at(index) });
        await handoffs.claim(id, li, at(10 + index));
      }
      await handoffs.handBack('c2', li.id, at(20));
      await handoffs.handBack('c1', li.id, at(25));
      // Released, never claimed again: not a takeover that was handled.
      await handoffs.release('c3', li.id);
      const closed = await handoffs.recentlyClosed(10);
      expect(closed.map((handoff) => [handoff.conversationId, handoff.claimedAt, handoff.closedAt])).toEqual([
        ['c1', at(10).toISOString(), at(25).toISOString()],
        ['c2', at(11).toISOString(), at(20).toISOString()],
      ]);
      expect(await handoffs.recentlyClosed(1)).toHaveLength(1);
    });

    it('knows which agents were seen since a moment, and forgets one who signs out', async () => {
      await handoffs.markPresent(li.id, at(0));
      await handoffs.markPresent(wang.id, at(10));
      expect(await handoffs.presentAgents(at(5))).toEqual([wang.id]);
      expect((await handoffs.presentAgents(at(0))).sort()).toEqual([li.id, wang.id].sort());
      await handoffs.markAbsent(wang.id);
      expect(await handoffs.presentAgents(at(5))).toEqual([]);
    });

    it('keeps the queue, holds and tickets after a restart', async () => {
      if (reopen === undefined) return;
      await handoffs.enqueue({ conversationId: 'c1', region: '210200', at: at(0) });
      await handoffs.enqueue({ conversationId: 'c2', region: null, at: at(1) });
      await handoffs.claim('c2', li, at(2));
      const ticket = await handoffs.requestCallback({ conversationId: 'c3', region: null, phone: '13800000003', preferredTime: '下午' }, at(3));
      const reopened = await reopen();
      expect((await reopened.waiting()).map((handoff) => handoff.conversationId)).toEqual(['c1']);
      expect((await reopened.current('c2'))?.agent).toEqual(li);
      expect(await reopened.claim('c2', wang, at(4))).toEqual({ ok: false, reason: 'taken' });
      expect(await reopened.callbacks()).toEqual([ticket]);
      const next = await reopened.requestCallback({ conversationId: 'c4', region: null, phone: '13800000004', preferredTime: '' }, at(5));
      expect(next.ticketNumber).not.toBe(ticket.ticketNumber);
    });
  });
}
