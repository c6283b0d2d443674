import { describe, expect, it } from 'vitest';
import { decideRefusal, pooledRefusal, refusalRule } from '../../../src/nlu/refusalRule.js';

// The refusal classifier's labels, in the order training sorts them.
const labels = ['fraud', 'in_scope', 'injection', 'out_of_scope', 'private_data'];
const probabilities = (values: Record<string, number>) => Float64Array.from(labels, (label) => values[label] ?? 0);
const argmax = (values: Float64Array) => values.reduce((best, value, index) => (value > values[best]! ? index : best), 0);

describe('the refusal rule read applies', () => {
  it('refuses a message split between two refusing classes, naming the likelier, although neither reaches one half', () => {
    // Partly like fraud, partly like out of scope: together they outweigh in scope.
    const split = probabilities({ fraud: 0.34, out_of_scope: 0.26, in_scope: 0.4 });
    expect(decideRefusal(labels, split, refusalRule)).toEqual({ class: 'fraud', score: 0.6 });
    expect(decideRefusal(labels, split, { kind: 'likeliest' }).class).toBe('in_scope');
  });

  it('keeps a message whose in-scope reading is the more likely half', () => {
    expect(decideRefusal(labels, probabilities({ in_scope: 0.55, private_data: 0.45 }), refusalRule)).toEqual({ class: 'in_scope', score: 0 });
  });

  it('reports for cross-validation exactly what it decides: the likeliest pooled label is the decision', () => {
    const cases = ([
      { in_scope: 0.9, fraud: 0.1 },
      { in_scope: 0.49, out_of_scope: 0.3, injection: 0.21 },
      { in_scope: 0.51, private_data: 0.4, fraud: 0.09 },
      { in_scope: 0.05, injection: 0.6, out_of_scope: 0.35 },
    ] as Record<string, number>[]).map(probabilities);
    for (const values of cases) {
      const pooled = pooledRefusal(labels, values);
      expect(pooled.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1);
      expect(labels[argmax(pooled)]).toBe(decideRefusal(labels, values, refusalRule).class);
    }
  });

  it('under per-class thresholds, refuses as a class only from its own threshold', () => {
    const rule = { kind: 'perClass', at: { fraud: 0.35, out_of_scope: 0.4, private_data: 0.35, injection: 0.4 } } as const;
    expect(decideRefusal(labels, probabilities({ fraud: 0.36, in_scope: 0.64 }), rule).class).toBe('fraud');
    expect(decideRefusal(labels, probabilities({ out_of_scope: 0.38, in_scope: 0.62 }), rule).class).toBe('in_scope');
  });
});
