import { fillTemplate, MissingMessageError } from '../../engine/render.js';
import { editorMessageIds } from './editorMessageIds.js';

export type EditorMessages = (id: string, values?: Readonly<Record<string, string>>) => string;

/** The editor's wording from the live content (the checker guarantees every id exists). */
export function createEditorMessages(messages: () => Readonly<Record<string, string>>): EditorMessages {
  const missing = editorMessageIds.find((id) => messages()[id] === undefined);
  if (missing !== undefined) throw new MissingMessageError(missing);
  return (id, values = {}) => fillTemplate(messages()[id] ?? id, values);
}

/** The console's own wording, handed to the page with it (never fetched separately). */
export function editorWording(messages: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(editorMessageIds.map((id) => [id, messages[id] ?? id]));
}
