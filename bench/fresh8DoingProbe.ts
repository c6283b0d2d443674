import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { printRoutingProbe } from './routingProbe.js';

/**
 * `npx tsx bench/fresh8DoingProbe.ts`: the eighth-set doing-it probe — in-scope questions for the FAQ-routing causes
 * the eighth fresh set showed in how to bind, review, materials, face recognition and unbinding (a menu named in a
 * provincial app, an elderly person asking for another way, a binding that does not pay yet, a quoted failure message,
 * a numbered list of steps, a form left half-filled, an expired ID, the signing step, a wrong date, short questions
 * about forms, proxies and adoption papers, swapping the bound person), written before measuring and never trained on.
 */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await printRoutingProbe('eighth-set doing-it probe', 'bench/fresh8DoingProbe.jsonl');
}
