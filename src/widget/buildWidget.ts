import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { widgetMessageIds } from './widgetMessageIds.js';

/** The content lacks wording the widget shows: better to refuse to serve than to show message ids to people. */
export class MissingWidgetMessagesError extends Error {
  constructor(readonly missing: string[]) {
    super(`prompts/messages/widget.yaml lacks: ${missing.join(', ')}`);
    this.name = 'MissingWidgetMessagesError';
  }
}

/** Set by `npm run build` in the server bundle: `npm start` serves the widget compiled ahead of time. */
declare const PREBUILT_WIDGET: boolean | undefined;

// Written from src/<folder>/ so that it resolves the same from this file and from the server bundle that `npm start`
// runs (src/server/main.bundle.mjs), where import.meta.url is the bundle's.
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const prebuiltPath = fileURLToPath(new URL('../../dist/widget.code.js', import.meta.url));

let code: Promise<string> | undefined;

/**
 * The widget's code without its wording. The bundle reads what `npm run build` wrote; run from source (tests,
 * `tsx`), it is compiled from the sources in memory, so a change to the widget is never hidden by an old build.
 */
function widgetCode(): Promise<string> {
  code ??= typeof PREBUILT_WIDGET !== 'undefined' && PREBUILT_WIDGET ? readFile(prebuiltPath, 'utf8') : compileWidget();
  return code;
}

async function compileWidget(): Promise<string> {
  const [{ build }, { widgetBuildOptions }] = await Promise.all([import('esbuild'), import('../../scripts/widgetBuildOptions.mjs')]);
  const result = await build({ ...widgetBuildOptions(repositoryRoot), write: false, logLevel: 'silent' });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no widget bundle');
  return output.text;
}

/**
 * The browser widget as served: its compiled code with the `widget.*` messages of the given content bound to
 * `WIDGET_MESSAGES`, so the script needs no second request, no word of the UI lives in code, and published wording
 * is served without rebuilding anything.
 */
export async function buildWidget(messages: Record<string, string>): Promise<string> {
  const missing = widgetMessageIds.filter((id) => typeof messages[id] !== 'string');
  if (missing.length > 0) throw new MissingWidgetMessagesError(missing);
  const widgetMessages = Object.fromEntries(Object.entries(messages).filter(([id]) => id.startsWith('widget.')));
  return `(function(WIDGET_MESSAGES){${await widgetCode()}})(${JSON.stringify(widgetMessages)});\n`;
}
