import { MissingMessageError, fillTemplate } from '../../engine/render.js';
import { webMessageIds, type WebMessageId } from './webMessageIds.js';

/** The web layer's wording, looked up by id and filled; every id is checked once, when the server is built. */
export type WebMessages = (id: WebMessageId, values?: Readonly<Record<string, string>>) => string;

export function createWebMessages(messages: Readonly<Record<string, string>>): WebMessages {
  const missing = webMessageIds.find((id) => messages[id] === undefined);
  if (missing !== undefined) throw new MissingMessageError(missing);
  return (id, values = {}) => fillTemplate(messages[id] ?? '', values);
}
