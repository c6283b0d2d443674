import { describe, expect, it } from 'vitest';
import { ChatResponseSchema } from '../../src/engine/state.js';
import { connectSocket, useTestServer } from './testServer.js';

const server = useTestServer();

const lookUpable = (source: { title: string; url?: string }) => !/种子文件|seed/i.test(source.title) && source.title.length >= 4;

describe('replies carry the sources they rest on', () => {
  it('the JSON API, a websocket frame and the stored transcript all carry titles a person can look up, with tier and date', async () => {
    const { sessionId, token } = (await server.post('/api/v1/session', {})).body;
    const answered = await server.post('/api/v1/chat', { sessionId, text: '家庭共济是什么？' });
    const response = ChatResponseSchema.parse(answered.body);
    const sources = response.replies.flatMap((reply) => reply.sources ?? []);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(lookUpable(source)).toBe(true);
      expect(source.tier).toMatch(/^[ABCD]$/);
      expect(source.verifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // The text keeps a short citation: the best source's title.
    expect(response.replies.map((reply) => reply.text).join('\n')).toContain(sources[0]!.title);

    const resumed = (await server.post('/api/v1/session', { sessionId, token })).body;
    const stored = resumed.transcript.find((entry: { from: string; sources?: unknown[] }) => entry.from === 'bot' && entry.sources);
    expect(stored?.sources).toEqual(sources);

    const socket = await connectSocket(server.url, token);
    socket.send({ type: 'message', text: '家庭共济是什么？', clientMessageId: 'q1' });
    const frames = await socket.waitFor((received) => received.some((frame) => frame.type === 'message' && frame.replyTo === 'q1'));
    const frame = frames.find((candidate) => candidate.type === 'message' && candidate.replyTo === 'q1');
    expect(frame.sources).toEqual(sources);
    await socket.close();
  });
});
