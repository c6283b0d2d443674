import { describe, expect, it } from 'vitest';
import { errorOf, parseChatReplied, parseServerEvent, parseSessionOpened } from '../../src/widget/protocol.js';

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
    });
    expect(parseServerEvent(JSON.stringify({ type: 'typing' }))).toEqual({ type: 'typing' });
    expect(parseServerEvent(JSON.stringify({ type: 'error', code: 'text_too_long', message: '太长了', replyTo: 'm2' }))).toEqual({
      type: 'error',
      code: 'text_too_long',
      message: '太长了',
      replyTo: 'm2',
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
      { seq: 1, from: 'bot', text: '您好', quickReplies: [{ title: '怎么绑定', payload: '怎么绑定' }] },
      { seq: 2, from: 'user', text: '怎么绑定', quickReplies: [] },
    ]);
    expect(parseSessionOpened({ sessionId: 's1' })).toBeNull();
  });

  it('reads JSON API replies and error bodies', () => {
    expect(parseChatReplied({ sessionId: 's1', replies: [{ text: '好的', quickReplies: ['是'] }], understanding: {}, form: null })).toEqual({
      sessionId: 's1',
      replies: [{ text: '好的', quickReplies: [{ title: '是', payload: '是' }] }],
    });
    expect(errorOf({ error: { code: 'text_too_long', message: '消息太长了' } })).toEqual({ code: 'text_too_long', message: '消息太长了' });
    expect(errorOf({ sessionId: 's1' })).toBeNull();
  });
});
