import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureRoot, removeFixtureRoots } from './contentFixture.js';

afterAll(removeFixtureRoots);

const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('npm run content:check', () => {
  it('prints every problem of a broken content folder and exits with 1', async () => {
    const root = await fixtureRoot('unknown-validator');
    const run = spawnSync('npx', ['tsx', 'src/content/checkCommand.ts', root], { cwd: repositoryRoot, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/内容检查未通过：共 \d+ 个问题/);
    expect(run.stderr).toContain('flows/binding.flow.yaml → slots[3].validator → 未知的校验器「chineseName」，可用：');
  });
});
