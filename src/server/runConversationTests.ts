import type { ConversationTest } from '../content/schema.js';
import type { EngineContext } from '../engine/engineContext.js';
import type { Clock } from '../ports/clock.js';
import { normaliseDigits, parseIdNumber } from '../domain/idNumber.js';
import { findNumbers } from '../nlu/findNumbers.js';
import { normalise } from '../nlu/normalise.js';
import { conversationTestMessages as say } from './conversationTestMessages.js';
import { countingIds, createLocalAssistant } from './createLocalAssistant.js';

export type ConversationTestFailure = {
  /** 1-based turn number. */
  turn: number;
  user: string;
  message: string;
  /** What the assistant said on that turn, to see why. */
  said: string;
};
export type ConversationTestResult = { file: string; name: string; passed: boolean; failures: ConversationTestFailure[] };

/** Tests run at this moment, so dates in answers and review delays never make a result depend on the day. */
const testTime = new Date('2026-11-22T02:00:00Z');

/**
 * Runs one conversation test through the real engine, runner, outbox and back-end rules, all in memory: it never
 * files with a real back end. Failures are data, so the editor console and vitest report them the same way.
 * A turn stops the test at its first failed turn: later turns would only echo it.
 */
export async function runConversationTest(context: EngineContext, file: string, test: ConversationTest, clock: Clock = { now: () => testTime }): Promise<ConversationTestResult> {
  const { service, backendService, sms } = await createLocalAssistant({ context, clock, ids: countingIds(), reviewDelayMs: 0 });
  const failures: ConversationTestFailure[] = [];
  const sessions = new Map<string, string>();
  for (const [index, turn] of test.turns.entries()) {
    const fail = (message: string, said = '') => failures.push({ turn: index + 1, user: turn.user, message, said });
    const person = turn.session ?? '';
    const sessionId = sessions.get(person);
    const code = /\d{6}/.exec(sms.sent().at(-1)?.text ?? '')?.[0];
    if (turn.user.includes('{code}') && code === undefined) {
      fail(say.noCode);
      break;
    }
    const text = turn.user.replaceAll('{code}', code ?? '');
    const outcome = await service.chat({ ...(sessionId ? { sessionId } : {}), text, ...(test.region && !sessionId ? { region: test.region } : {}) });
    if (!outcome.ok) {
      fail(say.refused(outcome.message));
      break;
    }
    const { response } = outcome;
    sessions.set(person, response.sessionId);
    const said = response.replies.map((reply) => [reply.text, ...(reply.quickReplies ?? [])].join(' ')).join('\n');
    const check = (what: string, expected: unknown, actual: unknown) => {
      if (expected !== actual) fail(say.expected(what, String(expected ?? say.none), String(actual ?? say.none)), said);
    };
    const form = response.form;
    if (turn.route !== undefined) check(say.route, turn.route, response.understanding.route);
    if (turn.topic !== undefined) check(say.topic, turn.topic, response.understanding.topic);
    if (turn.form === null && form && /collecting|adding|consent|confirming/.test(form.status)) fail(say.formInProgress(form.status), said);
    if (turn.pending !== undefined) check(say.pending, turn.pending, form?.pending ?? null);
    if (turn.status !== undefined) check(say.status, turn.status, form?.status);
    if (turn.members !== undefined) check(say.members, turn.members, form?.members.length ?? 0);
    if (turn.slots !== undefined) {
      const filled = Object.entries(form?.slots ?? {}).filter(([slot]) => slot !== 'region');
      if (Object.keys(turn.slots).length === 0 && filled.length > 0) check(say.slots, say.none, filled.map(([slot]) => slot).join(', '));
      for (const [slot, value] of Object.entries(turn.slots)) check(say.slot(slot), value, form?.slots[slot]);
    }
    if (turn.expects !== undefined) check(say.expects, turn.expects, response.replies.at(-1)?.expects ?? null);
    if (turn.progress !== undefined) check(say.progress, progressText(turn.progress), progressText(form?.progress ?? null));
    for (const words of turn.says ?? []) if (!said.includes(words)) fail(say.missingWords(words), said);
    for (const words of turn.notSays ?? []) if (said.includes(words)) fail(say.unexpectedWords(words), said);
    if (turn.filed !== undefined) {
      const applicantId = test.applicant ?? firstIdNumber(test.turns.map((candidate) => candidate.user), clock.now());
      if (applicantId === null) {
        fail(say.noApplicant, said);
      } else {
        const listed = await backendService.listForOperator(applicantId);
        check(say.filed, turn.filed, listed.ok ? listed.value.applications.length : say.none);
      }
    }
    if (failures.length > 0) break;
  }
  return { file, name: test.name, passed: failures.length === 0, failures };
}

/** Every conversation test of the content, one after another (each on its own in-memory assistant). */
export async function runConversationTests(context: EngineContext): Promise<ConversationTestResult[]> {
  const results: ConversationTestResult[] = [];
  for (const { file, test } of context.content.tests) results.push(await runConversationTest(context, file, test));
  return results;
}

function progressText(progress: { step: number; of: number; phase: string; members: number } | null): string | null {
  return progress === null ? null : `${progress.step}/${progress.of} ${progress.phase}（${progress.members}）`;
}

/**
 * The first valid ID number typed, read as the product reads numbers ("410102 19690716 0777", a lower-case x): one
 * typed wrong and typed again ("…1514", then "打错了，是…1511") was never the applicant's.
 */
function firstIdNumber(messages: string[], today: Date): string | null {
  for (const message of messages) {
    const folded = normalise(message);
    for (const span of findNumbers(folded)) {
      const digits = normaliseDigits(folded.slice(span.start, span.end)).toUpperCase();
      if (span.kind === 'idNumber' && parseIdNumber(digits, today).ok) return digits;
    }
  }
  return null;
}
