import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { MessagesFileSchema } from '../content/schema.js';

/**
 * The widget's wording straight from prompts/messages/widget.yaml, for the size bench and tests that build the
 * bundle without loading all content. The server passes the messages of the full content load instead.
 */
export async function readWidgetMessages(rootDir: string): Promise<Record<string, string>> {
  const file = join(rootDir, 'prompts', 'messages', 'widget.yaml');
  return MessagesFileSchema.parse(parse(await readFile(file, 'utf8'))).messages;
}
