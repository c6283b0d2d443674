import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { widgetMessageIds } from './widgetMessageIds.js';

/** The content lacks wording the widget shows: better to refuse to build than to show message ids to people. */
export class MissingWidgetMessagesError extends Error {
  constructor(readonly missing: string[]) {
    super(`prompts/messages/widget.yaml lacks: ${missing.join(', ')}`);
    this.name = 'MissingWidgetMessagesError';
  }
}

// Written from src/<folder>/ so that it resolves the same from this file and from the server bundle that `npm start`
// runs (src/server/main.bundle.mjs), where import.meta.url is the bundle's.
const entryPoint = fileURLToPath(new URL('../widget/main.ts', import.meta.url));

/**
 * Bundles the browser widget (src/widget/main.ts) into one minified IIFE, with the `widget.*` messages of the
 * loaded content compiled in, so the script needs no second request and no word of the UI lives in code.
 */
export async function buildWidget(messages: Record<string, string>): Promise<string> {
  const missing = widgetMessageIds.filter((id) => typeof messages[id] !== 'string');
  if (missing.length > 0) throw new MissingWidgetMessagesError(missing);
  const widgetMessages = Object.fromEntries(Object.entries(messages).filter(([id]) => id.startsWith('widget.')));
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    // Old phones matter: many elderly users keep a device for years.
    target: ['chrome80', 'firefox78', 'safari15', 'edge80'],
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    define: { WIDGET_MESSAGES: JSON.stringify(widgetMessages) },
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no widget bundle');
  return output.text;
}
