import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readLog } from '../../src/adapters/appendLog.js';
import { nextReplyInForm } from '../helpers/formReplies.js';
import { makeIdNumber } from '../helpers/idNumbers.js';
import { faultBackendSecret, startAssistant, startStub, type Child } from './childProcesses.js';
import { dataDirectoryCipher } from '../helpers/dataDirectoryCipher.js';

/**
 * Faults around filing, with the assistant (npm start's src/server/main.ts) and the back-end stub as separate
 * processes and the conversation driven through POST /api/v1/chat:
 *   (a) the stub stops (killed or shut down) before, during or after confirmations, and comes back;
 *   (b) the assistant is SIGKILLed right after, or in the middle of, confirmations and restarted on the same DATA_DIR.
 * After each trial, once the outbox has nothing pending: every confirmation the person saw answered exists exactly
 * once in the stub; one cut off mid-request exists once if the outbox took it and not at all otherwise; a
 * conversation that never confirmed filed nothing.
 */

const trialsPerScenario = { a: 9, b: 20 };
/** What the person says after the restart, in turn: they never saw an answer, or want to know. */
const nextMessages = ['确认', '好了吗', '提交了吗', '确认提交'];
const confirmationsPerTrial = 3;

type Person = { name: string; idNumber: string; phone: string };
type Conversation = { sessionId: string; applicant: Person; /** The last message answered 200. */ lastAnswered: string };
type ChatAnswer = { sessionId: string; replies: { text: string; quickReplies?: string[] }[]; form: null | { status: string; pending: string | null } };

let people = 0;
function person(name: string, birthDate: string): Person {
  people += 1;
  return {
    name,
    idNumber: makeIdNumber({ region: '210202', birthDate, sequence: people % 1000 }),
    phone: `137${String(10_000_000 + people).slice(-8)}`,
  };
}

async function chat(url: string, sessionId: string | undefined, text: string): Promise<ChatAnswer> {
  const response = await fetch(`${url}/api/v1/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...(sessionId === undefined ? {} : { sessionId }), text, region: '210200' }),
  });
  const body = (await response.json()) as ChatAnswer;
  if (response.status !== 200) throw new Error(`chat answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Talks through the binding flow until the assistant asks for the final confirmation. */
async function conversationUpToConfirmation(url: string): Promise<Conversation> {
  const applicant = person('张伟', `19${60 + (people % 30)}-0${1 + (people % 9)}-1${people % 10}`);
  const mother = person('李秀英', '1940-05-05');
  let answer = await chat(url, undefined, '我要绑定');
  for (let turn = 0; turn < 15; turn += 1) {
    const form = answer.form;
    if (form?.status === 'confirming') return { sessionId: answer.sessionId, applicant, lastAnswered: '同意' };
    const text = nextReplyInForm(form, applicant, mother);
    if (text === undefined) throw new Error(`unexpected turn: ${JSON.stringify(answer)}`);
    answer = await chat(url, answer.sessionId, text);
  }
  throw new Error(`never reached confirmation: ${JSON.stringify(answer)}`);
}

const confirm = async (url: string, conversation: Conversation) => {
  const answer = await chat(url, conversation.sessionId, '确认提交');
  conversation.lastAnswered = '确认提交';
  return answer;
};

type StoredSession = { transcript: { from: string; text: string }[]; state: { form: null | { status: string; recordNumber: string | null } } };

/** What the assistant's log holds right now (read as a restarted assistant would, a torn last batch left out). */
async function readStore(dataDir: string) {
  const outbox = new Map<string, { key: string; sessionId: string; state: string }>();
  const sessions = new Map<string, StoredSession>();
  await readLog(path.join(dataDir, 'store.log'), (headerText, payload) => {
    const header = JSON.parse(headerText) as { s?: string; o?: string; gone?: 1 };
    const [map, key] = header.s !== undefined ? [sessions as Map<string, unknown>, header.s] : [outbox as Map<string, unknown>, header.o!];
    if (header.gone === 1) map.delete(key);
    else map.set(key, JSON.parse(payload));
  }, await dataDirectoryCipher(dataDir));
  return { outbox: [...outbox.values()], sessions };
}

type Outcome = {
  confirmedSeen: number;
  cutOff: number;
  cutOffFiled: number;
  unconfirmed: number;
  duplicates: number;
  missing: number;
  unconfirmedFiled: number;
  /** Turns answered 200 before a SIGKILL that the restarted assistant did not have. */
  answeredTurnsLost: number;
  /** Conversations with an application whose stored state does not carry its record number. */
  recordNumberUnknown: number;
};
const emptyOutcome = (): Outcome => ({ confirmedSeen: 0, cutOff: 0, cutOffFiled: 0, unconfirmed: 0, duplicates: 0, missing: 0, unconfirmedFiled: 0, answeredTurnsLost: 0, recordNumberUnknown: 0 });

describe('filing survives a stopped back end and a killed assistant', () => {
  let workDir: string;
  let assistantDir: string;
  let backendDir: string;
  let stub: Child | undefined;
  let assistant: Child | undefined;
  let backendPort: number;
  let backendUrl: string;
  const totals: Record<'a' | 'b', Outcome> = { a: emptyOutcome(), b: emptyOutcome() };
  /** What each lost turn was, to explain a failure. */
  const lost: string[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'filing-fault-'));
    assistantDir = path.join(workDir, 'assistant');
    backendDir = path.join(workDir, 'backend');
    stub = await startStub(0, backendDir);
    backendUrl = stub.url;
    backendPort = Number(new URL(backendUrl).port);
    assistant = await startAssistant(backendUrl, assistantDir);
  });

  afterAll(async () => {
    await assistant?.stop('SIGTERM');
    await stub?.stop('SIGTERM');
    await rm(workDir, { recursive: true, force: true });
    for (const [scenario, outcome] of Object.entries(totals)) {
      console.log(`filing fault scenario (${scenario}) over ${trialsPerScenario[scenario as 'a' | 'b']} trials: ${JSON.stringify(outcome)}`);
    }
  });

  const restartStub = async () => {
    await stub?.stop('SIGKILL');
    stub = await startStub(backendPort, backendDir);
  };
  const outboxEntries = async () => (await readStore(assistantDir)).outbox;
  const applicationsOf = async (idNumber: string): Promise<{ recordNumber: string }[]> => {
    const response = await fetch(`${stub!.url}/api/v1/admin/applications?applicant=${idNumber}`, { headers: { authorization: `Bearer ${faultBackendSecret}` } });
    return ((await response.json()) as { applications: { recordNumber: string }[] }).applications;
  };
  const countOf = async (idNumber: string): Promise<number> => (await applicationsOf(idNumber)).length;

  /** Waits for the outbox to have nothing pending, then checks every conversation of the trial against the stub. */
  async function verify(
    outcome: Outcome,
    trial: { seen: Conversation[]; cutOff: Conversation[]; unconfirmed: Conversation[] },
  ): Promise<void> {
    await vi.waitFor(async () => expect((await outboxEntries()).filter((entry) => entry.state === 'pending')).toEqual([]), { timeout: 60_000, interval: 100 });
    const inOutbox = new Set((await outboxEntries()).map((entry) => entry.sessionId));
    for (const conversation of trial.seen) {
      const count = await countOf(conversation.applicant.idNumber);
      if (count > 1) outcome.duplicates += 1;
      if (count === 0) outcome.missing += 1;
      expect(inOutbox.has(conversation.sessionId)).toBe(true);
      expect(count).toBe(1);
    }
    for (const conversation of trial.cutOff) {
      const count = await countOf(conversation.applicant.idNumber);
      if (count > 1) outcome.duplicates += 1;
      if (count === 1) outcome.cutOffFiled += 1;
      expect(count).toBe(inOutbox.has(conversation.sessionId) ? 1 : 0);
    }
    for (const conversation of trial.unconfirmed) {
      const count = await countOf(conversation.applicant.idNumber);
      if (count > 0) outcome.unconfirmedFiled += 1;
      expect(count).toBe(0);
    }
    outcome.confirmedSeen += trial.seen.length;
    outcome.cutOff += trial.cutOff.length;
    outcome.unconfirmed += trial.unconfirmed.length;
  }

  const prepare = async () => {
    try {
      const confirming = await Promise.all(Array.from({ length: confirmationsPerTrial }, () => conversationUpToConfirmation(assistant!.url)));
      const unconfirmed = [await conversationUpToConfirmation(assistant!.url)];
      return { confirming, unconfirmed };
    } catch (error) {
      const { exitCode, signalCode } = assistant!.process;
      const said = assistant!.output.filter((line) => !/"level":"info"/.test(line)).slice(-40).join('');
      throw new Error(`${error instanceof Error ? error.message : String(error)} (assistant exit ${exitCode ?? signalCode ?? 'none'})\nassistant said:\n${said}`);
    }
  };

  it(`(a) the back end stops before, during or after confirmations: ${trialsPerScenario.a} trials`, async () => {
    for (let trial = 0; trial < trialsPerScenario.a; trial += 1) {
      const { confirming, unconfirmed } = await prepare();
      const mode = trial % 3;
      if (mode === 0) {
        // Down before the person confirms: the assistant queues, then files when the back end is back.
        await stub!.stop('SIGKILL');
        await Promise.all(confirming.map((conversation) => confirm(assistant!.url, conversation)));
        stub = await startStub(backendPort, backendDir);
      } else if (mode === 1) {
        // Killed while the confirmations are on their way to it.
        const sent = Promise.all(confirming.map((conversation) => confirm(assistant!.url, conversation)));
        await new Promise((resolve) => setTimeout(resolve, 5 * (trial % 4)));
        await restartStub();
        await sent;
      } else {
        // Shut down gracefully while confirmations are in flight, back a moment later.
        const sent = Promise.all(confirming.map((conversation) => confirm(assistant!.url, conversation)));
        await stub!.stop('SIGTERM');
        await sent;
        stub = await startStub(backendPort, backendDir);
      }
      await verify(totals.a, { seen: confirming, cutOff: [], unconfirmed });
    }
    expect(totals.a).toMatchObject({ duplicates: 0, missing: 0, unconfirmedFiled: 0 });
  }, 600_000);

  /** Every turn answered 200 before the kill is in the store the restarted assistant reads. */
  async function checkAnsweredTurns(outcome: Outcome, conversations: Conversation[], cutOff: Conversation[]): Promise<void> {
    const { sessions } = await readStore(assistantDir);
    for (const conversation of conversations) {
      const stored = sessions.get(conversation.sessionId);
      const lastUser = stored?.transcript.filter((entry) => entry.from === 'user').at(-1)?.text;
      // A confirmation cut off after its state was committed is stored though never answered: more, not less.
      if (cutOff.includes(conversation) && lastUser === '确认提交') continue;
      const confirmedButRolledBack = conversation.lastAnswered === '确认提交' && stored?.state.form?.status === 'confirming';
      if (lastUser !== conversation.lastAnswered || confirmedButRolledBack) {
        outcome.answeredTurnsLost += 1;
        lost.push(`${conversation.sessionId}: answered "${conversation.lastAnswered}", stored last "${lastUser}" (${stored?.state.form?.status ?? 'no session'})`);
      }
    }
  }

  /** Once filing is over, every conversation with an application has its record number in its stored state. */
  async function checkRecordNumbers(outcome: Outcome, conversations: Conversation[]): Promise<void> {
    await vi.waitFor(async () => expect((await outboxEntries()).filter((entry) => entry.state === 'pending')).toEqual([]), { timeout: 60_000, interval: 100 });
    for (const conversation of conversations) {
      const [application] = await applicationsOf(conversation.applicant.idNumber);
      if (application === undefined) continue;
      const known = async () => (await readStore(assistantDir)).sessions.get(conversation.sessionId)?.state.form?.recordNumber;
      try {
        await vi.waitFor(async () => expect(await known()).toBe(application.recordNumber), { timeout: 10_000, interval: 100 });
      } catch {
        outcome.recordNumberUnknown += 1;
      }
    }
  }

  it(`(b) the assistant is SIGKILLed right after or during confirmations, restarted, and the person speaks again: ${trialsPerScenario.b} trials`, async () => {
    let spoken = 0;
    for (let trial = 0; trial < trialsPerScenario.b; trial += 1) {
      const { confirming, unconfirmed } = await prepare();
      const mode = trial % 3;
      let seen: Conversation[] = confirming;
      let cutOff: Conversation[] = [];
      if (mode === 0) {
        // Filed at once, then the assistant dies before it could do anything else.
        await Promise.all(confirming.map((conversation) => confirm(assistant!.url, conversation)));
        await assistant!.stop('SIGKILL');
      } else if (mode === 1) {
        // Queued (back end down), then the assistant dies with the applications only in its outbox.
        await stub!.stop('SIGKILL');
        await Promise.all(confirming.map((conversation) => confirm(assistant!.url, conversation)));
        await assistant!.stop('SIGKILL');
        stub = await startStub(backendPort, backendDir);
      } else {
        // Killed while the confirmations are being handled: the person never saw an answer.
        const sent = confirming.map((conversation) => confirm(assistant!.url, conversation).then(() => true, () => false));
        await new Promise((resolve) => setTimeout(resolve, [0, 15, 40, 80][Math.floor(trial / 3) % 4]));
        await assistant!.stop('SIGKILL');
        const answered = await Promise.all(sent);
        seen = confirming.filter((_, index) => answered[index]);
        cutOff = confirming.filter((_, index) => !answered[index]);
      }
      await checkAnsweredTurns(totals.b, [...confirming, ...unconfirmed], cutOff);
      assistant = await startAssistant(backendUrl, assistantDir);
      // The person types again — the confirmation they never saw answered, or a question about it.
      for (const conversation of confirming) {
        const text = nextMessages[spoken % nextMessages.length]!;
        spoken += 1;
        await chat(assistant.url, conversation.sessionId, text);
        conversation.lastAnswered = text;
      }
      // One who said "确认" again after a cut-off confirmation has confirmed: that application is expected.
      const reconfirmed = cutOff.filter((conversation) => conversation.lastAnswered.startsWith('确认'));
      await verify(totals.b, { seen: [...seen, ...reconfirmed], cutOff: cutOff.filter((conversation) => !reconfirmed.includes(conversation)), unconfirmed });
      await checkRecordNumbers(totals.b, confirming);
    }
    console.log(`(b) next messages after restart: ${spoken}${lost.length > 0 ? `; lost turns:\n${lost.join('\n')}` : ''}`);
    expect(totals.b).toMatchObject({ duplicates: 0, missing: 0, unconfirmedFiled: 0, answeredTurnsLost: 0, recordNumberUnknown: 0 });
  }, 900_000);
});
