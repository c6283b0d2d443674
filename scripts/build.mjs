// `npm run build`: everything `npm start` serves that is compiled ahead of time. Plain JavaScript on esbuild's API so
// that it runs after `npm ci --omit=dev` (no tsx, no TypeScript): esbuild is a runtime dependency.
//
//   src/server/main.bundle.mjs   the server (npm start runs it; its botkit and openai parts are lazily loaded chunks)
//   src/server/main.bundle.nluTrainingWorker.mjs   the worker thread that trains the understanding after a publish
//   src/server/main.bundle.answerDiffWorker.mjs    the worker thread of the editors' answer diff
//   src/server/main.bundle.contentCheckWorker.mjs  the worker thread that checks a draft while an editor types
//   node_modules/.cache/gongji-nlu   the understanding's model of the repository's content (trained once per change)
//   dist/widget.code.js          the browser widget without its wording (the server wraps it with the live wording)
//   dist/consoles/<name>.js      each console: every src/consoles/<name>/main.tsx (or main.ts)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { consoleBuildOptions } from './consoleBuildOptions.mjs';
import { widgetBuildOptions } from './widgetBuildOptions.mjs';

const serverExternals = ['@node-rs/jieba', 'botkit', 'botbuilder-adapter-web', 'esbuild', 'pg', 'openai'];
const root = fileURLToPath(new URL('../', import.meta.url));
const started = performance.now();

function consoleEntries() {
  const folder = `${root}src/consoles`;
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => ['main.tsx', 'main.ts'].map((file) => ({ name: entry.name, file: `${folder}/${entry.name}/${file}` })).filter(({ file }) => existsSync(file)).slice(0, 1));
}

// Chunk names carry hashes: remove the previous build's so that old chunks never pile up beside the bundle.
const oldBundles = readdirSync(`${root}src/server`).filter((file) => file.startsWith('main.bundle') && file.endsWith('.mjs'));
await Promise.all([rm(`${root}dist`, { recursive: true, force: true }), ...oldBundles.map((file) => rm(`${root}src/server/${file}`))]);
const consoles = consoleEntries();
await Promise.all([
  build({
    entryPoints: {
      'main.bundle': `${root}src/server/main.ts`,
      'main.bundle.nluTrainingWorker': `${root}src/server/nluTrainingWorker.ts`,
      'main.bundle.answerDiffWorker': `${root}src/server/answerDiffWorker.ts`,
      'main.bundle.contentCheckWorker': `${root}src/server/contentCheckWorker.ts`,
      'main.bundle.trainContentModel': `${root}src/server/trainContentModel.ts`,
    },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    // Dependencies are bundled: one file read and compiled instead of hundreds resolved and loaded one by one is most of
    // a cold start. What cannot be bundled stays external: native addons, packages loaded lazily and only by some
    // deployments (botkit's channel, PostgreSQL, the language model), and esbuild itself.
    external: serverExternals,
    // CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    outdir: `${root}src/server`,
    entryNames: '[name]',
    chunkNames: 'main.bundle.[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    define: { PREBUILT_WIDGET: 'true' },
    logLevel: 'warning',
  }),
  build({ ...widgetBuildOptions(root), outfile: `${root}dist/widget.code.js`, logLevel: 'warning' }),
  ...consoles.map(({ name, file }) =>
    build({
      ...consoleBuildOptions(file),
      outfile: `${root}dist/consoles/${name}.js`,
      logLevel: 'warning',
    }),
  ),
]);
// The first start of a fresh install reads the model instead of training it.
const trained = spawnSync(process.execPath, [`${root}src/server/main.bundle.trainContentModel.mjs`, root], { stdio: 'inherit' });
if (trained.status !== 0) process.exitCode = trained.status ?? 1;
process.stdout.write(`built server, widget${consoles.map(({ name }) => `, console ${name}`).join('')} in ${Math.round(performance.now() - started)} ms\n`);
