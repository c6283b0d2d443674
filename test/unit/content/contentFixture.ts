import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContentRules } from '../../../src/content/checkContent.js';

export const fixturesDir = fileURLToPath(new URL('../../fixtures/content', import.meta.url));

/** Rules for the fixtures: the validators flows may name, the messages code needs, the regions that exist. */
export const fixtureRules: ContentRules = {
  validatorNames: ['region', 'personName', 'idNumber', 'phone', 'relationship', 'yesNo'],
  requiredMessageIds: ['greeting.hello', 'greeting.bye'],
  regionExists: (code) => ['110000', '210200', '310000'].includes(code),
  answerTemplates: { premium: ['premium_payment'], materials: ['materials'] },
  regionDependentTopics: ['premium_payment'],
};

const created: string[] = [];

/** A fresh content root: the valid base fixture with the case's files laid over it. */
export async function fixtureRoot(caseName?: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'content-fixture-'));
  created.push(root);
  await cp(join(fixturesDir, 'valid'), root, { recursive: true });
  if (caseName !== undefined) await cp(join(fixturesDir, caseName), root, { recursive: true });
  return root;
}

export async function removeFixtureRoots(): Promise<void> {
  await Promise.all(created.splice(0).map((root) => rm(root, { recursive: true, force: true })));
}
