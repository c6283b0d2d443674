import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backendApplications } from '../helpers/backendApplications.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { signedInStaff, staffClient, type StaffClient } from './staffClient.js';
import { chinese, useTestServer } from './testServer.js';

const applicant = { name: '赵立新', idNumber: makeIdNumber({ region: '210203', birthDate: '1980-02-11', sex: 'male' }), phone: '13811112222' };
const spouse = { name: '孙丽', idNumber: makeIdNumber({ region: '210204', birthDate: '1982-06-30', sex: 'female' }), phone: '13922223333' };
const badId = `${applicant.idNumber.slice(0, 17)}${applicant.idNumber[17] === '0' ? '1' : '0'}`;

let agent: StaffClient & { id: string };
let colleague: StaffClient & { id: string };
let admin: StaffClient & { id: string };
let editor: StaffClient & { id: string };

const server = useTestServer({ LOG_LEVEL: 'silent' }, { backendReviewDelayMs: 0 });

beforeAll(async () => {
  [agent, colleague, admin, editor] = await Promise.all([
    signedInStaff(server, 'li.na', 'agent'),
    signedInStaff(server, 'wang.fang', 'agent'),
    signedInStaff(server, 'boss', 'admin'),
    signedInStaff(server, 'bian.ji', 'editor'),
  ]);
});

async function startCall(client: StaffClient = agent): Promise<string> {
  const started = await client.request('POST', '/api/v1/agent/calls', { region: '210200' });
  expect(started.status).toBe(200);
  return started.body.call.id;
}

describe('agent call API', () => {
  it('answers 401 signed out and 403 to a staff member who is not an agent', async () => {
    const stranger = staffClient(server);
    expect((await stranger.request('POST', '/api/v1/agent/calls', { region: '210200' })).status).toBe(401);
    expect((await stranger.request('GET', '/api/v1/agent/calls/anything')).status).toBe(401);
    expect((await stranger.request('GET', '/api/v1/agent/answers?q=x')).status).toBe(401);
    const refused = await editor.request('POST', '/api/v1/agent/calls', { region: '210200' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(chinese);
  });

  it('starts a call with the first line to read aloud in the spoken wording, and the region’s rules', async () => {
    const started = await agent.request('POST', '/api/v1/agent/calls', { region: '210200' });
    const call = started.body.call;
    expect(call.region).toEqual({ code: '210200', name: '大连' });
    expect(call.script.step).toBe('start');
    expect(call.script.say).toMatch(/热线/);
    expect(call.script.check.join('')).toContain('大连');
    expect(call.policy.channels[0].path.length).toBeGreaterThan(0);
    expect(call.limits.total).toEqual({ max: 6, left: 6 });
    expect(call.pledge.text).toContain('承诺');
    expect((await agent.request('POST', '/api/v1/agent/calls', { region: '999999' })).status).toBe(400);
  });

  it('refuses an invalid ID in a direct edit with the very message the chat gives for the same ID', async () => {
    const callId = await startCall();
    await agent.request('POST', `/api/v1/agent/calls/${callId}/say`, { text: '我要给我爱人绑定' });
    await agent.request('POST', `/api/v1/agent/calls/${callId}/edit`, { slot: 'applicant.name', value: applicant.name });
    const edited = await agent.request('POST', `/api/v1/agent/calls/${callId}/edit`, { slot: 'applicant.idNumber', value: badId });
    const field = edited.body.call.form.applicant.idNumber;
    expect(field.state).toBe('invalid');

    const chat = await server.post('/api/v1/chat', { text: '我要给我爱人绑定', region: '210200' });
    await server.post('/api/v1/chat', { sessionId: chat.body.sessionId, text: applicant.name });
    const typed = await server.post('/api/v1/chat', { sessionId: chat.body.sessionId, text: badId });
    expect(typed.body.replies.map((reply: { text: string }) => reply.text)).toContain(field.reason);
    expect(edited.body.replies.map((reply: { text: string }) => reply.text)).toContain(field.reason);
  });

  it('takes typed words and direct edits in the session’s turn order, losing neither', async () => {
    const callId = await startCall();
    await agent.request('POST', `/api/v1/agent/calls/${callId}/say`, { text: '我要给我爱人绑定' });
    const [, second] = await Promise.all([
      agent.request('POST', `/api/v1/agent/calls/${callId}/edit`, { slot: 'applicant.name', value: applicant.name }),
      agent.request('POST', `/api/v1/agent/calls/${callId}/say`, { text: `我的身份证号是${applicant.idNumber}` }),
    ]);
    const view = (await agent.request('GET', `/api/v1/agent/calls/${callId}`)).body.call;
    expect(view.form.applicant.name.state).toBe('filled');
    expect(view.form.applicant.idNumber.state).toBe('filled');
    expect(second.status).toBe(200);
  });

  it('shows a spouse’s proof checklist for 大连, records consent by phone and files exactly once', async () => {
    const callId = await startCall();
    const edits = [
      ['member.relationship', '配偶'],
      ['applicant.name', applicant.name],
      ['applicant.idNumber', applicant.idNumber],
      ['applicant.phone', applicant.phone],
      ['member.name', spouse.name],
      ['member.idNumber', spouse.idNumber],
      ['member.phone', spouse.phone],
    ];
    let view: any;
    for (const [slot, value] of edits) view = (await agent.request('POST', `/api/v1/agent/calls/${callId}/edit`, { slot, value })).body.call;
    expect(view.form.status).toBe('adding');
    expect(view.form.members[0].proofs).toEqual([{ documents: ['结婚证照片', '户口簿'], anyOf: true }]);
    expect(view.limits.relationships.find((limit: { relationship: string }) => limit.relationship === '配偶').left).toBe(0);

    // Consent before any member, or filing before consent, is refused in words and changes nothing.
    const early = await agent.request('POST', `/api/v1/agent/calls/${callId}/file`);
    expect(early.body.call.form.status).toBe('adding');
    expect(early.body.replies[0].text).toMatch(chinese);

    const consented = (await agent.request('POST', `/api/v1/agent/calls/${callId}/consent`)).body.call;
    expect(consented.form.consent).toMatchObject({ channel: 'phone', readBy: agent.id });
    expect(consented.script.step).toBe('confirm');
    const [first, again] = await Promise.all([agent.request('POST', `/api/v1/agent/calls/${callId}/file`), agent.request('POST', `/api/v1/agent/calls/${callId}/file`)]);
    const recordNumber = first.body.call.form.recordNumber ?? again.body.call.form.recordNumber;
    expect(recordNumber).toMatch(/^GJ/);

    const applications = await backendApplications(server.backendUrl, server.dataDir, applicant.idNumber);
    expect(applications).toHaveLength(1);
    expect(applications[0]?.consent).toMatchObject({ channel: 'phone', readBy: agent.id });
  });

  it('keeps a call to the agent who took it (an admin may open it), and audits every reveal of a full number', async () => {
    const callId = await startCall();
    await agent.request('POST', `/api/v1/agent/calls/${callId}/edit`, { slot: 'applicant.idNumber', value: applicant.idNumber });
    expect((await colleague.request('GET', `/api/v1/agent/calls/${callId}`)).status).toBe(404);
    expect((await colleague.request('POST', `/api/v1/agent/calls/${callId}/reveal`, { person: 'applicant', field: 'idNumber' })).status).toBe(404);
    expect((await admin.request('GET', `/api/v1/agent/calls/${callId}`)).status).toBe(200);

    const view = (await agent.request('GET', `/api/v1/agent/calls/${callId}`)).body.call;
    expect(view.form.applicant.idNumber.value).not.toBe(applicant.idNumber);
    const revealed = await agent.request('POST', `/api/v1/agent/calls/${callId}/reveal`, { person: 'applicant', field: 'idNumber' });
    expect(revealed.body.value).toBe(applicant.idNumber);
    expect((await agent.request('POST', `/api/v1/agent/calls/${callId}/reveal`, { person: 'applicant', field: 'phone' })).status).toBe(404);

    const audit = await server.staff.audit.list({ conversationId: callId });
    expect(audit.map((entry) => [entry.staffId, entry.action])).toEqual([
      [agent.id, 'call.started'],
      [agent.id, 'call.edit'],
      [agent.id, 'call.revealed'],
    ]);
    expect(audit[2]?.detail).toEqual({ person: 'applicant', field: 'idNumber' });
    expect(JSON.stringify(audit)).not.toContain(applicant.idNumber);
  });

  it('tells a caller about their applications only after the one-time code texted to the phone on file', async () => {
    // The spouse test above filed for this applicant; this is a later call, from a conversation that did not file.
    const callId = await startCall();
    const asked = await agent.request('POST', `/api/v1/agent/calls/${callId}/say`, { text: `查一下${applicant.idNumber}的申请进度` });
    const said = asked.body.replies.map((reply: { text: string }) => reply.text).join('\n');
    expect(said).toContain('验证码');
    expect(said).not.toContain(spouse.name);

    const secret = (await readFile(path.join(server.dataDir, 'backend-secret'), 'utf8')).trim();
    const outbox = await (await fetch(`${server.backendUrl}/api/v1/sms-outbox?phone=${applicant.phone}`, { headers: { authorization: `Bearer ${secret}` } })).json();
    const code = /\d{6}/.exec(outbox.messages.at(-1).text)![0];
    const shown = await agent.request('POST', `/api/v1/agent/calls/${callId}/say`, { text: `验证码是${code}` });
    const answer = shown.body.replies.map((reply: { text: string }) => reply.text).join('\n');
    expect(answer).toContain('验证通过');
    expect(answer).toContain(spouse.name);
    const audited = await server.staff.audit.list({ conversationId: callId, action: 'call.caller_words' });
    expect(audited.map((entry) => entry.staffId)).toEqual([agent.id, agent.id]);
    expect(JSON.stringify(audited)).not.toContain(applicant.idNumber);
  });

  it('answers FAQ searches for the caller’s region with the source and its date', async () => {
    const answered = await agent.request('GET', `/api/v1/agent/answers?q=${encodeURIComponent('能给哪些家人绑定')}&region=210200`);
    expect(answered.status).toBe(200);
    const first = answered.body.answers[0];
    expect(first.text).toMatch(chinese);
    expect(first.sources[0]).toMatchObject({ title: expect.any(String), verifiedAt: expect.stringMatching(/^\d{4}-\d{2}/) });
  });
});
