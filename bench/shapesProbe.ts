import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { printRoutingProbe } from './routingProbe.js';

/**
 * `npx tsx bench/shapesProbe.ts`: the shapes probe — in-scope questions in the shapes people type (several questions
 * in one message, a problem stated, an app's error text quoted, bare keywords, long stories and heavy politeness, voice
 * input with homophones and pinyin, traditional characters with Cantonese), over all 14 topics, written before
 * measuring and never trained on.
 */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await printRoutingProbe('shapes probe', 'bench/shapesProbe.jsonl');
}
