/** Fewer handled takeovers than this say nothing reliable about the next one: no estimate is given. */
export const minimumTakeoversForEstimate = 3;

/**
 * Minutes a person at `place` may wait: the median time agents recently took per takeover, times the place,
 * rounded up to whole minutes. Null (no estimate shown) without enough real takeovers to go on.
 */
export function estimateWaitMinutes(handleTimesMs: readonly number[], place: number): number | null {
  const times = handleTimesMs.filter((time) => Number.isFinite(time) && time >= 0).sort((first, second) => first - second);
  if (times.length < minimumTakeoversForEstimate || place < 1) return null;
  const middle = Math.floor(times.length / 2);
  const median = times.length % 2 === 1 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
  return Math.max(1, Math.ceil((median * place) / 60_000));
}

/** What each handed-back takeover took, from its claim to its hand-back. */
export function handleTimes(closed: readonly { claimedAt: string | null; closedAt: string | null }[]): number[] {
  return closed.flatMap((handoff) => (handoff.claimedAt === null || handoff.closedAt === null ? [] : [Date.parse(handoff.closedAt) - Date.parse(handoff.claimedAt)]));
}
