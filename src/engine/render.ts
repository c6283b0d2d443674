import type { Content } from '../content/schema.js';

/** Fills {placeholders}; an unknown placeholder stays visible so a missing value is noticed, not hidden. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-zA-Z][\w.]*)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The wording of a message id from prompts/messages (the content checker guarantees every id the engine uses exists). */
export function say(content: Content, id: string, values: Readonly<Record<string, string>> = {}): string {
  const template = content.messages[id];
  if (template === undefined) throw new MissingMessageError(id);
  return fillTemplate(template, values);
}

export class MissingMessageError extends Error {
  constructor(readonly messageId: string) {
    super(`message id not in prompts/messages: ${messageId}`);
    this.name = 'MissingMessageError';
  }
}
