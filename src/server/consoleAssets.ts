import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';

/** Set by `npm run build` in the server bundle: `npm start` serves the widget and the consoles compiled ahead of time. */
declare const PREBUILT_WIDGET: boolean | undefined;

// Written from src/<folder>/ so that it resolves the same from this file and from the server bundle.
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

const scripts = new Map<string, Promise<string>>();

/**
 * A console's script. The bundle reads what `npm run build` wrote to dist/consoles; run from the sources (tests,
 * tsx) it is compiled in memory once, so a change to a console is never hidden by an old build.
 */
export function consoleScript(name: string): Promise<string> {
  let script = scripts.get(name);
  if (script === undefined) {
    script =
      typeof PREBUILT_WIDGET !== 'undefined' && PREBUILT_WIDGET
        ? readFile(`${repositoryRoot}dist/consoles/${name}.js`, 'utf8')
        : compileConsole(name);
    scripts.set(name, script);
  }
  return script;
}

async function compileConsole(name: string): Promise<string> {
  const [{ build }, { consoleBuildOptions }] = await Promise.all([import('esbuild'), import('../../scripts/consoleBuildOptions.mjs')]);
  const result = await build({ ...consoleBuildOptions(`${repositoryRoot}src/consoles/${name}/main.tsx`), write: false, logLevel: 'silent' });
  const output = result.outputFiles?.[0];
  if (!output) throw new Error(`esbuild produced no bundle for console ${name}`);
  return output.text;
}

/** The shared console styles followed by the console's own (plain CSS files, served as they are). */
function consoleStyles(name: string): Promise<string> {
  const read = (file: string) => readFile(`${repositoryRoot}src/consoles/${file}`, 'utf8').catch(() => '');
  return Promise.all([read('shared/console.css'), read(`${name}/${name}.css`)]).then((parts) => parts.join('\n'));
}

/** JSON inside a data block: `<` escaped so no text can close the element. */
function dataBlock(id: string, value: unknown): string {
  return `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;
}

export type ConsolePageOptions = {
  name: string;
  /** Where the console lives, e.g. /agent. */
  path: string;
  messages: () => Readonly<Record<string, string>>;
  /** Extra data blocks the console reads (id → value), computed per request from the live content. */
  data?: () => Record<string, unknown>;
};

/**
 * A console's page, script and styles. The page carries the `console.*` wording of the live content as JSON, so
 * published wording shows without rebuilding anything; the script itself is compiled ahead of time.
 */
export function createConsoleRoutes(options: ConsolePageOptions): Router {
  const { name } = options;
  const router = Router();
  const styles = consoleStyles(name);
  // Compiled early, so the first page view does not wait for it.
  void consoleScript(name).catch(() => undefined);
  router.get(options.path, (_request, response) => {
    const messages = options.messages();
    const words = Object.fromEntries(Object.entries(messages).filter(([id]) => id.startsWith('console.')));
    const title = messages[`console.${name}.title`] ?? name;
    const blocks = Object.entries({ 'console-words': words, ...(options.data?.() ?? {}) })
      .map(([id, value]) => dataBlock(id, value))
      .join('');
    response
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
          `<title>${title.replace(/</g, '&lt;')}</title><link rel="stylesheet" href="/consoles/${name}.css"></head>` +
          `<body><div id="console"></div>${blocks}<script type="module" src="/consoles/${name}.js"></script></body></html>`,
      );
  });
  router.get(`/consoles/${name}.js`, (_request, response, next) => {
    consoleScript(name).then((script) => {
      response.type('text/javascript; charset=utf-8').set('Cache-Control', 'no-cache').send(script);
    }, next);
  });
  router.get(`/consoles/${name}.css`, (_request, response, next) => {
    styles.then((css) => {
      response.type('text/css; charset=utf-8').set('Cache-Control', 'no-cache').send(css);
    }, next);
  });
  return router;
}
