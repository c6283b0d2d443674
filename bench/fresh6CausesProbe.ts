import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { printRoutingProbe } from './routingProbe.js';

/**
 * `npx tsx bench/fresh6CausesProbe.ts`: the sixth-set causes probe — in-scope questions for the causes the sixth fresh
 * set showed (the giver's own account, a relative's premium told as a story, rumoured time rules, check-ups, callers
 * asking for codes, back-end messages, materials at the window, own bindings in traditional characters, full accounts,
 * a region code first), written before measuring and never trained on.
 */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await printRoutingProbe('sixth-set causes probe', 'bench/fresh6CausesProbe.jsonl');
}
