import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { editorWording } from './editorMessages.js';

/** Set by `npm run build` in the server bundle: `npm start` serves the consoles compiled ahead of time. */
declare const PREBUILT_WIDGET: boolean | undefined;

// Read by the server bundle (src/server/main.bundle.mjs): relative to src/server/, as this file's URL is the bundle's.
const prebuiltPath = fileURLToPath(new URL('../../dist/consoles/editor.js', import.meta.url));
// Compiled only when run from source, where this file's URL is its own (src/channels/editor/).
const entryPath = fileURLToPath(new URL('../../consoles/editor/main.tsx', import.meta.url));

let code: Promise<string> | undefined;

function consoleCode(): Promise<string> {
  code ??= typeof PREBUILT_WIDGET !== 'undefined' && PREBUILT_WIDGET ? readFile(prebuiltPath, 'utf8') : compileConsole();
  return code;
}

async function compileConsole(): Promise<string> {
  const [{ build }, { consoleBuildOptions }] = await Promise.all([import('esbuild'), import('../../../scripts/consoleBuildOptions.mjs')]);
  const result = await build({ ...consoleBuildOptions(entryPath), write: false, logLevel: 'silent' });
  const output = result.outputFiles?.[0];
  if (!output) throw new Error('esbuild produced no editor console bundle');
  return output.text;
}

/**
 * The site's policy, except for styles: CodeMirror writes its style sheet into a <style> element carrying this
 * response's nonce (EditorView.cspNonce), and positions gutters, tooltips and cursors with style attributes.
 * Neither can run script; scripts stay limited to our own files.
 */
const consolePolicy = (nonce: string) => [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  `style-src 'self' 'nonce-${nonce}'`,
  "style-src-attr 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** JSON inside a <script type="application/json"> element: `<` escaped, so no text can close the element. */
function embeddedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * GET /editor: the console page with its wording from the live content embedded as data (published wording shows
 * on the next page load), and GET /editor/editor.js: the Preact console built ahead of time by `npm run build`.
 */
export function createEditorConsole(options: { messages: () => Readonly<Record<string, string>> }): Router {
  const router = Router();
  router.get('/', (_request, response) => {
    const wording = editorWording(options.messages());
    const nonce = randomBytes(16).toString('base64');
    response
      .type('html')
      .set('Cache-Control', 'no-store')
      .set('Content-Security-Policy', consolePolicy(nonce))
      .send(
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
          `<meta name="csp-nonce" content="${nonce}"><title>${wording['editor.ui.title'] ?? ''}</title></head><body><div id="editor-root"></div>` +
          `<script type="application/json" id="editor-wording">${embeddedJson(wording)}</script>` +
          `<script type="module" src="/editor/editor.js"></script></body></html>`,
      );
  });
  router.get('/editor.js', (_request, response, next) => {
    consoleCode().then(
      (text) => response.type('text/javascript; charset=utf-8').set('Cache-Control', 'no-cache').send(text),
      next,
    );
  });
  return router;
}
