/** Longest spans first, then leftmost; a span overlapping one already taken is dropped. Result in text order. */
export function pickNonOverlapping<T extends { start: number; end: number }>(spans: readonly T[]): T[] {
  const ordered = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: T[] = [];
  for (const span of ordered) {
    if (taken.every((other) => span.end <= other.start || span.start >= other.end)) taken.push(span);
  }
  return taken.sort((a, b) => a.start - b.start);
}
