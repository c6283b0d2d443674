import { describe, expect, it } from 'vitest';
import { relationshipThrough } from '../../../src/domain/kinship.js';

describe('relationshipThrough: who the typist\'s relative is to the applicant they file for', () => {
  it.each([
    ['father', 'mother', 'spouse'],
    ['mother', 'father', 'spouse'],
    ['father', 'sibling', 'child'],
    ['mother', 'child', 'grandchild'],
    ['spouse', 'child', 'child'],
    ['child', 'grandchild', 'child'],
    ['sibling', 'mother', 'mother'],
  ] as const)('the %s\'s view of my %s: %s', (applicant, relative, expected) => {
    expect(relationshipThrough(applicant, relative)).toBe(expected);
  });

  it.each([
    ['father', 'grandparent'],
    ['spouse', 'mother'],
    ['child', 'spouse'],
    ['father', 'father'],
  ] as const)('the %s and my %s: not known from the two alone, so it is asked', (applicant, relative) => {
    expect(relationshipThrough(applicant, relative)).toBeNull();
  });
});
