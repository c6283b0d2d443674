import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { printRoutingProbe } from './routingProbe.js';

/**
 * `npx tsx bench/fresh7CausesProbe.ts`: the seventh-set causes probe — in-scope questions for the FAQ-routing causes
 * the seventh fresh set showed (the giver's contributions not yet arriving, a relative bound by mistake, dental work
 * paid from the shared money, going to the office in person, a relative on any basic scheme, rumours that the family
 * can now use the account, phone numbers on the form, a province widening the relatives), written before measuring and
 * never trained on.
 */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await printRoutingProbe('seventh-set causes probe', 'bench/fresh7CausesProbe.jsonl');
}
