// The esbuild options of a staff console, shared by `npm run build` and by the server when no prebuilt console
// exists (tests and `tsx` runs compile it in memory, so a change is never hidden by an old build).

/** Browsers the staff consoles support: call-centre and office desktops, kept reasonably current. */
export const consoleTarget = ['chrome100', 'firefox100', 'safari15', 'edge100'];

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
  };
}
