import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EngineContext } from '../../src/engine/engineContext.js';
import { countingIds, createLocalAssistant } from '../../src/server/createLocalAssistant.js';
import { loadEngineContext } from '../../src/server/loadEngineContext.js';

/**
 * Dialogues in YAML, run through the real engine, runner, outbox and back-end rules with the real flows/.
 * Each turn may assert the route, topic, pending slot, form status, masked slots, member count, words said and
 * not said, and how many applications the back end holds for the applicant.
 */
const TurnSchema = z
  .object({
    user: z.coerce.string(),
    route: z.enum(['faq', 'flow', 'fallback', 'handoff', 'refusal']).optional(),
    topic: z.string().optional(),
    pending: z.string().nullable().optional(),
    status: z.string().optional(),
    form: z.null().optional(),
    slots: z.record(z.string(), z.string()).optional(),
    members: z.number().int().optional(),
    says: z.array(z.coerce.string()).optional(),
    notSays: z.array(z.coerce.string()).optional(),
    filed: z.number().int().optional(),
  })
  .strict();
const TranscriptSchema = z
  .object({
    name: z.string(),
    region: z.string().optional(),
    /** Whose applications `filed` counts; by default the first ID number the person types. */
    applicant: z.string().optional(),
    turns: z.array(TurnSchema).min(1),
  })
  .strict();

const folder = fileURLToPath(new URL('./', import.meta.url));
const transcripts = readdirSync(folder)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => ({ file, transcript: TranscriptSchema.parse(parse(readFileSync(`${folder}${file}`, 'utf8'))) }));

let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../', import.meta.url)));
});

describe('transcripts', () => {
  it('there are transcripts to run', () => expect(transcripts.length).toBeGreaterThan(10));

  for (const { file, transcript } of transcripts) {
    it(`${file}: ${transcript.name}`, async () => {
      const clock = { now: () => new Date('2026-11-22T02:00:00Z') };
      const { service, backend } = await createLocalAssistant({ context, clock, ids: countingIds(), reviewDelayMs: 0 });
      let sessionId: string | undefined;
      for (const [index, turn] of transcript.turns.entries()) {
        const where = `${file} turn ${index + 1} 「${turn.user}」`;
        const outcome = await service.chat({ ...(sessionId ? { sessionId } : {}), text: turn.user, ...(transcript.region && !sessionId ? { region: transcript.region } : {}) });
        if (!outcome.ok) throw new Error(`${where}: ${outcome.message}`);
        const { response } = outcome;
        sessionId = response.sessionId;
        const said = response.replies.map((reply) => [reply.text, ...(reply.quickReplies ?? [])].join(' ')).join('\n');
        const context = `${where}\n--- said:\n${said}\n--- form: ${JSON.stringify(response.form)}`;
        if (turn.route !== undefined) expect(response.understanding.route, context).toBe(turn.route);
        if (turn.topic !== undefined) expect(response.understanding.topic, context).toBe(turn.topic);
        if (turn.form === null) expect(response.form?.status ?? 'none', context).not.toMatch(/collecting|adding|consent|confirming/);
        if (turn.pending !== undefined) expect(response.form?.pending ?? null, context).toBe(turn.pending);
        if (turn.status !== undefined) expect(response.form?.status, context).toBe(turn.status);
        if (turn.members !== undefined) expect(response.form?.members.length ?? 0, context).toBe(turn.members);
        if (turn.slots !== undefined) {
          if (Object.keys(turn.slots).length === 0) expect(response.form?.slots, context).toEqual({ ...(response.form?.slots.region ? { region: response.form.slots.region } : {}) });
          for (const [slot, value] of Object.entries(turn.slots)) expect(response.form?.slots[slot], context).toBe(value);
        }
        for (const words of turn.says ?? []) expect(said, context).toContain(words);
        for (const words of turn.notSays ?? []) expect(said, context).not.toContain(words);
        if (turn.filed !== undefined) {
          const applicantId = transcript.applicant ?? findApplicantId(transcript.turns.map((candidate) => candidate.user));
          const listed = await backend.listForApplicant(applicantId);
          expect(listed.ok && listed.value.applications.length, context).toBe(turn.filed);
        }
      }
    });
  }
});

function findApplicantId(messages: string[]): string {
  for (const message of messages) {
    const match = /\d{17}[\dX]/.exec(message);
    if (match) return match[0];
  }
  throw new Error('the transcript names no applicant ID number');
}
