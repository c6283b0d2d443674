import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/config.js';

const key = Buffer.alloc(32, 9).toString('base64');
const secret = 'a-session-secret-of-at-least-32-characters';
const backendSecret = 'a-back-end-secret-of-at-least-32-characters';

describe('secrets with a shared database', () => {
  it('refuses to start on DATABASE_URL without the secrets every instance must share, naming each', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://app:hunter2@db.example:5432/gongji' });
    expect(config.ok).toBe(false);
    if (config.ok) return;
    expect(config.problems.map((problem) => problem.variable).sort()).toEqual(['BACKEND_SECRET', 'DATA_KEY', 'SESSION_SECRET']);
    expect(JSON.stringify(config.problems)).not.toContain('hunter2');
  });

  it('starts with them given', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://app@127.0.0.1/gongji', SESSION_SECRET: secret, BACKEND_SECRET: backendSecret, DATA_KEY: key });
    expect(config.ok && config.value).toMatchObject({ databaseUrl: 'postgres://app@127.0.0.1/gongji', dataKey: key });
  });

  it('needs no secrets without a database: the embedded default generates its own', () => {
    expect(parseConfig({}).ok).toBe(true);
  });

  it('refuses a DATA_KEY that is not 32 bytes of base64, without echoing it', () => {
    const config = parseConfig({ DATA_KEY: 'c2hvcnQta2V5' });
    expect(config.ok).toBe(false);
    if (config.ok) return;
    expect(config.problems[0]?.variable).toBe('DATA_KEY');
    expect(config.problems[0]?.message).not.toContain('c2hvcnQta2V5');
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL address', () => {
    const config = parseConfig({ DATABASE_URL: 'mysql://x@y/z', SESSION_SECRET: secret, BACKEND_SECRET: backendSecret, DATA_KEY: key });
    expect(config.ok || config.problems[0]?.variable).toBe('DATABASE_URL');
  });
});
