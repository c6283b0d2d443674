import { describe, expect, it } from 'vitest';
import { chinese, connectSocket, manualClock, useTestServer, upgradeStatus } from './testServer.js';

const clock = manualClock();

const server = useTestServer({}, { clock });

async function openSession(region = '210200'): Promise<{ sessionId: string; token: string; transcript: { seq: number }[] }> {
  return (await server.post('/api/v1/session', { region })).body;
}

const botMessages = (frames: any[]) => frames.filter((frame) => frame.type === 'message');

describe('websocket /ws: who may connect', () => {
  it('accepts connections that arrive together while the channel is still starting', async () => {
    const sessions = await Promise.all([openSession(), openSession(), openSession()]);
    const clients = await Promise.all(sessions.map((session) => connectSocket(server.url, session.token)));
    for (const client of clients) client.send({ type: 'hello', lastSeq: 0 });
    await Promise.all(clients.map((client) => client.waitFor((frames) => botMessages(frames).length >= 1)));
    await Promise.all(clients.map((client) => client.close()));
  });

  it('refuses an upgrade without a token, with a forged one, or with an expired one (401)', async () => {
    const { token } = await openSession();
    const [encodedId, expiry] = token.split('.');
    const refused = [
      await upgradeStatus(server.url, ''),
      await upgradeStatus(server.url, '?token=nonsense'),
      await upgradeStatus(server.url, `?token=${encodedId}.${expiry}.${'A'.repeat(43)}`),
    ];
    for (const { status, body } of refused) {
      expect(status).toBe(401);
      expect(JSON.parse(body).error.message).toMatch(chinese);
    }
    expect((await upgradeStatus(server.url, `?token=${encodeURIComponent(token)}`)).status).toBe(101);

    const later = await openSession();
    clock.advance(25 * 60 * 60 * 1000);
    try {
      expect((await upgradeStatus(server.url, `?token=${encodeURIComponent(later.token)}`)).status).toBe(401);
    } finally {
      clock.advance(-25 * 60 * 60 * 1000);
    }
  });

  it('checks the token on every message: once it has expired the socket is told so and closed', async () => {
    const { token } = await openSession();
    const client = await connectSocket(server.url, token);
    clock.advance(25 * 60 * 60 * 1000);
    try {
      const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
      client.send({ type: 'message', text: '你好', clientMessageId: 'late' });
      expect(await closed).toBe(4401);
      expect(client.frames).toEqual([{ type: 'error', code: 'unauthorized', message: expect.stringMatching(chinese) }]);
    } finally {
      clock.advance(-25 * 60 * 60 * 1000);
    }
  });

  it('refuses a page from an origin that is neither ours nor configured', async () => {
    const { token } = await openSession();
    expect((await upgradeStatus(server.url, `?token=${token}`, { Origin: 'https://evil.example' })).status).toBe(401);
    expect((await upgradeStatus(server.url, `?token=${token}`, { Origin: server.url })).status).toBe(101);
  });
});

describe('websocket /ws: conversation', () => {
  it('answers a message with typing, then replies carrying increasing seq and replyTo', async () => {
    const { token, transcript } = await openSession();
    const client = await connectSocket(server.url, token);
    client.send({ type: 'message', text: '我要绑定', clientMessageId: 'm1' });
    const frames = await client.waitFor((received) => botMessages(received).length >= 1);
    expect(frames[0]).toEqual({ type: 'typing' });
    const replies = botMessages(frames);
    expect(replies[0]).toMatchObject({ type: 'message', text: expect.stringMatching(chinese), replyTo: 'm1' });
    // The page's region (大连) is known, so the application starts at the person's own details.
    expect(replies.at(-1)).toMatchObject({ progress: { step: 2, of: 5, phase: '您的信息', members: 0 } });
    const lastGreeting = transcript.at(-1)?.seq ?? 0;
    expect(replies[0].seq).toBeGreaterThan(lastGreeting + 1);
    const seqs = replies.map((reply) => reply.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    await client.close();
  });

  it('tells what the pending question expects, so the widget can offer a number pad for an ID number', async () => {
    const { token } = await openSession();
    const client = await connectSocket(server.url, token);
    client.send({ type: 'message', text: '我要绑定，我叫张伟', clientMessageId: 'e1' });
    const replies = botMessages(await client.waitFor((received) => botMessages(received).some((frame) => frame.expects)));
    expect(replies.at(-1)).toMatchObject({ expects: 'id_number', replyTo: 'e1' });
    expect(replies.slice(0, -1).every((frame) => frame.expects === undefined)).toBe(true);
    client.send({ type: 'message', text: '这个要收费吗？', clientMessageId: 'e2' });
    const aside = await client.waitFor((received) => botMessages(received).some((frame) => frame.replyTo === 'e2'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(botMessages(client.frames).filter((frame) => frame.replyTo === 'e2').at(-1)).toMatchObject({ expects: 'id_number' });
    expect(aside.length).toBeGreaterThan(0);
    await client.close();
  });

  it('after a reconnect, hello with lastSeq resends exactly the bot messages missed', async () => {
    const { token } = await openSession();
    const first = await connectSocket(server.url, token);
    first.send({ type: 'hello', lastSeq: 0 });
    await first.waitFor((frames) => botMessages(frames).length >= 1);
    const greeting = botMessages(first.frames);
    const seen = Math.max(...greeting.map((frame) => frame.seq));
    await first.close();

    // Replies produced while the socket was away (here: through the JSON API of the same session).
    const sessionId = (await server.post('/api/v1/session', { token })).body.sessionId;
    const missed = (await server.post('/api/v1/chat', { sessionId, text: '我要绑定' })).body.replies;

    const second = await connectSocket(server.url, token);
    second.send({ type: 'hello', lastSeq: seen });
    await second.waitFor((frames) => botMessages(frames).length >= missed.length);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const resent = botMessages(second.frames);
    expect(resent.map((frame) => frame.text)).toEqual(missed.map((reply: { text: string }) => reply.text));
    expect(resent.every((frame) => frame.seq > seen)).toBe(true);
    await second.close();
  });

  it('does not process a repeated clientMessageId twice: it resends the first replies', async () => {
    const { sessionId, token } = await openSession();
    const client = await connectSocket(server.url, token);
    client.send({ type: 'message', text: '我要绑定', clientMessageId: 'same' });
    await client.waitFor((frames) => botMessages(frames).length >= 1);
    const firstReplies = botMessages(client.frames);
    client.send({ type: 'message', text: '我要绑定', clientMessageId: 'same' });
    await client.waitFor((frames) => botMessages(frames).length >= firstReplies.length * 2);
    expect(botMessages(client.frames).slice(firstReplies.length)).toEqual(firstReplies);

    const transcript = (await server.post('/api/v1/session', { sessionId, token })).body.transcript;
    expect(transcript.filter((entry: { from: string; text: string }) => entry.from === 'user' && entry.text === '我要绑定')).toHaveLength(1);
    await client.close();
  });

  it('ignores the client-supplied user field: a socket can only drive the session its token names', async () => {
    const victim = await openSession();
    const attacker = await openSession();
    const victimSocket = await connectSocket(server.url, victim.token);
    const attackerSocket = await connectSocket(server.url, attacker.token);

    attackerSocket.send({ type: 'message', text: '我要绑定', clientMessageId: 'x1', user: victim.sessionId });
    await attackerSocket.waitFor((frames) => botMessages(frames).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(victimSocket.frames).toEqual([]);
    const victimTranscript = (await server.post('/api/v1/session', victim)).body.transcript;
    expect(victimTranscript).toEqual(victim.transcript);
    const attackerTranscript = (await server.post('/api/v1/session', attacker)).body.transcript;
    expect(attackerTranscript.some((entry: { from: string; text: string }) => entry.from === 'user' && entry.text === '我要绑定')).toBe(true);
    await victimSocket.close();
    await attackerSocket.close();
  });

  it('pushes messages produced later (e.g. a filing result) to every socket of that session, and only there', async () => {
    const person = await openSession();
    const other = await openSession();
    const firstTab = await connectSocket(server.url, person.token);
    const secondTab = await connectSocket(server.url, person.token);
    const stranger = await connectSocket(server.url, other.token);

    await server.service.deliver(person.sessionId, { type: 'status-unavailable' });
    for (const tab of [firstTab, secondTab]) {
      const [pushed] = botMessages(await tab.waitFor((frames) => botMessages(frames).length >= 1));
      expect(pushed).toEqual({ type: 'message', text: expect.stringMatching(chinese), seq: (person.transcript.at(-1)?.seq ?? 0) + 1 });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stranger.frames).toEqual([]);
    await Promise.all([firstTab.close(), secondTab.close(), stranger.close()]);
  });

  it('tells a socket whose session has expired, and closes it so the widget starts anew', async () => {
    const { sessionId, token } = await openSession();
    const client = await connectSocket(server.url, token);
    await server.store.delete(sessionId);
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    client.send({ type: 'hello', lastSeq: 0 });
    expect(await closed).toBe(4404);
    expect(client.frames).toEqual([{ type: 'error', code: 'unknown_session', message: expect.stringMatching(chinese) }]);
    expect((await upgradeStatus(server.url, `?token=${encodeURIComponent(token)}`)).status).toBe(401);
  });

  it('answers frames it cannot accept with a Chinese error frame and keeps the connection', async () => {
    const { token } = await openSession();
    const client = await connectSocket(server.url, token);
    client.send('not json');
    client.send({ type: 'message', text: '好'.repeat(501), clientMessageId: 'long' });
    client.send({ type: 'message', text: 'a\u0007', clientMessageId: 'bell' });
    await client.waitFor((frames) => frames.length >= 3);
    expect(client.frames).toEqual([
      { type: 'error', code: 'invalid_frame', message: expect.stringMatching(chinese) },
      { type: 'error', code: 'text_too_long', message: expect.stringMatching(chinese), replyTo: 'long' },
      { type: 'error', code: 'control_characters', message: expect.stringMatching(chinese), replyTo: 'bell' },
    ]);
    client.send({ type: 'message', text: '你好', clientMessageId: 'ok' });
    await client.waitFor((frames) => botMessages(frames).length >= 1);
    await client.close();
  });

  it('answers a ping with a pong at once, so the widget can tell a connection that silently died', async () => {
    const { token } = await openSession();
    const client = await connectSocket(server.url, token);
    client.send({ type: 'ping' });
    await client.waitFor((frames) => frames.length >= 1);
    expect(client.frames).toEqual([{ type: 'pong' }]);
    await client.close();
  });
});
