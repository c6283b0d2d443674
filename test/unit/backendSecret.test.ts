import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBackendSecret } from '../../src/config/backendSecret.js';
import { formatConfigProblems, parseConfig } from '../../src/config/config.js';

const directories: string[] = [];
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

describe('the secret the assistant and the back end share', () => {
  it('is generated once into DATA_DIR when BACKEND_SECRET is unset, readable by the owner only, and read by both', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'gongji-backend-secret-'));
    directories.push(dataDir);
    const [assistant, stub] = await Promise.all([loadBackendSecret(dataDir, undefined), loadBackendSecret(dataDir, undefined)]);
    expect(assistant).toBe(stub);
    expect(assistant.length).toBeGreaterThanOrEqual(32);
    expect((await stat(path.join(dataDir, 'backend-secret'))).mode & 0o777).toBe(0o600);
    expect(await loadBackendSecret(dataDir, 'configured-secret-configured-secret')).toBe('configured-secret-configured-secret');
  });

  it('is configured by BACKEND_SECRET (32 characters at least, never echoed) and the stub listens on BACKEND_HOST, loopback by default', () => {
    const defaults = parseConfig({});
    expect(defaults.ok && defaults.value).toMatchObject({ backendHost: '127.0.0.1', backendSecret: undefined });
    const set = parseConfig({ BACKEND_HOST: '0.0.0.0', BACKEND_SECRET: 's'.repeat(40) });
    expect(set.ok && set.value).toMatchObject({ backendHost: '0.0.0.0', backendSecret: 's'.repeat(40) });
    const short = parseConfig({ BACKEND_SECRET: 'short-secret' });
    expect(short.ok).toBe(false);
    const message = short.ok ? '' : formatConfigProblems(short.problems);
    expect(message).toContain('BACKEND_SECRET');
    expect(message).not.toContain('short-secret');
  });
});
