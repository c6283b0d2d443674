import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../src/widget/reconnectDelay.js';

describe('widget reconnect backoff', () => {
  it('waits half a second first and doubles up to eight seconds', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 9].map((attempt) => reconnectDelay(attempt, middle))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('spreads reconnects by at most a fifth either way and never beyond eight seconds', () => {
    expect(reconnectDelay(0, () => 0)).toBe(400);
    expect(reconnectDelay(0, () => 0.999999)).toBe(600);
    expect(reconnectDelay(30, () => 0.999999)).toBe(8000);
  });
});
