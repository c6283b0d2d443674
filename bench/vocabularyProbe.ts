import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { printRoutingProbe } from './routingProbe.js';

/**
 * `npx tsx bench/vocabularyProbe.ts`: the vocabulary probe — questions in words the examples rarely use (app and channel
 * names, the clinic, 卫生室 or pharmacy a relative pays at, 视频认证 and 活体 for face recognition, 亮码 and the
 * electronic credential, premium words, what people call 共济), written before measuring and never trained on.
 */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await printRoutingProbe('vocabulary probe', 'bench/vocabularyProbe.jsonl');
}
