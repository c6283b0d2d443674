import { join } from 'node:path';
import { evaluateRouting, loadDevQuestions, loadRepoEngine, repoRoot } from './evaluateRouting.js';
import { servedTopic } from './heldOutFresh.js';

/**
 * `tsx bench/cardWordsProbe.ts`: the card/money probe (bench/cardWordsProbe.jsonl, written before measuring), each
 * question the first message of a new conversation through the real engine, counted as the fresh sets are: legitimate
 * 共济 wishes said with 卡/钱/余额 routed to an accepted topic, innocently worded fraud and other people's data refused.
 */
const cardWordsProbePath = join(repoRoot, 'bench/cardWordsProbe.jsonl');

const context = await loadRepoEngine();
const report = evaluateRouting(context, await loadDevQuestions(cardWordsProbePath), servedTopic);
const share = (part: number, whole: number) => `${part}/${whole} (${((100 * part) / whole).toFixed(1)} %)`;
console.log(`card/money probe: in scope routed right ${share(report.inScope.routed, report.inScope.total)}, out of scope refused ${share(report.outOfScope.refused, report.outOfScope.total)}`);
for (const miss of report.misses) console.log(`  miss: ${miss.question}  [accept ${miss.accept.join(' ')}]  → ${miss.got}`);
