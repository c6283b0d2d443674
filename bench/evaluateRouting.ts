import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { createJiebaSegmenter } from '../src/adapters/jiebaSegmenter.js';
import { formatProblems, loadContent } from '../src/content/loadContent.js';
import { repoContentRules } from '../src/content/repoContentRules.js';
import type { Content } from '../src/content/schema.js';
import { detectIntents } from '../src/nlu/detectIntents.js';
import { extractSlots } from '../src/nlu/extractSlots.js';
import { buildFaqIndex, type FaqIndex } from '../src/nlu/faqIndex.js';
import { understandQuestion, type QuestionUnderstanding } from '../src/nlu/understandQuestion.js';

/**
 * `npm run eval`: routes every question of ../shared/eval/dev_questions.jsonl through the embedded understanding
 * and prints how many in-scope questions reached an accepted topic and how many out-of-scope ones were refused,
 * each miss, and the per-call latency of understandQuestion and extractSlots. The file is a check, never
 * training data: nothing in content, synonyms, cues or tests is taken from it.
 */

export const OUT_OF_SCOPE = 'out_of_scope';

const EvalQuestionSchema = z.object({ q: z.string().min(1), accept: z.array(z.string().min(1)).min(1) });
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

export type RoutingMiss = { question: string; accept: string[]; got: string };
export type RoutingReport = {
  inScope: { total: number; routed: number };
  outOfScope: { total: number; refused: number };
  misses: RoutingMiss[];
};

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const devQuestionsPath = join(repoRoot, '../shared/eval/dev_questions.jsonl');

/**
 * In scope: an answer, or a fraud refusal citing an entry, of an accepted topic. Out of scope: a refusal (or, where
 * the question also accepts topics, an answer of one of them).
 */
export function evaluateRouting(index: FaqIndex, questions: readonly EvalQuestion[]): RoutingReport {
  const report: RoutingReport = { inScope: { total: 0, routed: 0 }, outOfScope: { total: 0, refused: 0 }, misses: [] };
  for (const { q, accept } of questions) {
    const understanding = understandQuestion(index, q);
    const topic = routedTopic(understanding);
    if (accept.includes(OUT_OF_SCOPE)) {
      report.outOfScope.total += 1;
      if (understanding.kind === 'refuse' || (topic !== null && accept.includes(topic))) report.outOfScope.refused += 1;
      else report.misses.push({ question: q, accept, got: describe(understanding) });
      continue;
    }
    report.inScope.total += 1;
    if (topic !== null && accept.includes(topic)) report.inScope.routed += 1;
    else report.misses.push({ question: q, accept, got: describe(understanding) });
  }
  return report;
}

function routedTopic(understanding: QuestionUnderstanding): string | null {
  if (understanding.kind === 'answer') return understanding.entry.topic;
  if (understanding.kind === 'refuse' && understanding.reason === 'fraud') return understanding.fraudEntry?.topic ?? null;
  return null;
}

function describe(understanding: QuestionUnderstanding): string {
  switch (understanding.kind) {
    case 'answer':
      return `answer ${understanding.entry.topic}/${understanding.entry.id} (${understanding.confidence})`;
    case 'clarify':
      return `clarify ${understanding.options.map((option) => `${option.topic}/${option.id}`).join(' | ')} (${understanding.confidence})`;
    case 'refuse':
      return `refuse ${understanding.reason}${understanding.fraudEntry ? ` ${understanding.fraudEntry.topic}/${understanding.fraudEntry.id}` : ''} (${understanding.confidence})`;
  }
}

export async function loadDevQuestions(path = devQuestionsPath): Promise<EvalQuestion[]> {
  const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return lines.map((line) => EvalQuestionSchema.parse(JSON.parse(line)));
}

/** The product's content, checked exactly as at start-up; invalid content is an error with every problem listed. */
export async function loadRepoContent(): Promise<Content> {
  const loaded = await loadContent(repoRoot, repoContentRules);
  if (!loaded.ok) throw new Error(`content is invalid:\n${formatProblems(loaded.problems)}`);
  return loaded.content;
}

export function buildRepoIndex(content: Content): FaqIndex {
  return buildFaqIndex({ faq: content.faq, synonyms: content.synonyms }, createJiebaSegmenter(content.synonyms.flat()));
}

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)} %`;
}

/** Microseconds per call at the 50th and 99th percentile, over every question repeated. */
function latency(questions: readonly EvalQuestion[], call: (text: string) => unknown): { p50: number; p99: number } {
  const rounds = 50;
  for (const { q } of questions) call(q);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const { q } of questions) {
      const started = performance.now();
      call(q);
      samples.push((performance.now() - started) * 1000);
    }
  }
  samples.sort((a, b) => a - b);
  const at = (share: number) => Math.round(samples[Math.min(samples.length - 1, Math.floor(samples.length * share))] ?? 0);
  return { p50: at(0.5), p99: at(0.99) };
}

async function main(): Promise<void> {
  const content = await loadRepoContent();
  const index = buildRepoIndex(content);
  const questions = await loadDevQuestions();
  const report = evaluateRouting(index, questions);

  console.log(`FAQ entries: ${content.faq.length}, synonym groups: ${content.synonyms.length}, questions: ${questions.length}`);
  console.log(`in scope routed to an accepted topic: ${report.inScope.routed}/${report.inScope.total} (${percent(report.inScope.routed, report.inScope.total)})`);
  console.log(`out of scope refused:                 ${report.outOfScope.refused}/${report.outOfScope.total} (${percent(report.outOfScope.refused, report.outOfScope.total)})`);
  for (const miss of report.misses) console.log(`  miss: ${miss.question}  [accept ${miss.accept.join(', ')}]  → ${miss.got}`);

  const triggers = content.flows.flatMap((flow) => flow.triggers);
  const understand = latency(questions, (text) => understandQuestion(index, text));
  const extract = latency(questions, (text) => extractSlots(text));
  const whole = latency(questions, (text) => [understandQuestion(index, text), extractSlots(text), detectIntents(text, triggers)]);
  console.log(`latency per call (µs): understandQuestion p50 ${understand.p50} p99 ${understand.p99}; extractSlots p50 ${extract.p50} p99 ${extract.p99}; all three p50 ${whole.p50} p99 ${whole.p99}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
