import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { RegionFileSchema } from '../../src/content/regionPolicySchema.js';
import { MessagesFileSchema, type Content } from '../../src/content/schema.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The repo's region policies and the message files the back end words its answers from, each checked with its own
 * schema. Loaded directly rather than through loadContent, so these tests do not depend on unrelated content (FAQ,
 * flows) being complete.
 */
export async function loadBackendContent(): Promise<Pick<Content, 'regions' | 'messages'>> {
  const regionDir = path.join(root, 'flows/regions');
  const regionFiles = (await readdir(regionDir)).filter((name) => name.endsWith('.yaml'));
  const regions = await Promise.all(regionFiles.map(async (name) => RegionFileSchema.parse(parse(await readFile(path.join(regionDir, name), 'utf8')))));
  const messageFiles = ['backend.yaml', 'validation.yaml'];
  const messages = Object.assign(
    {},
    ...(await Promise.all(messageFiles.map(async (name) => MessagesFileSchema.parse(parse(await readFile(path.join(root, 'prompts/messages', name), 'utf8'))).messages))),
  ) as Record<string, string>;
  return { regions, messages };
}
