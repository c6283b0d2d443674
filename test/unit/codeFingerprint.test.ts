import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningBundleFingerprint } from '../../src/server/codeFingerprint.js';

/** What a kept verdict on content is tied to: the bundle that checked it and the packages it ran with. */
let root: string;
let server: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'gongji-fingerprint-'));
  server = path.join(root, 'src/server');
  await mkdir(server, { recursive: true });
  await mkdir(path.join(root, 'node_modules'));
  await writeFile(path.join(server, 'main.bundle.mjs'), 'export {};\n');
  await writeFile(path.join(server, 'main.bundle.chunk-AAAA.mjs'), 'export const rule = 1;\n');
  await writeFile(path.join(server, 'main.ts'), 'export {};\n');
  await writeFile(path.join(root, 'node_modules/.package-lock.json'), '{"packages":{"node_modules/yaml":{"version":"2.9.1"}}}\n');
});
afterAll(() => rm(root, { recursive: true, force: true }));

const bundleUrl = () => pathToFileURL(path.join(server, 'main.bundle.chunk-AAAA.mjs')).href;

describe('the fingerprint of the running code', () => {
  it('is none when running from source, where nothing is kept', () => {
    expect(runningBundleFingerprint(pathToFileURL(path.join(server, 'main.ts')).href)).toBeUndefined();
  });

  it('changes with any byte of the bundle, with a new chunk, and with the installed packages', async () => {
    const first = runningBundleFingerprint(bundleUrl());
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(runningBundleFingerprint(bundleUrl())).toBe(first);
    await writeFile(path.join(server, 'main.bundle.chunk-AAAA.mjs'), 'export const rule = 2;\n');
    const edited = runningBundleFingerprint(bundleUrl());
    expect(edited).not.toBe(first);
    await writeFile(path.join(server, 'main.bundle.chunk-BBBB.mjs'), 'export {};\n');
    const chunked = runningBundleFingerprint(bundleUrl());
    expect(chunked).not.toBe(edited);
    await writeFile(path.join(root, 'node_modules/.package-lock.json'), '{"packages":{"node_modules/yaml":{"version":"2.9.2"}}}\n');
    expect(runningBundleFingerprint(bundleUrl())).not.toBe(chunked);
  });
});
