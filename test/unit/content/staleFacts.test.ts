import { describe, expect, it } from 'vitest';
import { staleFacts } from '../../../src/content/staleFacts.js';

const region = (verified: { old: string; fresh: string }) => `code: '210200'
name: 大连市
sources:
  OLD: {title: 大连市医保局：共济办理指南, url: 'https://example.gov.cn/a', tier: A, verified: '${verified.old}'}
  NEW: {title: 大连日报：共济新规, url: 'https://example.com/b', tier: B, verified: '${verified.fresh}'}
facts:
  totalLimit:
    value: 6
    sources: [OLD]
  relationships:
    value: [spouse, father, mother, child]
    sources: [OLD, NEW]
  insuredArea:
    value: city
    sources: [NEW]
`;

const now = new Date('2026-11-30T08:00:00Z');

describe('stale facts and sources', () => {
  it('lists a source verified longer ago than the limit, and the facts that rest on it alone, each with its place in the file', () => {
    const files = [{ path: 'flows/regions/210200.yaml', text: region({ old: '2026-01-10', fresh: '2026-11-20' }) }];
    expect(staleFacts(files, { now, days: 180 })).toEqual([
      {
        file: 'flows/regions/210200.yaml',
        code: '210200',
        name: '大连市',
        sources: [{ id: 'OLD', title: '大连市医保局：共济办理指南', tier: 'A', url: 'https://example.gov.cn/a', verified: '2026-01-10', days: 324, path: 'sources.OLD.verified' }],
        // relationships also rests on a source checked ten days ago: it is not stale.
        facts: [{ fact: 'totalLimit', sources: ['OLD'], verified: '2026-01-10', days: 324, path: 'facts.totalLimit' }],
      },
    ]);
  });

  it('uses the checker’s limit: exactly the limit is not stale, a day more is', () => {
    const files = [{ path: 'flows/regions/210200.yaml', text: region({ old: '2026-06-03', fresh: '2026-11-20' }) }];
    expect(staleFacts(files, { now, days: 180 })).toEqual([]);
    expect(staleFacts(files, { now, days: 179 }).map((stale) => stale.sources.map((source) => source.id))).toEqual([['OLD']]);
  });

  it('leaves out files that do not parse (the checker reports them) and files of other kinds', () => {
    const files = [
      { path: 'flows/regions/210200.yaml', text: 'code: [' },
      { path: 'flows/faq/what_is.yaml', text: region({ old: '2020-01-01', fresh: '2020-01-01' }) },
    ];
    expect(staleFacts(files, { now, days: 180 })).toEqual([]);
  });
});
