import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../src/engine/engineContext.js';
import { loadEngineContext } from '../../src/server/loadEngineContext.js';
import { runConversationTest, type ConversationTestResult } from '../../src/server/runConversationTests.js';

/**
 * The conversation tests of the content (flows/tests/*.yaml, checked by the content schema) run through the real
 * engine, runner, outbox and back-end rules with the real flows/ — the same runner the editor console uses on drafts.
 */
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(repositoryRoot);
});

function report(result: ConversationTestResult): string {
  return result.failures.map((failure) => `${result.file} 第 ${failure.turn} 轮「${failure.user}」: ${failure.message}\n--- said:\n${failure.said}`).join('\n\n');
}

describe('conversation tests (flows/tests/)', () => {
  it('every dialogue lives in flows/tests/, none is left here where nothing would run it', () => {
    expect(readdirSync(fileURLToPath(new URL('./', import.meta.url))).filter((file) => /\.ya?ml$/.test(file))).toEqual([]);
  });

  it('there are tests to run', () => expect(context.content.tests.length).toBeGreaterThan(10));

  const files = readdirSync(`${repositoryRoot}flows/tests`).filter((file) => file.endsWith('.yaml'));
  for (const name of files) {
    it(name, async () => {
      const entry = context.content.tests.find((candidate) => candidate.file === `flows/tests/${name}`);
      expect(entry, `flows/tests/${name} was not loaded`).toBeDefined();
      const result = await runConversationTest(context, entry!.file, entry!.test);
      expect(result.failures, report(result)).toEqual([]);
    });
  }
});
