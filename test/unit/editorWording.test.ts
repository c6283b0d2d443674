import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { editorMessageIds } from '../../src/channels/editor/editorMessageIds.js';

const folders = ['../../src/consoles/editor/', '../../src/channels/editor/'].map((folder) => fileURLToPath(new URL(folder, import.meta.url)));

describe('editor console wording', () => {
  it('every editor.* id the console and its API name is listed, so the checker makes content carry it', async () => {
    const named = new Set<string>();
    for (const folder of folders) {
      for (const file of await readdir(folder)) {
        const text = await readFile(`${folder}${file}`, 'utf8');
        for (const match of text.matchAll(/'(editor\.[a-zA-Z_.]+[a-zA-Z_])'/g)) named.add(match[1]!);
      }
    }
    expect(named.size).toBeGreaterThan(40);
    expect([...named].filter((id) => !editorMessageIds.includes(id))).toEqual([]);
  });
});

describe('editor wording built from parts', () => {
  it('has a word for every version status, origin and console role', async () => {
    const { ContentVersionSchema } = await import('../../src/ports/contentStore.js');
    const statuses = ContentVersionSchema.shape.status.options.map((status) => `editor.status.${status}`);
    const origins = ContentVersionSchema.shape.origin.options.map((origin) => `editor.origin.${origin}`);
    expect([...statuses, ...origins, 'editor.role.editor', 'editor.role.approver'].filter((id) => !editorMessageIds.includes(id))).toEqual([]);
  });
});

describe('answer diff wording built from parts', () => {
  it('has a word for every route an answer takes and every kind of change', async () => {
    const [{ UnderstandingSchema }, { changeKinds }] = await Promise.all([import('../../src/engine/state.js'), import('../../src/engine/answerDiff.js')]);
    const routes = UnderstandingSchema.shape.route.options.map((route) => `editor.ui.answerDiff.route.${route}`);
    const kinds = changeKinds.map((kind) => `editor.ui.answerDiff.what.${kind}`);
    expect([...routes, ...kinds].filter((id) => !editorMessageIds.includes(id))).toEqual([]);
  });
});
