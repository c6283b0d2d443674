import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { printRoutingProbe } from './routingProbe.js';

/**
 * `npx tsx bench/questionsProbe.ts`: the questions probe — in-scope questions for the causes the third fresh set showed
 * (regional kinship words and dialect question particles, the giver's own situation, long stories whose last clause
 * asks, city 惠民保 product names, how a bound relative pays), written before measuring and never trained on.
 */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await printRoutingProbe('questions probe', 'bench/questionsProbe.jsonl');
}
