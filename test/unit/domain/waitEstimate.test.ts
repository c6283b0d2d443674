import { describe, expect, it } from 'vitest';
import { estimateWaitMinutes, handleTimes } from '../../../src/domain/waitEstimate.js';

const minutes = (value: number) => value * 60_000;

describe('wait estimate from real takeovers', () => {
  it('gives none until enough takeovers were handled', () => {
    expect(estimateWaitMinutes([], 1)).toBeNull();
    expect(estimateWaitMinutes([minutes(4), minutes(6)], 1)).toBeNull();
  });

  it('is the median handle time times the place, in whole minutes rounded up', () => {
    // Median of 2, 4, 30 is 4: one long chat does not move it.
    expect(estimateWaitMinutes([minutes(30), minutes(2), minutes(4)], 1)).toBe(4);
    expect(estimateWaitMinutes([minutes(30), minutes(2), minutes(4)], 3)).toBe(12);
    // Even count: the middle two averaged (3 and 5 → 4 minutes); 90 s × 1 → 2 minutes.
    expect(estimateWaitMinutes([minutes(1), minutes(3), minutes(5), minutes(9)], 2)).toBe(8);
    expect(estimateWaitMinutes([90_000, 90_000, 90_000], 1)).toBe(2);
    expect(estimateWaitMinutes([1_000, 1_000, 1_000], 1)).toBe(1);
  });

  it('measures a takeover from its claim to its hand-back', () => {
    expect(handleTimes([{ claimedAt: '2026-11-30T01:00:00.000Z', closedAt: '2026-11-30T01:07:30.000Z' }, { claimedAt: null, closedAt: '2026-11-30T01:00:00.000Z' }])).toEqual([450_000]);
  });
});
