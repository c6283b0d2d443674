import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentJsonSchemas } from '../../../src/content/contentJsonSchemas.js';

const schemasDir = new URL('../../../schemas/', import.meta.url);

describe('schemas/*.schema.json', () => {
  it('are exactly what `npm run content:schema` generates from the zod schemas (run it after changing schema.ts)', async () => {
    const generated = contentJsonSchemas();
    expect((await readdir(fileURLToPath(schemasDir))).sort()).toEqual(generated.map((schema) => schema.fileName).sort());
    for (const { fileName, text } of generated) {
      expect(await readFile(new URL(fileName, schemasDir), 'utf8'), fileName).toBe(text);
    }
  });

  it('leave fields with defaults optional for editors', () => {
    const flow = JSON.parse(contentJsonSchemas().find((schema) => schema.fileName === 'flow.schema.json')?.text ?? '{}');
    const slot = flow.properties.slots.items;
    expect(slot.required).toEqual(['key', 'prompt', 'reprompt', 'validator']);
  });
});
