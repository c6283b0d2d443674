import express, { Router, type Request, type Response } from 'express';
import { structuredPatch } from 'diff';
import { z } from 'zod';
import type { ContentFile, ContentProblem } from '../../content/checkContent.js';
import { contentJsonSchemas } from '../../content/contentJsonSchemas.js';
import { contentKinds, type ContentKind } from '../../content/contentKinds.js';
import type { ContentLifecycle, LifecycleOutcome, StartNotice } from '../../content/contentLifecycle.js';
import { staleFacts, type Staleness } from '../../content/staleFacts.js';
import type { ContentActor, ContentVersion } from '../../ports/contentStore.js';
import type { AnswerDiffJobs, AskedQuestion } from '../../server/answerDiffJobs.js';
import type { StaffAccounts } from '../../staff/staffAccounts.js';
import type { LiveContent } from '../../server/liveContent.js';
import { sendJson } from '../http/sendJson.js';
import { signedInStaff, type StaffGate } from '../staff/staffGate.js';
import type { DraftPreviews } from './draftPreviews.js';
import { editorMessageIds } from './editorMessageIds.js';
import type { EditorMessages } from './editorMessages.js';
import { handled } from '../http/handled.js';

/** A content file can be large (the FAQ of one topic); the chat API's 8 KB limit is not meant for it. */
const bodyLimit = '2mb';

const FileSchema = z.object({ path: z.string().min(1).max(200), text: z.string().max(1_000_000) });
const OverridesSchema = z.object({ files: z.array(FileSchema).max(20).default([]) });
const SaveSchema = z.object({ path: z.string().min(1).max(200), text: z.string().max(1_000_000).nullable() });
const MessageSchema = z.object({ message: z.string().max(500).default('') });
const NoteSchema = z.object({ note: z.string().max(500).default('') });
const ApproveSchema = z.object({ publishAt: z.iso.datetime({ offset: true }).nullable().default(null) });
const RollbackSchema = z.object({ to: z.number().int().positive(), message: z.string().max(500).default('') });
const PreviewSchema = OverridesSchema.extend({
  previewId: z.string().max(64).optional(),
  text: z.string().min(1).max(500),
  region: z.string().regex(/^\d{6}$/).optional(),
});

/** A version without its files, as lists and history show it. */
function summary(version: ContentVersion) {
  const { files, ...rest } = version;
  return { ...rest, fileCount: Object.keys(files).length };
}

function kindOf(path: string): ContentKind | null {
  return (Object.keys(contentKinds) as ContentKind[]).find((kind) => contentKinds[kind].pattern.test(path)) ?? null;
}

/** The files of a version with unsaved edits laid over them (what the editor sees in the console). */
function overlay(files: ContentFile[], overrides: readonly ContentFile[]): ContentFile[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  for (const file of overrides) byPath.set(file.path, file);
  return [...byPath.values()].sort((left, right) => (left.path < right.path ? -1 : 1));
}

/** Per changed file, the hunks of a line diff (unchanged files are left out). */
export function diffFiles(before: ContentFile[], after: ContentFile[]) {
  const paths = [...new Set([...before, ...after].map((file) => file.path))].sort();
  return paths.flatMap((path) => {
    const old = before.find((file) => file.path === path)?.text ?? '';
    const next = after.find((file) => file.path === path)?.text ?? '';
    if (old === next) return [];
    const patch = structuredPatch(path, path, old, next, '', '', { context: 2 });
    return [{ path, change: old === '' ? 'added' : next === '' ? 'removed' : 'changed', hunks: patch.hunks.map((hunk) => ({ oldStart: hunk.oldStart, newStart: hunk.newStart, lines: hunk.lines })) }];
  });
}

export type EditorRoutesOptions = {
  gate: StaffGate;
  accounts: StaffAccounts;
  lifecycle: ContentLifecycle;
  live: LiveContent;
  previews: DraftPreviews;
  messages: EditorMessages;
  notices: readonly StartNotice[];
  /** The answer diff's worker: run only on an editor's explicit request, never per keystroke. */
  answerDiff: AnswerDiffJobs;
  /** Questions people asked within EVENTS_RETENTION_DAYS (masked), compared by the answer diff too. */
  askedQuestions: () => Promise<AskedQuestion[]>;
  /** CONTENT_STALE_DAYS as of now. */
  staleness: () => Staleness;
  /** The checker's problems with a set of files, found off the event loop (a check runs at every pause in typing). */
  problemsOf: (files: ContentFile[]) => Promise<ContentProblem[]>;
};

/**
 * /api/v1/editor/…: the content editors' console API. Editors and approvers read, draft, check, preview and
 * submit; only approvers approve, send back and roll back, and never a version they changed themselves. Every
 * change is audited. A publish (approval, rollback, CONTENT_APPROVAL=none submit) is made live here at once.
 */
export function createEditorRoutes(options: EditorRoutesOptions): Router {
  const { gate, accounts, lifecycle, live, previews, messages } = options;
  const router = Router();
  const staff = gate.requireStaff(['editor', 'approver'], { beforePasswordChange: true });
  const writer = gate.requireStaff(['editor', 'approver']);
  const approver = gate.requireStaff('approver');
  const json = express.json({ limit: bodyLimit });

  const actorOf = (response: Response): ContentActor => {
    const { account } = signedInStaff(response);
    return { id: account.id, login: account.login };
  };
  const problem = (response: Response, status: number, code: string, values: Record<string, string> = {}, extra: Record<string, unknown> = {}) => {
    const id = `editor.error.${code}`;
    sendJson(response, status, { error: { code, message: messages(editorMessageIds.includes(id) ? id : 'editor.error.invalid_request', values), ...extra } });
  };
  const parse = <T>(schema: z.ZodType<T>, request: Request, response: Response): T | undefined => {
    const parsed = schema.safeParse(request.body ?? {});
    if (!parsed.success) {
      problem(response, 400, 'invalid_request');
      return undefined;
    }
    return parsed.data;
  };
  const numberOf = (request: Request): number => Number(request.params['number']);
  const audit = (response: Response, action: string, detail: Record<string, string>) => {
    const actor = actorOf(response);
    return accounts.record({ staffId: actor.id, login: actor.login }, action, detail);
  };
  /** Sends a lifecycle outcome; a refusal in the editor's words, with the checker's problems when it was invalid. */
  const reply = async (response: Response, outcome: LifecycleOutcome<ContentVersion>, action: string, status = 200): Promise<ContentVersion | undefined> => {
    if (outcome.ok) {
      await audit(response, action, { version: String(outcome.value.number), status: outcome.value.status });
      if (outcome.value.status === 'published' || outcome.value.publishAt !== null) await live.sync();
      sendJson(response, status, { version: summary(outcome.value), published: live.version().number });
      return outcome.value;
    }
    switch (outcome.code) {
      case 'not_found':
        problem(response, 404, 'not_found');
        break;
      case 'wrong_status':
        problem(response, 409, 'wrong_status', { status: messages(`editor.status.${outcome.status}`) });
        break;
      case 'invalid':
        problem(response, 422, 'invalid', { count: String(outcome.problems.length) }, { problems: outcome.problems });
        break;
      case 'own_change':
        problem(response, 403, 'own_change');
        break;
      case 'unknown_file':
        problem(response, 400, 'unknown_file');
        break;
      case 'not_published_before':
        problem(response, 409, 'not_published_before');
        break;
    }
    return undefined;
  };
  const filesOfVersion = async (response: Response, number: number): Promise<ContentFile[] | undefined> => {
    const found = await lifecycle.get(number);
    if (found === undefined) problem(response, 404, 'not_found');
    return found?.files;
  };

  router.get('/whoami', staff, (_request, response) => {
    const { account, session } = signedInStaff(response);
    response.set('Cache-Control', 'no-store');
    sendJson(response, 200, { staff: { id: account.id, login: account.login, role: account.role, mustChangePassword: account.mustChangePassword }, csrfToken: session.csrfToken, approval: lifecycle.approval });
  });

  router.get(
    '/versions',
    staff,
    handled(async (_request, response) => {
      const { versions, published } = await lifecycle.list();
      sendJson(response, 200, { versions: versions.map(summary), published, live: live.version().number, approval: lifecycle.approval, notices: options.notices });
    }),
  );

  router.get(
    '/versions/:number',
    staff,
    handled(async (request, response) => {
      const found = await lifecycle.get(numberOf(request));
      if (found === undefined) return problem(response, 404, 'not_found');
      sendJson(response, 200, {
        version: summary(found.version),
        files: found.files.map((file) => ({ ...file, kind: kindOf(file.path) })),
        problems: await options.problemsOf(found.files),
      });
    }),
  );

  router.get(
    '/versions/:number/diff',
    staff,
    handled(async (request, response) => {
      const found = await lifecycle.get(numberOf(request));
      if (found === undefined) return problem(response, 404, 'not_found');
      const against = Number(request.query['against'] ?? found.version.rollbackOf ?? found.version.basedOn ?? 0);
      const base = against > 0 ? await lifecycle.get(against) : undefined;
      sendJson(response, 200, { against: base?.version.number ?? null, files: diffFiles(base?.files ?? [], found.files) });
    }),
  );

  router.get(
    '/versions/:number/export',
    staff,
    handled(async (request, response) => {
      const files = await filesOfVersion(response, numberOf(request));
      if (files === undefined) return;
      response.set('Content-Disposition', `attachment; filename="content-v${numberOf(request)}.json"`);
      sendJson(response, 200, { version: numberOf(request), files });
    }),
  );

  router.get('/schemas', staff, (_request, response) => {
    const schemas = contentJsonSchemas();
    sendJson(response, 200, {
      kinds: (Object.keys(contentKinds) as ContentKind[]).map((kind) => ({
        kind,
        pattern: contentKinds[kind].pattern.source,
        schema: JSON.parse(schemas.find((entry) => entry.fileName === contentKinds[kind].jsonSchemaFile)?.text ?? '{}') as unknown,
      })),
    });
  });

  router.post(
    '/drafts',
    writer,
    json,
    handled(async (request, response) => {
      const body = parse(z.object({ basedOn: z.number().int().positive().optional() }), request, response);
      if (body === undefined) return;
      await reply(response, await lifecycle.createDraft(actorOf(response), body.basedOn), 'content.draft.created', 201);
    }),
  );

  router.put(
    '/versions/:number/files',
    writer,
    json,
    handled(async (request, response) => {
      const body = parse(SaveSchema, request, response);
      if (body === undefined) return;
      await reply(response, await lifecycle.saveFile(actorOf(response), numberOf(request), body.path, body.text), 'content.draft.saved');
    }),
  );

  router.post(
    '/versions/:number/check',
    writer,
    json,
    handled(async (request, response) => {
      const body = parse(OverridesSchema, request, response);
      if (body === undefined) return;
      const files = await filesOfVersion(response, numberOf(request));
      if (files === undefined) return;
      const problems = await options.problemsOf(overlay(files, body.files));
      sendJson(response, 200, { ok: problems.length === 0, problems });
    }),
  );

  router.post(
    '/versions/:number/preview',
    writer,
    json,
    handled(async (request, response) => {
      const body = parse(PreviewSchema, request, response);
      if (body === undefined) return;
      const files = await filesOfVersion(response, numberOf(request));
      if (files === undefined) return;
      const outcome = await previews.chat(overlay(files, body.files), { previewId: body.previewId, text: body.text, region: body.region });
      if (outcome.ok) return sendJson(response, 200, { previewId: outcome.previewId, ...outcome.response });
      if (outcome.code === 'invalid') return problem(response, 422, 'invalid', { count: String(outcome.problems.length) }, { problems: outcome.problems });
      if (outcome.code === 'unknown_preview') return problem(response, 404, 'unknown_preview');
      sendJson(response, 400, { error: { code: 'refused', message: outcome.message } });
    }),
  );

  router.post(
    '/versions/:number/tests',
    writer,
    json,
    handled(async (request, response) => {
      const body = parse(OverridesSchema, request, response);
      if (body === undefined) return;
      const files = await filesOfVersion(response, numberOf(request));
      if (files === undefined) return;
      const outcome = await previews.runTests(overlay(files, body.files));
      if (!outcome.ok) return problem(response, 422, 'invalid', { count: String(outcome.problems.length) }, { problems: outcome.problems });
      sendJson(response, 200, { passed: outcome.results.filter((result) => result.passed).length, failed: outcome.results.filter((result) => !result.passed), total: outcome.results.length });
    }),
  );

  router.post(
    '/versions/:number/answer-diff',
    writer,
    json,
    handled(async (request, response) => {
      const body = parse(OverridesSchema, request, response);
      if (body === undefined) return;
      const files = await filesOfVersion(response, numberOf(request));
      if (files === undefined) return;
      const published = await lifecycle.published();
      if (published === undefined) return problem(response, 404, 'not_found');
      const outcome = await options.answerDiff.run(published.files, overlay(files, body.files), await options.askedQuestions());
      if (outcome.ok) return sendJson(response, 200, { against: published.version.number, ...outcome.report });
      if (outcome.code === 'invalid') return problem(response, 422, 'invalid', { count: String(outcome.problems.length) }, { problems: outcome.problems });
      problem(response, 503, 'answer_diff_failed');
    }),
  );

  router.post(
    '/versions/:number/stale',
    staff,
    json,
    handled(async (request, response) => {
      const body = parse(OverridesSchema, request, response);
      if (body === undefined) return;
      const files = await filesOfVersion(response, numberOf(request));
      if (files === undefined) return;
      const staleness = options.staleness();
      sendJson(response, 200, { days: staleness.days, regions: staleFacts(overlay(files, body.files), staleness) });
    }),
  );

  router.post(
    '/versions/:number/submit',
    writer,
    json,
    handled(async (request, response) => {
      const body = parse(MessageSchema, request, response);
      if (body === undefined) return;
      await reply(response, await lifecycle.submit(actorOf(response), numberOf(request), body.message), 'content.submitted');
    }),
  );

  router.post(
    '/versions/:number/discard',
    writer,
    handled(async (request, response) => {
      await reply(response, await lifecycle.discard(numberOf(request)), 'content.discarded');
    }),
  );

  router.post(
    '/versions/:number/return',
    approver,
    json,
    handled(async (request, response) => {
      const body = parse(NoteSchema, request, response);
      if (body === undefined) return;
      await reply(response, await lifecycle.returnToDraft(actorOf(response), numberOf(request), body.note), 'content.returned');
    }),
  );

  router.post(
    '/versions/:number/approve',
    approver,
    json,
    handled(async (request, response) => {
      const body = parse(ApproveSchema, request, response);
      if (body === undefined) return;
      await reply(response, await lifecycle.approve(actorOf(response), numberOf(request), body.publishAt === null ? null : new Date(body.publishAt)), 'content.approved');
    }),
  );

  router.post(
    '/rollback',
    approver,
    json,
    handled(async (request, response) => {
      const body = parse(RollbackSchema, request, response);
      if (body === undefined) return;
      await reply(response, await lifecycle.rollback(actorOf(response), body.to, body.message), 'content.rolled_back', 201);
    }),
  );

  return router;
}
