import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The server's worker threads: each a file under src/server, and an entry of the server bundle. */
export type WorkerName = 'nluTrainingWorker' | 'answerDiffWorker' | 'contentCheckWorker';

/**
 * Starts one of the server's worker threads. From the bundle (`npm start`) the worker is the bundled
 * `main.bundle.<name>.mjs` beside it; from the sources (tsx, the tests) the TypeScript file, loaded through tsx.
 */
export function startWorker(name: WorkerName, options: WorkerOptions = {}): Worker {
  const bundled = new URL(`./main.bundle.${name}.mjs`, import.meta.url);
  const fromBundle = import.meta.url.endsWith('.mjs') && existsSync(fileURLToPath(bundled));
  return fromBundle ? new Worker(bundled, options) : new Worker(throughTsx(new URL(`./${name}.ts`, import.meta.url)), { ...options, eval: true });
}

/** A worker that loads a TypeScript module: tsx registered inside the worker first (a worker takes no --import). */
function throughTsx(module: URL): string {
  // The package's ESM entry of './esm/api' (its CommonJS one cannot register hooks from a worker).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(module.href)}); });`;
}
