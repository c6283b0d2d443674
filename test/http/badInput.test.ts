import { beforeAll, describe, expect, it } from 'vitest';
import { ChatResponseSchema } from '../../src/engine/state.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { chinese, useTestServer } from './testServer.js';

let sessionId = '';
let token = '';
let transcriptBefore: unknown[] = [];

const server = useTestServer();

beforeAll(async () => {
  const opened = await server.post('/api/v1/session', { region: '210200' });
  ({ sessionId, token } = opened.body);
  await server.post('/api/v1/chat', { sessionId, text: '我要绑定' });
  const named = await server.post('/api/v1/chat', { sessionId, text: '张伟' });
  expect(named.body.form).toMatchObject({ pending: 'applicant.idNumber', slots: { 'applicant.name': '张伟' } });
  transcriptBefore = (await server.post('/api/v1/session', { sessionId, token })).body.transcript;
});

const badRequests: [string, () => [unknown, Record<string, string>?], number, string][] = [
  ['malformed JSON', () => [`{"sessionId":"${sessionId}","text":`], 400, 'malformed_json'],
  ['no text', () => [{ sessionId }], 400, 'missing_text'],
  ['blank text', () => [{ sessionId, text: '   ' }], 400, 'empty_text'],
  ['text of the wrong type', () => [{ sessionId, text: 110101 }], 400, 'invalid_field'],
  ['session id of the wrong type', () => [{ sessionId: 42, text: '你好' }], 400, 'invalid_field'],
  ['a JSON array instead of an object', () => [[sessionId, '你好']], 400, 'invalid_body'],
  ['a control character', () => [{ sessionId, text: '张伟\u0000' }], 400, 'control_characters'],
  ['a right-to-left override', () => [{ sessionId, text: '\u202e8675' }], 400, 'control_characters'],
  ['text over 500 characters', () => [{ sessionId, text: '好'.repeat(501) }], 413, 'text_too_long'],
  ['a body over 8 KB', () => [{ sessionId, text: '你好', padding: 'x'.repeat(9000) }], 413, 'body_too_large'],
  ['a body that is not JSON', () => [`text=你好`, { 'Content-Type': 'application/x-www-form-urlencoded' }], 415, 'unsupported_media_type'],
  ['an unknown region', () => [{ sessionId, text: '你好', region: '999999' }], 422, 'invalid_region'],
  ['a session id nobody was given', () => [{ sessionId: 's_doesnotexist0000000000', text: '你好' }], 404, 'unknown_session'],
];

// The exact path takes the server's fast path; with a query string the same endpoint is reached through Express.
describe.each(['/api/v1/chat', '/api/v1/chat?via=express'])('bad input to POST %s', (pathname) => {
  it.each(badRequests)('%s gets a clear Chinese error', async (_case, request, status, code) => {
    const [body, headers] = request();
    const response = await server.post(pathname, body, headers);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error: { code, message: expect.stringMatching(chinese) } });
  });
});

describe('after bad input', () => {
  it('loses nothing: the conversation continues where it was, with its form intact', async () => {
    const after = await server.post('/api/v1/session', { sessionId, token });
    expect(after.body.sessionId).toBe(sessionId);
    expect(after.body.transcript).toEqual(transcriptBefore);

    const next = await server.post('/api/v1/chat', { sessionId, text: makeIdNumber({ region: '210202', birthDate: '1985-06-12', sex: 'male' }) });
    expect(next.status).toBe(200);
    const form = ChatResponseSchema.parse(next.body).form;
    expect(form?.pending).toBe('applicant.phone');
    expect(form?.slots['applicant.name']).toBe('张伟');
  });

  it('accepts exactly 500 characters', async () => {
    const response = await server.post('/api/v1/chat', { text: '问'.repeat(500) });
    expect(response.status).toBe(200);
  });
});
