import { describe, expect, it } from 'vitest';
import { Outbox } from '../../src/widget/outbox.js';
import { SeqTracker } from '../../src/widget/seqTracker.js';

describe('widget outbox', () => {
  it('keeps unanswered messages in order until each is acknowledged', () => {
    const outbox = new Outbox([{ clientMessageId: 'a', text: '第一句' }]);
    outbox.add({ clientMessageId: 'b', text: '第二句' });
    outbox.add({ clientMessageId: 'c', text: '第三句' });
    expect(outbox.acknowledge('b')).toBe(true);
    expect(outbox.acknowledge('b')).toBe(false);
    expect(outbox.messages().map((message) => message.text)).toEqual(['第一句', '第三句']);
    outbox.clear();
    expect(outbox.messages()).toEqual([]);
  });

  it('hands out copies, so a caller cannot change what is waiting', () => {
    const outbox = new Outbox();
    outbox.add({ clientMessageId: 'a', text: '你好' });
    (outbox.messages() as unknown[]).length = 0;
    expect(outbox.messages()).toHaveLength(1);
  });
});

describe('widget seq dedupe', () => {
  it('shows each bot message once however often the server resends it', () => {
    const seen = new SeqTracker(3);
    const shown = [2, 3, 4, 4, 5, 4, 6].filter((seq) => seen.accept(seq));
    expect(shown).toEqual([4, 5, 6]);
    expect(seen.lastSeq).toBe(6);
  });
});
