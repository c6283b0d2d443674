import { maskSensitiveText } from '../domain/masking.js';
import type { Reading } from './reading.js';

export type ModelCandidate = { id: string; question: string };

/** What the model is told besides the offered entries: the turn's one reading, and the region the conversation is in. */
export type ChoiceInput = { reading: Reading; candidates: readonly ModelCandidate[]; regionName: string | null };

/**
 * The request to the optional language model: the editors' prompts with the offered entries, the person's words as
 * read (normalised, ID and phone numbers masked: they never leave for an outside service), and what the reading made
 * of them — the region, the relatives named, and how sure it was of each offered entry. The model still may only
 * answer one of the offered ids.
 */
export function buildChoicePrompt(prompts: Readonly<Record<string, string>>, input: ChoiceInput): { system: string; user: string } {
  const system = prompts.rephrase;
  const user = prompts.rephraseQuestion;
  const summary = prompts.readingSummary;
  if (system === undefined || user === undefined || summary === undefined) throw new Error('prompts/llm.yaml lacks rephrase, rephraseQuestion or readingSummary');
  const { reading, candidates } = input;
  const list = candidates.map((candidate) => `${candidate.id}：${candidate.question}`).join('\n');
  const relatives = reading.entities.flatMap((entity) => (entity.kind === 'relationship' ? [entity.match.word] : []));
  const scores = candidates.map((candidate) => `${candidate.id} ${(reading.faq.find((entry) => entry.entryId === candidate.id)?.score ?? 0).toFixed(2)}`);
  const none = '—';
  // The person's words go in as data; braces in them must not be read as placeholders.
  const readingText = summary
    .replace('{region}', () => reading.region?.name ?? input.regionName ?? none)
    .replace('{relatives}', () => (relatives.length > 0 ? relatives.join('、') : none))
    .replace('{scores}', () => scores.join('；'));
  return {
    system: system.replace('{candidates}', () => list),
    user: user.replace('{question}', () => maskSensitiveText(reading.normalised)).replace('{reading}', () => readingText),
  };
}

/** The id the model answered, only when it is exactly one of the offered ids; anything else counts as no choice. */
export function readModelChoice(output: string, candidateIds: readonly string[]): string | null {
  const answer = output.trim().replace(/^["'“”‘’`]+|["'“”‘’`。.]+$/g, '');
  return candidateIds.includes(answer) ? answer : null;
}
