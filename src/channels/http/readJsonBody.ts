import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiProblem } from './apiProblem.js';

/** Small on purpose: a chat message is at most 500 characters, so anything near this is not a real request. */
export const maxBodyBytes = 8 * 1024;

const problems = {
  unsupportedMediaType: { status: 415, code: 'unsupported_media_type', messageId: 'web.error.unsupported_media_type' },
  tooLarge: { status: 413, code: 'body_too_large', messageId: 'web.error.body_too_large', values: { limit: `${maxBodyBytes / 1024} KB` } },
  malformed: { status: 400, code: 'malformed_json', messageId: 'web.error.malformed_json' },
} as const satisfies Record<string, ApiProblem>;

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json' || (mediaType?.startsWith('application/') === true && mediaType.endsWith('+json'));
}

/**
 * Reads a JSON request body of at most 8 KB. An oversized body is refused as soon as it is known to be too big,
 * and the connection is closed after the answer rather than reading on.
 */
export function readJsonBody(request: IncomingMessage, response: ServerResponse): Promise<{ ok: true; value: unknown } | { ok: false; problem: ApiProblem }> {
  if (!isJson(request.headers['content-type'])) return Promise.resolve({ ok: false, problem: problems.unsupportedMediaType });
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return Promise.resolve({ ok: false, problem: problems.unsupportedMediaType });
  const tooLarge = (): { ok: false; problem: ApiProblem } => {
    response.setHeader('Connection', 'close');
    request.resume();
    return { ok: false, problem: problems.tooLarge };
  };
  if (Number(request.headers['content-length'] ?? 0) > maxBodyBytes) return Promise.resolve(tooLarge());

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBodyBytes) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData);
      request.off('end', onEnd);
      resolve(tooLarge());
    };
    const onEnd = (): void => {
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks, size).toString('utf8')) as unknown });
      } catch {
        resolve({ ok: false, problem: problems.malformed });
      }
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.once('error', reject);
  });
}
