import { describe, expect, it } from 'vitest';
import { relativeThrough } from '../../../src/domain/relativeThrough.js';

describe('relativeThrough: who a member’s relative is to the person applying', () => {
  it('reads the one person meant', () => {
    expect(relativeThrough('child', 'mother')).toBe('spouse');
    expect(relativeThrough('child', 'father')).toBe('spouse');
    expect(relativeThrough('sibling', 'mother')).toBe('mother');
    expect(relativeThrough('father', 'spouse')).toBe('mother');
    expect(relativeThrough('spouse', 'child')).toBe('child');
  });

  it('is nobody where the relative may be more than one person or no one the form binds', () => {
    // A grandchild's mother is a child or a child-in-law; a spouse's mother is no close relative.
    expect(relativeThrough('grandchild', 'mother')).toBeNull();
    expect(relativeThrough('spouse', 'mother')).toBeNull();
    expect(relativeThrough('child', 'grandparent')).toBeNull();
  });
});
