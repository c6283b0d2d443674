import { beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/ports/clock.js';
import type { StaffSessions } from '../../src/ports/staffSessions.js';

type ManualClock = Clock & { advance(ms: number): void };

function manualClock(start: Date): ManualClock {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

const idleMinutes = 30;

/**
 * The StaffSessions contract; `open` gives an empty store on the given clock, and for shared stores `another`: the
 * same sessions seen by another instance.
 */
export function runStaffSessionsContract(
  name: 'memory' | 'postgres',
  open: (options: { clock: ManualClock; idleMinutes: number }) => Promise<{ sessions: StaffSessions; another?: () => Promise<StaffSessions> }>,
): void {
  describe(`StaffSessions contract: ${name}`, () => {
    let clock: ManualClock;
    let sessions: StaffSessions;
    let another: (() => Promise<StaffSessions>) | undefined;
    beforeEach(async () => {
      clock = manualClock(new Date('2026-11-30T08:00:00.000Z'));
      ({ sessions, another } = await open({ clock, idleMinutes }));
    });

    it('finds a started session by its token, with its CSRF token, and nothing for a token never given', async () => {
      const started = await sessions.start('staff-li');
      expect(started.token).not.toBe(started.csrfToken);
      expect(await sessions.find(started.token)).toMatchObject({ token: started.token, csrfToken: started.csrfToken, staffId: 'staff-li' });
      expect(await sessions.find('not-a-token')).toBeUndefined();
      expect(await sessions.find(started.csrfToken)).toBeUndefined();
    });

    it('ends a session left idle too long, and keeps one that is used', async () => {
      const idle = await sessions.start('staff-li');
      const used = await sessions.start('staff-wang');
      for (let step = 0; step < 3; step += 1) {
        clock.advance((idleMinutes / 2) * 60_000);
        expect(await sessions.find(used.token), `after ${step + 1} half-idle periods`).toBeDefined();
      }
      expect(await sessions.find(idle.token)).toBeUndefined();
      clock.advance(idleMinutes * 60_000 + 1);
      expect(await sessions.find(used.token)).toBeUndefined();
    });

    it('signs out one session, or every session of one member, leaving the others', async () => {
      const first = await sessions.start('staff-li');
      const second = await sessions.start('staff-li');
      const other = await sessions.start('staff-wang');
      await sessions.end(first.token);
      expect(await sessions.find(first.token)).toBeUndefined();
      expect(await sessions.find(second.token)).toBeDefined();
      await sessions.endAllOf('staff-li');
      expect(await sessions.find(second.token)).toBeUndefined();
      expect(await sessions.find(other.token)).toBeDefined();
    });

    it('is one sign-in on every instance: found, kept alive and ended from another', async () => {
      if (another === undefined) return;
      const elsewhere = await another();
      const started = await sessions.start('staff-li');
      expect(await elsewhere.find(started.token)).toMatchObject({ staffId: 'staff-li', csrfToken: started.csrfToken });
      // Used only on the other instance, it stays alive on this one.
      clock.advance((idleMinutes - 1) * 60_000);
      await elsewhere.find(started.token);
      clock.advance((idleMinutes - 1) * 60_000);
      expect(await sessions.find(started.token)).toBeDefined();
      await elsewhere.endAllOf('staff-li');
      expect(await sessions.find(started.token)).toBeUndefined();
    });
  });
}
