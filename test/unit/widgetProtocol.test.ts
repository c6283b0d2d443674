import { describe, expect, it } from 'vitest';
import { errorOf, parseChatReplied, parseServerEvent, parseSessionOpened, parseUpdates } from '../../src/widget/protocol.js';

describe('widget wire protocol', () => {
  it('reads a bot message frame with its quick replies and the message it answers', () => {
    const frame = JSON.stringify({
      type: 'message',
      text: '请问您要为哪位家人办理？',
      seq: 7,
      replyTo: 'm1',
      quick_replies: [{ title: '母亲', payload: '母亲' }, { title: '配偶' }],
    });
    expect(parseServerEvent(frame)).toEqual({
      type: 'message',
      text: '请问您要为哪位家人办理？',
      seq: 7,
      replyTo: 'm1',
      quickReplies: [
        { title: '母亲', payload: '母亲' },
        { title: '配偶', payload: '配偶' },
      ],
      expects: null,
      sources: [],
      agentName: null,
      progress: undefined,
      queue: undefined,
    });
    expect(parseServerEvent(JSON.stringify({ type: 'typing' }))).toEqual({ type: 'typing' });
    expect(parseServerEvent(JSON.stringify({ type: 'error', code: 'text_too_long', message: '太长了', replyTo: 'm2' }))).toEqual({
      type: 'error',
      code: 'text_too_long',
      message: '太长了',
      replyTo: 'm2',
    });
  });

  it('reads an agent\'s message with their name, queue frames and the long poll\'s answer', () => {
    expect(parseServerEvent(JSON.stringify({ type: 'message', text: '您好', seq: 9, from: 'agent', agentName: '人工客服 A1B2' }))).toMatchObject({ type: 'message', agentName: '人工客服 A1B2' });
    // Only an agent's message has a speaker name; the assistant's never does, whatever it carries.
    expect(parseServerEvent(JSON.stringify({ type: 'message', text: '您好', seq: 9, agentName: '冒充' }))).toMatchObject({ agentName: null });
    expect(parseServerEvent(JSON.stringify({ type: 'message', text: '已接入', seq: 10, queue: { state: 'claimed', agentName: '人工客服 A1B2' } }))).toMatchObject({ queue: { state: 'claimed', agentName: '人工客服 A1B2' } });
    expect(parseServerEvent(JSON.stringify({ type: 'queue', queue: { state: 'waiting', place: 2, estimateMinutes: null } }))).toEqual({ type: 'queue', queue: { state: 'waiting', place: 2, estimateMinutes: null } });
    expect(parseServerEvent(JSON.stringify({ type: 'queue', queue: { state: 'waiting', place: 0 } }))).toBeNull();
    expect(parseUpdates({ messages: [{ seq: 4, from: 'agent', agentName: '人工客服 A1B2', text: '在的' }, { seq: 5, from: 'user', text: '好' }], queue: { state: 'closed' } })).toEqual({
      messages: [{ seq: 4, from: 'bot', text: '在的', quickReplies: [], expects: null, sources: [], agentName: '人工客服 A1B2' }],
      queue: { state: 'closed' },
    });
    expect(parseSessionOpened({ sessionId: 's1', token: 't', transcript: [{ seq: 3, from: 'agent', agentName: '人工客服 A1B2', text: '您好' }], queue: null })).toMatchObject({
      transcript: [{ seq: 3, from: 'bot', agentName: '人工客服 A1B2' }],
      queue: null,
    });
  });

  it('ignores frames it does not understand instead of failing', () => {
    for (const frame of ['not json', '[]', 'null', JSON.stringify({ type: 'message', text: 'x' }), JSON.stringify({ type: 'other' }), 42]) {
      expect(parseServerEvent(frame)).toBeNull();
    }
  });

  it('reads a resumed session with its transcript, quick replies given as plain strings', () => {
    const opened = parseSessionOpened({
      sessionId: 's1',
      token: 't1',
      transcript: [
        { seq: 1, from: 'bot', text: '您好', quickReplies: ['怎么绑定'] },
        { seq: 2, from: 'user', text: '怎么绑定' },
        { seq: 3, from: 'system', text: '不是对话内容' },
      ],
    });
    expect(opened?.transcript).toEqual([
      { seq: 1, from: 'bot', text: '您好', quickReplies: [{ title: '怎么绑定', payload: '怎么绑定' }], expects: null, sources: [], agentName: null },
      { seq: 2, from: 'user', text: '怎么绑定' },
    ]);
    expect(parseSessionOpened({ sessionId: 's1' })).toBeNull();
  });

  it('reads JSON API replies and error bodies', () => {
    expect(parseChatReplied({ sessionId: 's1', replies: [{ text: '好的', quickReplies: ['是'] }], understanding: {}, form: null })).toEqual({
      sessionId: 's1',
      replies: [{ text: '好的', quickReplies: [{ title: '是', payload: '是' }], expects: null, sources: [], agentName: null, seq: null }],
      progress: null,
      queue: undefined,
    });
    expect(errorOf({ error: { code: 'text_too_long', message: '消息太长了' } })).toEqual({ code: 'text_too_long', message: '消息太长了' });
    expect(errorOf({ sessionId: 's1' })).toBeNull();
  });

  it('reads what a question expects, and ignores kinds it does not know', () => {
    const frame = (expects: unknown) => parseServerEvent(JSON.stringify({ type: 'message', text: '请输入', seq: 1, expects }));
    for (const expects of ['id_number', 'phone', 'code', 'choice', 'text']) expect(frame(expects)).toMatchObject({ expects });
    for (const expects of ['date', 7, null, { kind: 'phone' }]) expect(frame(expects)).toMatchObject({ expects: null });
  });

  it('keeps only http(s) addresses of sources and drops sources without a title', () => {
    const replied = parseChatReplied({
      sessionId: 's1',
      replies: [
        {
          text: '可以绑定配偶、父母、子女。',
          sources: [
            { title: '国家医保局', url: 'https://www.nhsa.gov.cn/a.html', tier: 'A', verifiedAt: '2026-11-20' },
            { title: '恶意链接', url: 'javascript:alert(1)', tier: 'A', verifiedAt: '2026-11-20' },
            { title: '数据链接', url: 'data:text/html,<script>1</script>', tier: 'B' },
            { title: '相对地址', url: '/local', tier: 'B' },
            { title: '种子文件', tier: 'C', verifiedAt: 20261120 },
            { url: 'https://no.title' },
            'not a source',
            { title: '未知等级', url: 'http://news.example.cn/b', tier: 'S' },
          ],
        },
      ],
    });
    expect(replied?.replies[0]?.sources).toEqual([
      { title: '国家医保局', url: 'https://www.nhsa.gov.cn/a.html', tier: 'A', verifiedAt: '2026-11-20' },
      { title: '恶意链接', url: null, tier: 'A', verifiedAt: '2026-11-20' },
      { title: '数据链接', url: null, tier: 'B', verifiedAt: null },
      { title: '相对地址', url: null, tier: 'B', verifiedAt: null },
      { title: '种子文件', url: null, tier: 'C', verifiedAt: null },
      { title: '未知等级', url: 'http://news.example.cn/b', tier: null, verifiedAt: null },
    ]);
  });

  it('reads the progress of an application from frames and form views, telling "none" from "not said"', () => {
    const progress = { step: 3, of: 5, phase: '家人信息', members: 1 };
    const frame = (fields: Record<string, unknown>) => parseServerEvent(JSON.stringify({ type: 'message', text: '好', seq: 1, ...fields }));
    expect(frame({ progress })).toMatchObject({ progress });
    expect(frame({ progress: null })).toMatchObject({ progress: null });
    expect(frame({})).toMatchObject({ progress: undefined });
    for (const broken of [{ ...progress, step: 0 }, { ...progress, step: 6 }, { ...progress, members: -1 }, { ...progress, phase: 3 }, 'step 3']) {
      expect(frame({ progress: broken })).toMatchObject({ progress: undefined });
    }
    expect(parseSessionOpened({ sessionId: 's1', token: 't', transcript: [], form: { status: 'collecting', progress } })?.progress).toEqual(progress);
    expect(parseSessionOpened({ sessionId: 's1', token: 't', transcript: [], form: null })?.progress).toBeNull();
    expect(parseSessionOpened({ sessionId: 's1', token: 't', transcript: [] })?.progress).toBeUndefined();
    expect(parseChatReplied({ sessionId: 's1', replies: [], form: { status: 'collecting' } })?.progress).toBeUndefined();
  });
});
