import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { printRoutingProbe } from './routingProbe.js';

/**
 * `npx tsx bench/fresh8WhoProbe.ts`: the eighth-set who-and-what probe — in-scope questions for the FAQ-routing
 * causes the eighth fresh set showed in the who/what topics (a former spouse, a relative on student or resident
 * insurance as the one who receives, the giver's own use and relatives spending it all, amounts a day or a month, a
 * scheme tier, a card lost or being replaced, a couple on two schemes, short hospital/cap/payment-order/penalty
 * questions, 微信钱包 against the 医保钱包), written before measuring and never trained on.
 */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await printRoutingProbe('eighth-set who-and-what probe', 'bench/fresh8WhoProbe.jsonl');
}
