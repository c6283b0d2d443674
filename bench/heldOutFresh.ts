import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ConversationTestSchema } from '../src/content/schema.js';
import type { EngineContext } from '../src/engine/engineContext.js';
import { dialogView } from '../src/engine/accountRequests.js';
import type { ConversationState, Understanding } from '../src/engine/state.js';
import { runConversationTest, type ConversationTestResult } from '../src/server/runConversationTests.js';
import { evaluateRouting, loadDevQuestions, type RoutingReport } from './evaluateRouting.js';

/**
 * The fresh held-out material (issue 9, third session): questions and multi-turn conversations written in people's
 * words before the assistant was run on them, by someone who read none of the examples. Nobody trains or tunes on
 * them; `npm run eval` prints how they fare and a test holds a floor under the measured figure.
 */
// Resolved here, not imported: evaluateRouting.ts imports this module to print the figures.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const freshQuestionsPath = join(repoRoot, 'test/fixtures/heldout-fresh-questions.jsonl');
export const freshConversationsFolder = join(repoRoot, 'test/fixtures/heldout-conversations');

/**
 * What a first message was answered with, as a taxonomy topic: an FAQ answer's topic, or the request a dialog it
 * started serves — the binding form answers "bind for me" (how_to_bind), the status dialog "where is my
 * application" (review), the unbind dialog "unbind my mother" (unbind).
 */
export function servedTopic(understanding: Understanding, state: ConversationState): string | null {
  if (understanding.topic !== null) return understanding.topic;
  if (state.form !== null) return 'how_to_bind';
  const dialog = dialogView(state);
  if (dialog?.name === 'status') return 'review';
  if (dialog?.name === 'unbind') return 'unbind';
  return null;
}

export async function evaluateFreshQuestions(context: EngineContext): Promise<RoutingReport> {
  return evaluateRouting(context, await loadDevQuestions(freshQuestionsPath), servedTopic);
}

export type FreshConversations = { held: number; results: ConversationTestResult[] };

/** Every fresh conversation, checked by the content schema and run by the content's own conversation-test runner. */
export async function runFreshConversations(context: EngineContext): Promise<FreshConversations> {
  const files = (await readdir(freshConversationsFolder)).filter((file) => file.endsWith('.yaml')).sort();
  const results: ConversationTestResult[] = [];
  for (const file of files) {
    const test = ConversationTestSchema.parse(parse(await readFile(join(freshConversationsFolder, file), 'utf8')));
    results.push(await runConversationTest(context, `test/fixtures/heldout-conversations/${file}`, test));
  }
  return { held: results.filter((result) => result.passed).length, results };
}

export function formatFreshConversations({ held, results }: FreshConversations, listFailures: boolean): string {
  const lines = [`fresh conversations held: ${held}/${results.length}`];
  if (listFailures) for (const result of results) {
    const failure = result.failures[0];
    if (failure !== undefined) lines.push(`  fails: ${result.file} turn ${failure.turn} 「${failure.user}」: ${failure.message}`);
  }
  return lines.join('\n');
}
