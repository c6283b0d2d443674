import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { read } from '../src/nlu/read.js';
import { loadEngineContext } from '../src/server/loadEngineContext.js';
import { repoRoot } from './evaluateRouting.js';

/**
 * `tsx bench/regionNamesProbe.ts [--misses]`: each line of bench/regionNamesProbe.jsonl (places said by an app, an area
 * code, a nickname, a short form or a district, and sentences that name no region; written before any of those names
 * was added, never training data) read as the first message of a conversation. Prints how many readings name the
 * expected region (none where none is expected) and, where topics are given, also lead with one of them.
 */
export const regionNamesProbePath = fileURLToPath(new URL('./regionNamesProbe.jsonl', import.meta.url));

const LineSchema = z.union([
  z.object({ q: z.string().min(1), region: z.string().nullable(), accept: z.array(z.string()).optional() }),
  z.object({ about: z.string() }),
]);

const lines = (await readFile(regionNamesProbePath, 'utf8'))
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => LineSchema.parse(JSON.parse(line)))
  .filter((line) => 'q' in line);
const context = await loadEngineContext(repoRoot);
const count = { named: 0, namedRight: 0, none: 0, noneRight: 0, topics: 0, topicsRight: 0 };
const misses: string[] = [];
for (const line of lines) {
  const reading = read(line.q, context.reader, { pending: null });
  const got = reading.region?.code ?? null;
  const regionRight = got === line.region;
  if (line.region === null) {
    count.none += 1;
    if (regionRight) count.noneRight += 1;
  } else {
    count.named += 1;
    if (regionRight) count.namedRight += 1;
  }
  const topic = reading.topics[0]?.topic ?? '-';
  const topicRight = line.accept === undefined || line.accept.includes(topic);
  if (line.accept !== undefined) {
    count.topics += 1;
    if (topicRight) count.topicsRight += 1;
  }
  if (!regionRight || !topicRight) misses.push(`${line.q}  [region ${line.region ?? 'none'}${line.accept ? `, ${line.accept.join('/')}` : ''}]  → ${got ?? 'none'} ${reading.region?.name ?? ''} ${topic}`);
}
console.log(`region names probe: region named ${count.namedRight}/${count.named}, no region where none is said ${count.noneRight}/${count.none}, topic ${count.topicsRight}/${count.topics}`);
if (process.argv.includes('--misses')) for (const miss of misses) console.log(`  miss: ${miss}`);
