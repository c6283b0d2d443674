import { describe, expect, it } from 'vitest';
import { describeAgentHours, parseAgentHours, withinAgentHours, type AgentHours } from '../../../src/domain/agentHours.js';
import { parseConfig } from '../../../src/config/config.js';

function hours(text: string): AgentHours {
  const reading = parseAgentHours(text);
  if (!reading.ok) throw new Error(reading.problem);
  return reading.hours;
}
/** A moment given in China time. */
const china = (isoLocal: string) => new Date(`${isoLocal}+08:00`);

describe('AGENT_HOURS', () => {
  const office = hours('Mon-Fri 08:30-17:30');

  it('is open on a weekday within the hours, China time, whatever the server zone', () => {
    // 2026-11-30 is a Monday.
    expect(withinAgentHours(office, china('2026-11-30T08:30:00'))).toBe(true);
    expect(withinAgentHours(office, china('2026-11-30T17:29:00'))).toBe(true);
    expect(withinAgentHours(office, china('2026-12-04T12:00:00'))).toBe(true);
    // 01:00 UTC on Monday is 09:00 in China.
    expect(withinAgentHours(office, new Date('2026-11-30T01:00:00Z'))).toBe(true);
  });

  it('is closed before opening, from closing time on, at night and at the weekend', () => {
    expect(withinAgentHours(office, china('2026-11-30T08:29:00'))).toBe(false);
    expect(withinAgentHours(office, china('2026-11-30T17:30:00'))).toBe(false);
    expect(withinAgentHours(office, china('2026-12-01T02:00:00'))).toBe(false);
    expect(withinAgentHours(office, china('2026-12-05T10:00:00'))).toBe(false);
    expect(withinAgentHours(office, china('2026-12-06T10:00:00'))).toBe(false);
    // Sunday 20:00 UTC is already Monday 04:00 in China: still closed.
    expect(withinAgentHours(office, new Date('2026-11-29T20:00:00Z'))).toBe(false);
  });

  it('takes several ranges and single days, and a whole day up to 24:00', () => {
    const week = hours('Mon-Fri 08:30-17:30, Sat 09:00-12:00；Sun 00:00-24:00');
    expect(withinAgentHours(week, china('2026-12-05T11:59:00'))).toBe(true);
    expect(withinAgentHours(week, china('2026-12-05T12:00:00'))).toBe(false);
    expect(withinAgentHours(week, china('2026-12-06T23:59:00'))).toBe(true);
  });

  it('names the part that is wrong', () => {
    expect(parseAgentHours('Mon-Fri 8:30-17:30')).toMatchObject({ ok: false, problem: expect.stringContaining('Mon-Fri 8:30-17:30') });
    expect(parseAgentHours('Mon-Fry 08:30-17:30')).toMatchObject({ ok: false, problem: expect.stringContaining('星期') });
    expect(parseAgentHours('Fri-Mon 08:30-17:30')).toMatchObject({ ok: false });
    expect(parseAgentHours('Mon-Fri 17:30-08:30')).toMatchObject({ ok: false, problem: expect.stringContaining('开始早于结束') });
    expect(parseAgentHours('Mon-Fri 08:30-24:30')).toMatchObject({ ok: false });
    expect(parseAgentHours(' , ')).toMatchObject({ ok: false });
  });

  it('is described to the person in their words', () => {
    const names = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
    const words = { dayName: (day: number) => names[day] ?? '', days: (from: string, to: string) => `${from}至${to}`, join: (parts: string[]) => parts.join('，') };
    expect(describeAgentHours(hours('Mon-Fri 08:30-17:30, Sat 09:00-12:00'), words)).toBe('周一至周五 08:30-17:30，周六 09:00-12:00');
  });

  it('is read from the environment, with the office week by default, and a wrong value stops the start', () => {
    const parsed = parseConfig({});
    expect(parsed.ok && parsed.value.agentHours).toEqual(office);
    expect(parseConfig({ AGENT_HOURS: 'weekdays 9-5' })).toMatchObject({ ok: false, problems: [{ variable: 'AGENT_HOURS' }] });
  });
});
