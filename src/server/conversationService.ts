import { maskSensitiveText, policyRegionCode } from '../domain/index.js';
import type { EngineContext } from '../engine/engineContext.js';
import { dialogView } from '../engine/accountRequests.js';
import { formView } from '../engine/formView.js';
import { say } from '../engine/render.js';
import { migrateState, type ChatResponse, type ConversationState, type Effect, type FormView, type Input, type Reply, type Understanding } from '../engine/state.js';
import { isFormActive } from '../engine/formSlots.js';
import { initialState, step } from '../engine/step.js';
import type { ApplicationRequest, BackendOutcome, BindingBackend, Requester } from '../ports/bindingBackend.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import type { LanguageModel } from '../ports/languageModel.js';
import { buildChoicePrompt, readModelChoice } from '../nlu/modelChoice.js';
import type { SessionStore, StoredSession } from '../ports/sessionStore.js';
import { createProcessSessionEvents } from '../adapters/processSessionEvents.js';
import { createProcessTurnLocks } from '../adapters/processTurnLocks.js';
import type { SessionEvents, TranscriptEntry } from '../ports/sessionEvents.js';
import type { TurnLocks } from '../ports/turnLocks.js';
import type { HandoffAgent, Handoffs, QueueStatus } from '../ports/handoffs.js';
import { estimateWaitMinutes, handleTimes } from '../domain/waitEstimate.js';
import type { HandoffEvents } from '../ports/handoffEvents.js';
import { describeAgentHours, withinAgentHours, type AgentHours } from '../domain/agentHours.js';
import { policyFor } from '../engine/policyFor.js';
import type { HandoffResult, RunStep } from '../insights/stepEvents.js';

export type { TranscriptEntry } from '../ports/sessionEvents.js';

/** `address`: where the message came from (the client's IP), for the back end's caps on one-time codes. */
export type ChatRequest = { sessionId?: string; text: string; region?: string; address?: string };

/**
 * Where a turn came from when the channel cannot tell (the terminal, a late result): the session stands for it, so
 * such callers never share one budget of codes.
 */
const localAddress = (sessionId: string) => `local:${sessionId}`;

/** A chat answer; `queue` (additive) while the conversation is queued for or held by an agent, or was just handed back. */
export type ChatAnswer = ChatResponse & { queue?: QueueStatus };

/** A reply that also says where the conversation stands with agents (stored and sent with it). */
type Said = Reply & { queue?: QueueStatus };

/** How many recent takeovers the wait estimate is taken from. */
const estimateSample = 20;

export type ChatOutcome =
  | { ok: true; response: ChatAnswer; /** The bot's new transcript entries, with their sequence numbers. */ entries: TranscriptEntry[] }
  | { ok: false; code: 'unknown_session' | 'invalid_region'; message: string };

export type OpenOutcome =
  | {
      ok: true;
      sessionId: string;
      transcript: TranscriptEntry[];
      created: boolean;
      /** The application under way, masked (as in a chat answer). */
      form: FormView;
      /** Where it stands with agents, when queued or held; null otherwise. */
      queue: QueueStatus | null;
    }
  | { ok: false; code: 'invalid_region'; message: string };

export type StaffInputOptions = {
  /**
   * An agent holds the person's widget chat: the assistant's answer goes to the agent only (in the outcome), never
   * into the person's transcript, so the assistant stays silent while held.
   */
  silent?: boolean;
};

/** The result of filing an application, as the engine takes it back. */
export type FilingOutcome = Extract<Input, { type: 'application-filed' | 'application-queued' | 'application-refused' }>;

/** Files applications durably (outbox first) and reports the first attempt's outcome; later outcomes come through `deliver`. */
export interface Filing {
  file(entry: { key: string; sessionId: string; request: ApplicationRequest }): Promise<FilingOutcome>;
  /**
   * An application already in the outbox: its result once settled, otherwise the outcome of one more attempt now;
   * undefined when the outbox does not hold the key.
   */
  resume(key: string): Promise<FilingOutcome | undefined>;
}

/**
 * The runner at the edge: loads a conversation, steps the engine, executes its effects, stores the result.
 * Every channel (JSON API, Botkit websocket, terminal) talks to the engine only through this.
 */
export interface ConversationService {
  /** One turn. Without a sessionId a new session is created; an unknown sessionId is an error, never a silent new session. */
  chat(request: ChatRequest): Promise<ChatOutcome>;
  /** Opens a session (new, or the existing one when the id is known) and returns what was said so far. */
  open(request: { sessionId?: string; region?: string }): Promise<OpenOutcome>;
  /**
   * A staff member's input to a session (a hotline agent's direct edit), taken in the session's turn order like a
   * message, with the same answer as `chat`; nothing is added to the transcript on the person's side.
   */
  staffInput(sessionId: string, input: Extract<Input, { type: 'staff-edit' }>, options?: StaffInputOptions): Promise<ChatOutcome>;
  /**
   * A hotline agent holding the conversation writes to the person: stored with the agent's display name and pushed
   * to the person's open widget like any late message. Undefined for an unknown session.
   */
  agentMessage(sessionId: string, agent: HandoffAgent, text: string): Promise<TranscriptEntry | undefined>;
  /** Feeds a late effect result (e.g. a queued application filed) into a session and tells its subscribers. */
  deliver(sessionId: string, input: Input): Promise<void>;
  /**
   * Tells the person what an agent did with their conversation, in its turn order: taken (with the agent's display
   * name), released (back in the queue at its place), or handed back (the assistant goes on from the form). Each is a
   * transcript entry carrying the new `queue` status, pushed like any late message.
   */
  announce(sessionId: string, change: { kind: 'claimed'; agentName: string } | { kind: 'released' } | { kind: 'handed-back' }): Promise<void>;
  /** Where the conversation stands with agents now (null: not queued or held). */
  queueStatus(sessionId: string): Promise<QueueStatus | null>;
  /** Bot messages produced later (e.g. when a queued application is filed), per session. Returns unsubscribe. */
  subscribe(sessionId: string, listener: (entry: TranscriptEntry) => void): () => void;
}

export type ConversationServiceDependencies = {
  /** A getter, so content reloaded by editors applies from the next turn on. */
  context: () => EngineContext;
  store: SessionStore;
  backend: BindingBackend;
  filing: Filing;
  clock: Clock;
  ids: Ids;
  /** The optional language model, asked only to pick among FAQ entries when embedded understanding is unsure. */
  languageModel?: LanguageModel;
  /** Turn order per session (default: this process only; several instances share a database-backed one). */
  turnLocks?: TurnLocks;
  /** Late messages to the sockets holding a conversation (default: this process only). */
  events?: SessionEvents;
  /** The queue for hotline agents; without it, asking for an agent gets the engine's answer (the hotline) only. */
  handoffs?: {
    queue: Handoffs;
    hours: AgentHours;
    /** An agent's console counts as present this long after it last said so. */
    presenceMs: number;
    /** Told of each change (a person queued, words in a held conversation), for the agents' live streams. */
    events?: HandoffEvents;
  };
  /**
   * Told what each run of the engine did (docs/events.md), after its steps: must return at once, since recording
   * never holds up a turn.
   */
  recordRun?: (run: { conversationId: string; at: Date; steps: RunStep[]; understanding: Understanding; handoffs: HandoffResult[] }) => void;
  /** Logs a failure of an optional dependency that the conversation survives (the model). */
  onModelError?: (error: unknown) => void;
};

/** The back end would not show or change the records with the access given (e.g. a grant that ran out). */
function deniedAccess(outcome: BackendOutcome<unknown>): boolean {
  return !outcome.ok && outcome.kind === 'refused' && outcome.code === 'verification_required';
}

export function createConversationService(dependencies: ConversationServiceDependencies): ConversationService {
  const { store, backend, filing, clock, ids } = dependencies;
  const turnLocks = dependencies.turnLocks ?? createProcessTurnLocks();
  const events = dependencies.events ?? createProcessSessionEvents();
  const serialised = <T>(sessionId: string, work: () => Promise<T>): Promise<T> => turnLocks.run(sessionId, work);

  function restore(session: StoredSession, context: EngineContext, region: string | null): { state: ConversationState; notes: Reply[] } {
    const migrated = migrateState(session.state);
    if (migrated !== null) return { state: migrated, notes: [] };
    // A state stored by an older version of the product: start over politely rather than fail.
    return { state: initialState(context, session.id, region), notes: [{ text: say(context.content, 'engine.contentUpdated') }] };
  }

  /** The session's next version; a half-filled form keeps it for FORM_RETENTION_HOURS after this turn. */
  function nextVersion(session: StoredSession, state: ConversationState, at: Date): StoredSession {
    const { retainUntil: _previous, ...rest } = session;
    const next: StoredSession = { ...rest, state, updatedAt: at.toISOString() };
    if (isFormActive(state.form)) next.retainUntil = new Date(at.getTime() + dependencies.context().formRetentionHours * 3_600_000).toISOString();
    return next;
  }

  /**
   * Steps the engine and executes its effects until none is left; effect results go back in as inputs. An
   * application is filed only after the state that confirmed it and its outbox entry were committed together.
   */
  async function run(session: StoredSession, state: ConversationState, input: Input, address: string = localAddress(session.id)) {
    const context = dependencies.context();
    let result = step(context, state, input, clock.now());
    const steps: RunStep[] = [{ before: state, input, result }];
    const handoffs: HandoffResult[] = [];
    let understanding: Understanding = result.understanding;
    const replies: Reply[] = [];
    /** Said after the engine's own replies (the queue's answer follows the engine's "为您转人工"). */
    const afterwards: Said[] = [];
    let pending: Effect[] = result.effects;
    let current = result.state;
    while (pending.length > 0) {
      const effect = pending.shift()!;
      if (effect.type === 'submit-application') {
        const entry = { key: effect.idempotencyKey, sessionId: session.id, request: effect.request };
        const now = clock.now();
        await store.commitTurn(nextVersion(session, current, now), [{ ...entry, createdAt: now.toISOString() }]);
      }
      let next: Input | null;
      if (effect.type === 'handoff') {
        const outcome = await queueForAgent(session.id, current, context);
        if ('queued' in outcome) {
          afterwards.push(...outcome.queued);
          if (outcome.queued.length > 0) handoffs.push('queued');
          continue;
        }
        handoffs.push('hotline');
        next = outcome.unavailable;
      } else if (effect.type === 'request-callback') {
        next = await fileCallback(session, current, context, { phone: effect.phone, preferredTime: effect.preferredTime });
      } else {
        next = await execute({ session: session.id, address }, effect, context);
      }
      if (effect.type === 'reply') replies.push(effect.reply);
      if (next === null) continue;
      const before = current;
      result = step(context, current, next, clock.now());
      steps.push({ before, input: next, result });
      current = result.state;
      // The model's pick decides what the person's message was understood as.
      if (next.type === 'model-choice') understanding = result.understanding;
      pending = [...pending, ...result.effects];
    }
    dependencies.recordRun?.({ conversationId: session.id, at: clock.now(), steps, understanding, handoffs });
    return { state: current, replies: lastCarriesExpects(replies, afterwards), understanding };
  }

  /** What the pending question expects stays on the step's last reply when replies are added after the engine's. */
  function lastCarriesExpects(replies: Reply[], afterwards: Said[]): Said[] {
    if (afterwards.length === 0) return replies;
    const expects = replies.findLast((reply) => reply.expects !== undefined)?.expects;
    const moved = replies.map(({ expects: _expects, ...reply }) => reply);
    const last = afterwards.length - 1;
    return [...moved, ...afterwards.map((reply, index) => (index === last && expects !== undefined ? { ...reply, expects } : reply))];
  }

  /**
   * The person asked for an agent: queued with their place when agents work and one is present (said after the
   * engine's own words); otherwise the engine is told nobody can answer, and gives the hotline and the hours and
   * offers a callback. The form stays as it is in the session either way.
   */
  async function queueForAgent(sessionId: string, state: ConversationState, context: EngineContext): Promise<{ queued: Reply[] } | { unavailable: Input }> {
    const setup = dependencies.handoffs;
    if (setup === undefined) return { queued: [] };
    const { content } = context;
    const now = clock.now();
    const region = state.form?.region ?? state.region;
    const hours = describeAgentHours(setup.hours, {
      dayName: (day) => say(content, `handoff.day.${day}`),
      days: (from, to) => say(content, 'handoff.days', { from, to }),
      join: (parts) => parts.join(say(content, 'handoff.hoursSeparator')),
    });
    if (!withinAgentHours(setup.hours, now)) return { unavailable: { type: 'agents-unavailable', reason: 'outside-hours', hours } };
    const present = await setup.queue.presentAgents(new Date(now.getTime() - setup.presenceMs));
    if (present.length === 0) return { unavailable: { type: 'agents-unavailable', reason: 'no-agent', hours } };
    await setup.queue.enqueue({ conversationId: sessionId, region, at: now });
    setup.events?.publish({ kind: 'enqueued', conversationId: sessionId });
    const queue = await queueStatusOf(sessionId);
    return { queued: [{ text: queueText(content, queue), ...(queue === null ? {} : { queue }) }] };
  }

  async function queueStatusOf(sessionId: string): Promise<QueueStatus | null> {
    const setup = dependencies.handoffs;
    if (setup === undefined) return null;
    const handoff = await setup.queue.current(sessionId);
    if (handoff === undefined) return null;
    if (handoff.state === 'claimed') return { state: 'claimed', agentName: handoff.agent?.name ?? '' };
    const [waiting, closed] = await Promise.all([setup.queue.waiting(), setup.queue.recentlyClosed(estimateSample)]);
    const place = Math.max(1, waiting.findIndex((candidate) => candidate.conversationId === sessionId) + 1);
    return { state: 'waiting', place, estimateMinutes: estimateWaitMinutes(handleTimes(closed), place) };
  }

  /** The place in words, with the estimate only when there is one. */
  function queueText(content: EngineContext['content'], queue: QueueStatus | null, id: 'handoff.waiting' | 'handoff.released' = 'handoff.waiting'): string {
    const place = queue?.state === 'waiting' ? queue.place : 1;
    const estimate = queue?.state === 'waiting' && queue.estimateMinutes !== null ? say(content, 'handoff.estimate', { minutes: String(queue.estimateMinutes) }) : '';
    return say(content, id, { place: String(place), estimate });
  }

  /** A callback request left in the chat: filed with the masked conversation and form, for agents to see when they sign in. */
  async function fileCallback(session: StoredSession, state: ConversationState, context: EngineContext, request: { phone: string; preferredTime: string }): Promise<Input> {
    const setup = dependencies.handoffs;
    const conversation = {
      transcript: session.transcript.slice(-24).map(({ seq, from, text, agentName }) => ({ seq, from, text: maskSensitiveText(text), ...(agentName === undefined ? {} : { agentName }) })),
      form: formView(context.content, state.form),
    };
    if (setup === undefined) return { type: 'callback-filed', ticketNumber: '', ...request };
    const ticket = await setup.queue.requestCallback({ conversationId: session.id, region: state.form?.region ?? state.region, ...request, conversation }, clock.now());
    setup.events?.publish({ kind: 'callback', conversationId: session.id, ticketNumber: ticket.ticketNumber });
    return { type: 'callback-filed', ticketNumber: ticket.ticketNumber, ...request };
  }

  async function execute(requester: Requester, effect: Effect, context: EngineContext): Promise<Input | null> {
    const sessionId = requester.session;
    switch (effect.type) {
      case 'ask-model':
        return { type: 'model-choice', faqId: await askModel(context, effect) };
      case 'reply':
      case 'handoff':
      case 'request-callback':
        return null;
      case 'submit-application':
        return filing.file({ key: effect.idempotencyKey, sessionId, request: effect.request });
      case 'query-status': {
        const outcome = await backend.listForApplicant(effect.applicantIdNumber, effect.access);
        if (deniedAccess(outcome)) return { type: 'access-denied' };
        return outcome.ok ? { type: 'status-result', ...outcome.value } : { type: 'status-unavailable' };
      }
      case 'query-record': {
        const outcome = await backend.findByRecordNumber(effect.recordNumber, effect.access);
        if (deniedAccess(outcome)) return { type: 'access-denied' };
        return outcome.ok ? { type: 'status-result', applications: [outcome.value], bindings: [] } : { type: 'status-unavailable' };
      }
      case 'send-code': {
        const outcome = await backend.requestCode(effect.subject, requester);
        return outcome.ok ? { type: 'code-sent' } : { type: 'code-refused', code: outcome.kind === 'refused' ? outcome.code : 'unavailable' };
      }
      case 'verify-code': {
        const outcome = await backend.verifyCode(effect.subject, effect.code, requester);
        return outcome.ok ? { type: 'code-verified', ...outcome.value } : { type: 'code-refused', code: outcome.kind === 'refused' ? outcome.code : 'unavailable' };
      }
      case 'unbind-member': {
        const outcome = await backend.unbind(effect.applicantIdNumber, effect.memberIdNumber, effect.idempotencyKey, effect.access);
        if (deniedAccess(outcome)) return { type: 'access-denied' };
        if (outcome.ok) return { type: 'unbind-done', binding: outcome.value };
        return outcome.kind === 'refused'
          ? { type: 'unbind-refused', code: outcome.code, message: outcome.message }
          : { type: 'unbind-refused', code: 'unavailable', message: outcome.message };
      }
    }
  }

  async function askModel(context: EngineContext, effect: Extract<Effect, { type: 'ask-model' }>): Promise<string | null> {
    if (!dependencies.languageModel) return null;
    const { candidates } = effect;
    try {
      const regionName = context.content.regions.find((region) => region.code === effect.region)?.name ?? null;
      const prompt = buildChoicePrompt(context.content.llmPrompts, { reading: effect.reading, candidates, regionName });
      const output = await dependencies.languageModel.complete({ ...prompt, maxTokens: 32 });
      return readModelChoice(output, candidates.map((candidate) => candidate.id));
    } catch (error) {
      // The model is optional: when it fails, the person is asked which topic they meant, as without one.
      dependencies.onModelError?.(error);
      return null;
    }
  }

  function append(session: StoredSession, from: TranscriptEntry['from'], replies: Said[]): TranscriptEntry[] {
    let seq = session.transcript.at(-1)?.seq ?? 0;
    const entries = replies.map((reply): TranscriptEntry => {
      seq += 1;
      // The stored transcript is shown again after a reload and may be read by staff: numbers are masked.
      const entry: TranscriptEntry = { seq, from, text: maskSensitiveText(reply.text) };
      if (reply.quickReplies && reply.quickReplies.length > 0) entry.quickReplies = reply.quickReplies;
      if (reply.expects) entry.expects = reply.expects;
      if (reply.sources && reply.sources.length > 0) entry.sources = reply.sources;
      if (reply.queue !== undefined) entry.queue = reply.queue;
      return entry;
    });
    // The store keeps only the recent part (SessionStore implementations cap it).
    session.transcript = [...session.transcript, ...entries];
    return entries;
  }

  function notify(sessionId: string, entries: TranscriptEntry[]) {
    if (entries.length > 0) events.publish(sessionId, entries);
  }

  /**
   * A filing that a crash or an outage left unannounced: its result (or one more attempt) goes in before the
   * person's words, so "好了吗" after a restart is answered knowing the record number, and "确认" files nothing new.
   */
  async function catchUp(session: StoredSession, state: ConversationState): Promise<{ state: ConversationState; replies: Reply[] }> {
    const form = state.form;
    if (form === null || form.filingKey === null || (form.status !== 'submitting' && form.status !== 'queued')) return { state, replies: [] };
    const outcome = await filing.resume(form.filingKey);
    // Still queued and already said so: nothing new to tell.
    if (outcome === undefined || (outcome.type === 'application-queued' && form.status === 'queued')) return { state, replies: [] };
    return run(session, state, outcome);
  }

  function newSession(context: EngineContext, id: string, region: string | null): StoredSession {
    return { id, state: initialState(context, id, region), updatedAt: clock.now().toISOString(), transcript: [] };
  }

  /** The region a request gives, as the code whose policy applies; undefined when it gives none, null when it names no place. */
  function requestedRegion(region: string | undefined): string | undefined | null {
    return region === undefined ? undefined : (policyRegionCode(region) ?? null);
  }

  return {
    async chat(request) {
      const context = dependencies.context();
      const region = requestedRegion(request.region);
      if (region === null) return { ok: false, code: 'invalid_region', message: say(context.content, 'engine.invalidRegion') };
      const sessionId = request.sessionId ?? ids.next('s');
      return serialised(sessionId, async (): Promise<ChatOutcome> => {
        // Read inside the session's turn, so a turn queued behind another sees what that one stored.
        const existing = request.sessionId === undefined ? undefined : await store.get(request.sessionId);
        if (request.sessionId !== undefined && existing === undefined) {
          return { ok: false, code: 'unknown_session', message: say(context.content, 'engine.unknownSession') };
        }
        const session = existing ?? newSession(context, sessionId, region ?? null);
        const { state, notes } = restore(session, context, region ?? null);
        const withRegion = region && state.region === null ? { ...state, region } : state;
        // The person's words are part of any commit this turn makes, the one before filing included.
        const [said] = append(session, 'user', [{ text: request.text }]);
        const handoff = await dependencies.handoffs?.queue.current(session.id);
        if (handoff?.state === 'claimed') {
          // An agent holds the conversation: the words are theirs to answer; the assistant stays silent.
          await store.commitTurn({ ...session, state: withRegion, updatedAt: clock.now().toISOString() }, []);
          dependencies.handoffs?.events?.publish({ kind: 'message', conversationId: session.id, entry: said! });
          return {
            ok: true,
            entries: [],
            response: {
              sessionId: session.id,
              replies: [],
              understanding: { route: 'handoff', topic: null, faqId: null, confidence: 1 },
              form: formView(context.content, withRegion.form),
              dialog: dialogView(withRegion),
              queue: { state: 'claimed', agentName: handoff.agent?.name ?? '' },
            },
          };
        }
        const caughtUp = await catchUp(session, withRegion);
        const turn = await run(session, caughtUp.state, { type: 'text', text: request.text }, request.address);
        const replies = [...notes, ...caughtUp.replies, ...turn.replies];
        const entries = append(session, 'bot', replies);
        await store.commitTurn(nextVersion(session, turn.state, clock.now()), []);
        // Read again only when the conversation is (or may just have become) queued: most turns never touch the queue.
        const queue = handoff !== undefined || turn.understanding.route === 'handoff' ? await queueStatusOf(session.id) : null;
        return {
          ok: true,
          entries,
          response: {
            sessionId: session.id,
            replies,
            understanding: turn.understanding,
            form: formView(context.content, turn.state.form),
            dialog: dialogView(turn.state),
            ...(queue === null ? {} : { queue }),
          },
        };
      });
    },

    async staffInput(sessionId, input, options = {}) {
      const context = dependencies.context();
      return serialised(sessionId, async (): Promise<ChatOutcome> => {
        const session = await store.get(sessionId);
        if (session === undefined) return { ok: false, code: 'unknown_session', message: say(context.content, 'engine.unknownSession') };
        const { state, notes } = restore(session, context, null);
        const caughtUp = await catchUp(session, state);
        const turn = await run(session, caughtUp.state, input);
        const replies = [...notes, ...caughtUp.replies, ...turn.replies];
        const entries = options.silent === true ? [] : append(session, 'bot', replies);
        await store.commitTurn({ ...session, state: turn.state, updatedAt: clock.now().toISOString() }, []);
        notify(sessionId, entries);
        return {
          ok: true,
          entries,
          response: { sessionId: session.id, replies, understanding: turn.understanding, form: formView(context.content, turn.state.form) },
        };
      });
    },

    async open(request) {
      const context = dependencies.context();
      const region = requestedRegion(request.region);
      if (region === null) return { ok: false, code: 'invalid_region', message: say(context.content, 'engine.invalidRegion') };
      const existing = request.sessionId === undefined ? undefined : await store.get(request.sessionId);
      if (existing) {
        const stored = migrateState(existing.state);
        const form = stored === null ? null : formView(context.content, stored.form);
        return { ok: true, sessionId: existing.id, transcript: existing.transcript, created: false, form, queue: await queueStatusOf(existing.id) };
      }
      const session = newSession(context, ids.next('s'), region ?? null);
      return serialised(session.id, async () => {
        const turn = await run(session, session.state as ConversationState, { type: 'open' });
        append(session, 'bot', turn.replies);
        await store.commitTurn({ ...session, state: turn.state }, []);
        return { ok: true, sessionId: session.id, transcript: session.transcript, created: true, form: formView(context.content, turn.state.form), queue: null };
      });
    },

    async deliver(sessionId, input) {
      await serialised(sessionId, async () => {
        const session = await store.get(sessionId);
        if (!session) return;
        const context = dependencies.context();
        const { state } = restore(session, context, null);
        const turn = await run(session, state, input);
        const entries = append(session, 'bot', turn.replies);
        await store.commitTurn(nextVersion(session, turn.state, clock.now()), []);
        notify(sessionId, entries);
      });
    },

    agentMessage: (sessionId, agent, text) =>
      serialised(sessionId, async () => {
        const session = await store.get(sessionId);
        if (session === undefined) return undefined;
        const [entry] = append(session, 'agent', [{ text }]).map((added) => Object.assign(added, { agentName: agent.name }));
        await store.commitTurn({ ...session, updatedAt: clock.now().toISOString() }, []);
        notify(sessionId, [entry!]);
        dependencies.handoffs?.events?.publish({ kind: 'message', conversationId: sessionId, entry: entry! });
        return entry;
      }),

    announce: (sessionId, change) =>
      serialised(sessionId, async () => {
        const session = await store.get(sessionId);
        if (session === undefined) return;
        const context = dependencies.context();
        const { content } = context;
        let entries: TranscriptEntry[];
        if (change.kind === 'handed-back') {
          // The assistant takes the conversation back and says so; its first words carry the closed status.
          const { state } = restore(session, context, null);
          const turn = await run(session, state, { type: 'handed-back' });
          const [first, ...rest] = turn.replies;
          entries = append(session, 'bot', first === undefined ? [] : [{ ...first, queue: { state: 'closed' } }, ...rest]);
          await store.commitTurn(nextVersion(session, turn.state, clock.now()), []);
        } else {
          const queue: QueueStatus | null = change.kind === 'claimed' ? { state: 'claimed', agentName: change.agentName } : await queueStatusOf(sessionId);
          const text = change.kind === 'claimed' ? say(content, 'handoff.claimed', { agent: change.agentName }) : queueText(content, queue, 'handoff.released');
          entries = append(session, 'bot', [{ text, ...(queue === null ? {} : { queue }) }]);
          await store.commitTurn({ ...session, updatedAt: clock.now().toISOString() }, []);
        }
        notify(sessionId, entries);
        for (const entry of entries) dependencies.handoffs?.events?.publish({ kind: 'message', conversationId: sessionId, entry });
      }),

    queueStatus: (sessionId) => queueStatusOf(sessionId),

    subscribe: (sessionId, listener) => events.subscribe(sessionId, listener),
  };
}
