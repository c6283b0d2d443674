import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/content/loadContent.js';
import { repoContentRules } from '../../../src/content/repoContentRules.js';

const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe("the repository's own content", () => {
  it('passes every check with the real rules', async () => {
    const result = await loadContent(repositoryRoot, repoContentRules);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});
