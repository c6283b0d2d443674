import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { ContentLifecycle } from '../../content/contentLifecycle.js';
import { intents, intentsFromFaq, refusalClasses } from '../../content/nluSchema.js';
import { TopicSchema, topics } from '../../content/schema.js';
import { maskSensitiveText } from '../../domain/masking.js';
import { bindingFlow } from '../../engine/formSlots.js';
import { groupQuestions } from '../../insights/groupQuestions.js';
import { addExample, addFaqEntry, exampleFiles, newEntryId } from '../../insights/inboxEdits.js';
import { insightsReport } from '../../insights/insightsReport.js';
import type { Clock } from '../../ports/clock.js';
import type { ContentActor } from '../../ports/contentStore.js';
import { chinaDay, type Events } from '../../ports/events.js';
import type { Inbox } from '../../ports/inbox.js';
import type { LiveContent } from '../../server/liveContent.js';
import type { StaffAccounts } from '../../staff/staffAccounts.js';
import { sendJson } from '../http/sendJson.js';
import { signedInStaff, type StaffGate } from '../staff/staffGate.js';
import type { EditorMessages } from './editorMessages.js';
import { handled } from '../http/handled.js';

const dayMs = 24 * 60 * 60 * 1000;
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const InsightsQuerySchema = z.object({ from: Day.optional(), to: Day.optional(), region: z.string().regex(/^\d{6}$/).optional() });
const InboxQuerySchema = z.object({ region: z.string().regex(/^\d{6}$/).optional() });
const ResolveSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('example'), keys: z.array(z.string().min(1)).min(1).max(200), text: z.string().trim().min(2).max(200), family: z.enum(['intent', 'refusal', 'faq']), label: z.string().min(1).max(100), draft: z.number().int().positive().optional() }),
  z.object({ action: z.literal('new-faq'), keys: z.array(z.string().min(1)).min(1).max(200), text: z.string().trim().min(4).max(200), topic: TopicSchema, draft: z.number().int().positive().optional() }),
  z.object({ action: z.literal('dismissed'), keys: z.array(z.string().min(1)).min(1).max(200) }),
]);

/** The longest span one insights request may cover. */
const maximumDays = 366;

/**
 * /api/v1/editor/insights and /api/v1/editor/inbox: the funnel and what people asked (docs/events.md), and the one
 * action that teaches the assistant a question it did not understand — into a draft, through the content lifecycle.
 */
export function createInsightsRoutes(options: {
  gate: StaffGate;
  accounts: StaffAccounts;
  lifecycle: ContentLifecycle;
  live: LiveContent;
  events: Events;
  inbox: Inbox;
  clock: Clock;
  messages: EditorMessages;
  inboxRetentionDays: number;
}): Router {
  const { gate, lifecycle, live, events, inbox, clock, messages } = options;
  const router = Router();
  const staff = gate.requireStaff(['editor', 'approver']);
  const json = express.json({ limit: '64kb' });
  const problem = (response: Response, status: number, code: string) => sendJson(response, status, { error: { code, message: messages(`editor.error.${code}`) } });
  const actorOf = (response: Response): ContentActor => {
    const { account } = signedInStaff(response);
    return { id: account.id, login: account.login };
  };

  router.get(
    '/insights',
    staff,
    handled(async (request, response) => {
      const query = InsightsQuerySchema.safeParse(request.query);
      if (!query.success) return problem(response, 400, 'invalid_request');
      const today = chinaDay(clock.now());
      const to = query.data.to ?? today;
      const from = query.data.from ?? chinaDay(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * dayMs));
      if (from > to || Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > maximumDays * dayMs) return problem(response, 400, 'invalid_request');
      const { content } = live.context();
      const rows = await events.counts({ from, to, ...(query.data.region ? { region: query.data.region } : {}) });
      const report = insightsReport(rows, { from, to, region: query.data.region ?? null, slots: bindingFlow(content).slots.map((slot) => slot.key) });
      response.set('Cache-Control', 'no-store');
      sendJson(response, 200, { report, regions: content.regions.map((region) => ({ code: region.code, name: region.name })) });
    }),
  );

  router.get(
    '/inbox',
    staff,
    handled(async (request, response) => {
      const query = InboxQuerySchema.safeParse(request.query);
      if (!query.success) return problem(response, 400, 'invalid_request');
      const since = new Date(clock.now().getTime() - options.inboxRetentionDays * dayMs);
      const questions = await inbox.list({ since, ...(query.data.region ? { region: query.data.region } : {}), limit: 2000 });
      const { content } = live.context();
      const { versions } = await lifecycle.list();
      response.set('Cache-Control', 'no-store');
      sendJson(response, 200, {
        groups: groupQuestions(questions).slice(0, 200),
        targets: {
          intent: intents.filter((intent) => !intentsFromFaq.includes(intent)),
          refusal: refusalClasses.filter((label) => label !== 'in_scope'),
          faq: content.faq.map((entry) => ({ id: entry.id, topic: entry.topic, question: entry.question })),
          topics,
        },
        drafts: versions.filter((version) => version.status === 'draft').map((version) => version.number),
        regions: content.regions.map((region) => ({ code: region.code, name: region.name })),
      });
    }),
  );

  router.post(
    '/inbox/resolve',
    staff,
    json,
    handled(async (request, response) => {
      const parsed = ResolveSchema.safeParse(request.body ?? {});
      if (!parsed.success) return problem(response, 400, 'invalid_request');
      const body = parsed.data;
      const actor = actorOf(response);
      const resolution = { staffId: actor.id, at: clock.now().toISOString() };
      if (body.action === 'dismissed') {
        await inbox.resolve(body.keys, { action: 'dismissed', target: null, draftId: null, ...resolution });
        await options.accounts.record({ staffId: actor.id, login: actor.login }, 'inbox.dismissed', { questions: String(body.keys.length) });
        return sendJson(response, 200, { resolved: body.keys.length });
      }
      // Whatever was typed into the box, an ID or phone number never reaches the content.
      const text = maskSensitiveText(body.text);
      const draft = body.draft === undefined ? await lifecycle.createDraft(actor) : undefined;
      if (draft !== undefined && !draft.ok) return problem(response, 409, 'wrong_status');
      const number = body.draft ?? draft!.value!.number;
      const found = await lifecycle.get(number);
      if (found === undefined) return problem(response, 404, 'not_found');
      if (found.version.status !== 'draft') return problem(response, 409, 'wrong_status');
      const fileOf = (path: string) => found.files.find((file) => file.path === path)?.text;

      let path: string;
      let changed: string;
      let target: string;
      if (body.action === 'example') {
        const known = body.family === 'faq' ? live.context().content.faq.some((entry) => entry.id === body.label) : (body.family === 'intent' ? (intents as readonly string[]) : (refusalClasses as readonly string[])).includes(body.label);
        if (!known) return problem(response, 400, 'invalid_request');
        path = exampleFiles[body.family];
        const current = fileOf(path);
        if (current === undefined) return problem(response, 404, 'not_found');
        changed = addExample(current, body.family, body.label, text);
        target = `${body.family}:${body.label}`;
      } else {
        path = `flows/faq/${body.topic}.yaml`;
        const current = fileOf(path);
        if (current === undefined) return problem(response, 404, 'not_found');
        // Ids in the draft too: an entry started earlier in the same draft is not published yet.
        const draftIds = found.files.filter((file) => file.path.startsWith('flows/faq/')).flatMap((file) => [...file.text.matchAll(/^\s*-?\s*id:\s*(\S+)/gm)].map((match) => match[1]!));
        target = newEntryId(new Set([...live.context().content.faq.map((entry) => entry.id), ...draftIds]));
        changed = addFaqEntry(current, { id: target, topic: body.topic, question: text });
      }
      const saved = await lifecycle.saveFile(actor, number, path, changed);
      if (!saved.ok) return problem(response, 409, 'wrong_status');
      await inbox.resolve(body.keys, { action: body.action, target, draftId: String(number), ...resolution });
      await options.accounts.record({ staffId: actor.id, login: actor.login }, `inbox.${body.action}`, { version: String(number), target, questions: String(body.keys.length) });
      sendJson(response, 200, { draft: number, path, target });
    }),
  );

  return router;
}
