/** Days are numbered 1 (Monday) to 7 (Sunday); minutes count from midnight in China time. */
export type AgentHoursRange = { fromDay: number; toDay: number; startMinute: number; endMinute: number };
export type AgentHours = readonly AgentHoursRange[];

export type AgentHoursReading = { ok: true; hours: AgentHours } | { ok: false; problem: string };

const dayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** China keeps UTC+8 all year (no daylight saving), so Asia/Shanghai is a fixed offset. */
const chinaOffsetMs = 8 * 60 * 60 * 1000;

const rangePattern = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})$/i;

/**
 * Reads AGENT_HOURS, e.g. `Mon-Fri 08:30-17:30` or `Mon-Fri 08:30-17:30, Sat 09:00-12:00` (Asia/Shanghai time).
 * The problem says which part is wrong, for the operator at start-up.
 */
export function parseAgentHours(text: string): AgentHoursReading {
  const parts = text.split(/[,;，；]/).map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) return { ok: false, problem: '没有写时间段，例如 Mon-Fri 08:30-17:30' };
  const hours: AgentHoursRange[] = [];
  for (const part of parts) {
    const match = rangePattern.exec(part);
    if (match === null) return { ok: false, problem: `"${part}" 应写成 Mon-Fri 08:30-17:30 这样` };
    const [, first = '', last, startHour, startMinute, endHour, endMinute] = match;
    const fromDay = dayNames.indexOf(first.toLowerCase() as (typeof dayNames)[number]) + 1;
    const toDay = last === undefined ? fromDay : dayNames.indexOf(last.toLowerCase() as (typeof dayNames)[number]) + 1;
    if (fromDay === 0 || toDay === 0) return { ok: false, problem: `"${part}" 的星期应为 Mon Tue Wed Thu Fri Sat Sun` };
    if (toDay < fromDay) return { ok: false, problem: `"${part}" 的星期应从前到后（如 Mon-Fri）` };
    const start = Number(startHour) * 60 + Number(startMinute);
    const end = Number(endHour) * 60 + Number(endMinute);
    if (Number(startMinute) > 59 || Number(endMinute) > 59 || end > 24 * 60 || start >= end) {
      return { ok: false, problem: `"${part}" 的时间应为 00:00 到 24:00 之间、开始早于结束` };
    }
    hours.push({ fromDay, toDay, startMinute: start, endMinute: end });
  }
  return { ok: true, hours };
}

/** Whether agents work at `at` (an instant; read in China time). */
export function withinAgentHours(hours: AgentHours, at: Date): boolean {
  const china = new Date(at.getTime() + chinaOffsetMs);
  const day = ((china.getUTCDay() + 6) % 7) + 1;
  const minute = china.getUTCHours() * 60 + china.getUTCMinutes();
  return hours.some((range) => day >= range.fromDay && day <= range.toDay && minute >= range.startMinute && minute < range.endMinute);
}

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The hours in the person's words: `dayName` names day 1–7 and `range`/`join` put them together (wording from prompts/). */
export function describeAgentHours(
  hours: AgentHours,
  words: { dayName: (day: number) => string; days: (from: string, to: string) => string; join: (parts: string[]) => string },
): string {
  return words.join(
    hours.map((range) => {
      const days = range.fromDay === range.toDay ? words.dayName(range.fromDay) : words.days(words.dayName(range.fromDay), words.dayName(range.toDay));
      return `${days} ${clock(range.startMinute)}-${clock(range.endMinute)}`;
    }),
  );
}
