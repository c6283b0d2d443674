// The esbuild options of a staff console, shared by `npm run build` and by the server when no prebuilt console
// exists (tests and `tsx` runs compile it in memory, so a change is never hidden by an old build).

/** Browsers the staff consoles support: call-centre and office desktops, kept reasonably current. */
export const consoleTarget = ['chrome100', 'firefox100', 'safari15', 'edge100'];

/**
 * codemirror-json-schema renders schema descriptions as Markdown with markdown-it and shiki (about 300 KB gzipped,
 * most of the console). Our schemas' descriptions are plain sentences: they are shown as escaped text instead.
 */
const plainSchemaDescriptions = {
  name: 'plain-schema-descriptions',
  setup(build) {
    build.onResolve({ filter: /\/utils\/markdown$/ }, (args) => (args.importer.includes('codemirror-json-schema') ? { path: 'plain-markdown', namespace: 'plain-schema-descriptions' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'plain-schema-descriptions' }, () => ({
      contents: "export function renderMarkdown(text) { const element = document.createElement('span'); element.textContent = text; return element.innerHTML; }",
      loader: 'js',
    }));
  },
};

export function consoleBuildOptions(entry) {
  return {
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: consoleTarget,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    charset: 'utf8',
    legalComments: 'none',
    plugins: [plainSchemaDescriptions],
  };
}
