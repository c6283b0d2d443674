import { z } from 'zod';
import { contentKinds, type ContentKind } from './contentKinds.js';

/**
 * The JSON Schema text of every content kind, as editors' tools read it: input shape, so fields with defaults are
 * optional. Generated from the zod schemas, so completion never disagrees with the checker.
 */
export function contentJsonSchemas(): { fileName: string; text: string }[] {
  return (Object.keys(contentKinds) as ContentKind[]).map((kind) => {
    const { schema, jsonSchemaFile } = contentKinds[kind];
    return { fileName: jsonSchemaFile, text: `${JSON.stringify(z.toJSONSchema(schema, { io: 'input' }), null, 2)}\n` };
  });
}
