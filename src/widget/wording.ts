import type { WidgetMessageId } from './widgetMessageIds.js';

/** Replaced at bundle time by buildWidget (esbuild `define`) with the `widget.*` messages of the loaded content. */
declare const WIDGET_MESSAGES: Record<string, string>;

/** The widget's wording for a message id, with {placeholders} filled in. */
export function wording(id: WidgetMessageId, values: Record<string, string | number> = {}): string {
  const template = WIDGET_MESSAGES[id] ?? id;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
