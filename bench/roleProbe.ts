import { fileURLToPath } from 'node:url';
import { evaluateRouting, loadDevQuestions, loadRepoEngine } from './evaluateRouting.js';

/**
 * `tsx bench/roleProbe.ts [--misses]`: the questions of bench/roleProbe.jsonl (who gives and who receives, two places
 * in one message; written before any role or place feature was measured, never training data), each sent through the
 * real engine as the first message of a new conversation; prints how many were answered with an accepted topic.
 */
export const roleProbePath = fileURLToPath(new URL('./roleProbe.jsonl', import.meta.url));

const context = await loadRepoEngine();
const report = evaluateRouting(context, await loadDevQuestions(roleProbePath));
console.log(`role and place probe: ${report.inScope.routed}/${report.inScope.total} routed to an accepted topic`);
if (process.argv.includes('--misses')) for (const miss of report.misses) console.log(`  miss: ${miss.question}  [accept ${miss.accept.join(', ')}]  → ${miss.got}`);
