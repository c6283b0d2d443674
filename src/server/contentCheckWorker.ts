import { parentPort } from 'node:worker_threads';
import { checkContent, type ContentFile } from '../content/checkContent.js';
import { repoContentRules } from '../content/repoContentRules.js';
import type { ContentCheckReply } from './contentChecks.js';

/**
 * The worker thread that checks a draft while an editor types or previews it (every file parsed, every rule across
 * files: a few hundred milliseconds), so the server's event loop keeps answering conversations meanwhile.
 */
parentPort?.on('message', (request: { id: number; files: ContentFile[] }) => {
  try {
    parentPort?.postMessage({ id: request.id, checked: checkContent(request.files, repoContentRules) } satisfies ContentCheckReply);
  } catch (error) {
    parentPort?.postMessage({ id: request.id, failed: error instanceof Error ? error.message : String(error) } satisfies ContentCheckReply);
  }
});
