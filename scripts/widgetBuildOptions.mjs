// The widget's esbuild options, shared by `npm run build` and by the server when no prebuilt widget exists (a
// development checkout that never ran the build). Plain JavaScript: it runs without TypeScript tooling.

/** Old phones matter: many elderly users keep a device for years. */
export const widgetTarget = ['chrome80', 'firefox78', 'safari15', 'edge80'];

/**
 * One minified IIFE that reads its wording from `WIDGET_MESSAGES`, a name the server binds when it serves the
 * script (see src/widget/buildWidget.ts), so published wording reaches people without rebuilding the code.
 */
export function widgetBuildOptions(root) {
  return {
    entryPoints: [`${root}src/widget/main.ts`],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: widgetTarget,
    charset: 'utf8',
    legalComments: 'none',
  };
}
