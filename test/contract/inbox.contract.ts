import { beforeEach, describe, expect, it } from 'vitest';
import type { Inbox, InboxResolution, NewInboxQuestion } from '../../src/ports/inbox.js';

const at = (day: number, hourUtc = 1) => new Date(Date.UTC(2026, 10, day, hourUtc));

function asked(overrides: Partial<NewInboxQuestion>): NewInboxQuestion {
  return { key: '医保卡丢了怎么补办', question: '医保卡丢了怎么补办', region: '210200', outcome: 'refused', at: at(30), ...overrides };
}

const resolution: InboxResolution = { action: 'example', target: 'card_rules.lost', draftId: 'v7', staffId: 'staff-li', at: at(30, 5).toISOString() };

/** The Inbox contract; `open` gives an empty inbox, `reopen` (persistent ones) the same data as after a restart. */
export function runInboxContract(name: 'memory' | 'lowdb' | 'postgres', open: () => Promise<{ inbox: Inbox; reopen?: () => Promise<Inbox> }>): void {
  describe(`Inbox contract: ${name}`, () => {
    let inbox: Inbox;
    let reopen: (() => Promise<Inbox>) | undefined;
    beforeEach(async () => {
      ({ inbox, reopen } = await open());
    });

    it('counts one question asked by several people, per region and outcome, most asked first, with the latest wording', async () => {
      await inbox.record(asked({ at: at(28) }));
      await inbox.record(asked({ at: at(29), region: '370900', question: '医保卡丢了怎么补办？' }));
      await inbox.record(asked({ at: at(30), outcome: 'clarify', region: null }));
      await inbox.record(asked({ key: '今天天气', question: '今天天气', outcome: 'fallback' }));
      const questions = await inbox.list({ since: at(1) });
      expect(questions.map((question) => [question.key, question.count])).toEqual([
        ['医保卡丢了怎么补办', 3],
        ['今天天气', 1],
      ]);
      expect(questions[0]).toMatchObject({ regions: { '210200': 1, '370900': 1, '': 1 }, outcomes: { refused: 2, clarify: 1 }, lastAt: at(30).toISOString(), resolution: null });
      expect(questions[0]!.question).toBe('医保卡丢了怎么补办');
    });

    it('lists only what was asked since the day asked, in the region asked', async () => {
      await inbox.record(asked({ at: at(10) }));
      await inbox.record(asked({ at: at(30), region: '370900' }));
      expect((await inbox.list({ since: at(20) }))[0]?.count).toBe(1);
      expect(await inbox.list({ since: at(1), region: '110000' })).toEqual([]);
      expect((await inbox.list({ since: at(1), region: '210200' }))[0]?.count).toBe(1);
    });

    it('takes resolved questions out of the open list and shows them with what was done when asked for', async () => {
      await inbox.record(asked({}));
      await inbox.record(asked({ key: '今天天气', question: '今天天气', outcome: 'fallback' }));
      await inbox.resolve(['医保卡丢了怎么补办'], resolution);
      expect((await inbox.list({ since: at(1) })).map((question) => question.key)).toEqual(['今天天气']);
      const all = await inbox.list({ since: at(1), resolved: true });
      expect(all.find((question) => question.key === '医保卡丢了怎么补办')?.resolution).toEqual(resolution);
    });

    it('drops what was asked before the retention cutoff, with its resolution', async () => {
      await inbox.record(asked({ at: at(1) }));
      await inbox.record(asked({ key: '新问题', question: '新问题', at: at(30) }));
      await inbox.resolve(['医保卡丢了怎么补办'], resolution);
      expect(await inbox.prune(at(15))).toBe(1);
      expect((await inbox.list({ since: new Date(0), resolved: true })).map((question) => question.key)).toEqual(['新问题']);
      await inbox.record(asked({ at: at(30) }));
      expect((await inbox.list({ since: new Date(0) })).map((question) => question.key).sort()).toEqual(['医保卡丢了怎么补办', '新问题']);
    });

    it('keeps questions and resolutions across a restart (persistent stores)', async () => {
      if (reopen === undefined) return;
      await inbox.record(asked({}));
      await inbox.record(asked({ key: '今天天气', question: '今天天气', outcome: 'fallback' }));
      await inbox.resolve(['今天天气'], resolution);
      const again = await reopen();
      await again.record(asked({}));
      expect((await again.list({ since: at(1) })).map((question) => [question.key, question.count])).toEqual([['医保卡丢了怎么补办', 2]]);
    });
  });
}
