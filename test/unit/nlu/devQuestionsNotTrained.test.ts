import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { heldOutQuestionsPath, loadDevQuestions } from '../../../bench/evaluateRouting.js';
import {
  fresh10QuestionsPath,
  fresh11QuestionsPath,
  fresh12QuestionsPath,
  fresh13QuestionsPath,
  fresh14QuestionsPath,
  fresh15QuestionsPath,
  fresh16QuestionsPath,
  fresh17QuestionsPath,
  fresh18QuestionsPath,
  fresh19QuestionsPath,
  fresh20QuestionsPath,
  fresh21QuestionsPath,
  fresh22QuestionsPath,
  fresh23QuestionsPath,
  fresh24QuestionsPath,
  fresh25QuestionsPath,
  fresh26QuestionsPath,
  fresh27QuestionsPath,
  fresh28QuestionsPath,
  fresh29QuestionsPath,
  fresh30QuestionsPath,
  fresh31QuestionsPath,
  fresh32QuestionsPath,
  fresh33QuestionsPath,
  fresh34QuestionsPath,
  fresh35QuestionsPath,
  fresh36QuestionsPath,
  fresh37QuestionsPath,
  fresh38QuestionsPath,
  fresh39QuestionsPath,
  fresh40QuestionsPath,
  fresh41QuestionsPath,
  fresh42QuestionsPath,
  fresh43QuestionsPath,
  fresh44QuestionsPath,
  fresh45QuestionsPath,
  fresh46QuestionsPath,
  fresh47QuestionsPath,
  fresh48QuestionsPath,
  fresh49QuestionsPath,
  fresh50QuestionsPath,
  fresh51QuestionsPath,
  fresh52QuestionsPath,
  fresh53QuestionsPath,
  fresh54QuestionsPath,
  fresh55QuestionsPath,
  fresh56QuestionsPath,
  fresh57QuestionsPath,
  fresh58QuestionsPath,
  fresh59QuestionsPath,
  fresh60QuestionsPath,
  fresh61QuestionsPath,
  fresh62QuestionsPath,
  fresh63QuestionsPath,
  fresh64QuestionsPath,
  fresh65QuestionsPath,
  fresh66QuestionsPath,
  fresh67QuestionsPath,
  fresh68QuestionsPath,
  fresh69QuestionsPath,
  fresh70QuestionsPath,
  fresh71QuestionsPath,
  fresh72QuestionsPath,
  fresh73QuestionsPath,
  fresh74QuestionsPath,
  fresh75QuestionsPath,
  fresh76QuestionsPath,
  fresh77QuestionsPath,
  fresh78QuestionsPath,
  fresh79QuestionsPath,
  fresh80QuestionsPath,
  fresh81QuestionsPath,
  fresh82QuestionsPath,
  fresh83QuestionsPath,
  fresh84QuestionsPath,
  fresh85QuestionsPath,
  fresh86QuestionsPath,
  fresh87QuestionsPath,
  fresh88QuestionsPath,
  fresh89QuestionsPath,
  fresh90QuestionsPath,
  fresh91QuestionsPath,
  fresh92QuestionsPath,
  fresh93QuestionsPath,
  fresh94QuestionsPath,
  fresh95QuestionsPath,
  fresh96QuestionsPath,
  fresh97QuestionsPath,
  fresh98QuestionsPath,
  fresh99QuestionsPath,
  fresh100QuestionsPath,
  fresh2QuestionsPath,
  fresh3QuestionsPath,
  fresh4QuestionsPath,
  fresh6QuestionsPath,
  fresh7QuestionsPath,
  fresh8QuestionsPath,
  fresh9QuestionsPath,
  freshQuestionsPath,
  HELD_OUT_CONVERSATION_SETS,
  loadFreshConversations,
} from '../../../bench/heldOutFresh.js';
import { alikePairs, labelledExamples } from '../../../src/content/checkExamples.js';
import { loadContent } from '../../../src/content/loadContent.js';
import { repoContentRules } from '../../../src/content/repoContentRules.js';

/** The dev questions check the understanding; an example that nearly repeats one would make the check meaningless. */
const NEAR_COPY = 0.8;

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A text an editor wrote for the assistant to learn from or be checked against, and where it is. */
type Written = { text: string; where: string };

async function repoContent() {
  const loaded = await loadContent(repoRoot, repoContentRules);
  if (!loaded.ok) throw new Error('content does not load');
  return loaded.content;
}

/** The training examples: flows/nlu examples and FAQ phrasings. */
function trainingExamples(content: Awaited<ReturnType<typeof repoContent>>): Written[] {
  return labelledExamples(content.nlu, [{ file: 'flows/faq', entries: content.faq }]).map((example) => ({
    text: example.text,
    where: `${example.file} ${example.path}`,
  }));
}

/**
 * Checked texts nearly repeated by a written text, as "checked ≈ written" built by `describe` from their indexes,
 * so that a failure can name places without quoting a held-out line.
 */
function nearCopies<Checked>(checked: readonly Checked[], written: readonly Written[], text: (item: Checked) => string, describe: (item: Checked, copy: Written) => string): string[] {
  const texts = [...checked.map(text), ...written.map((item) => item.text)];
  return alikePairs(texts, NEAR_COPY)
    .filter(([left, right]) => (left < checked.length) !== (right < checked.length))
    .map(([left, right]) => describe(checked[Math.min(left, right)]!, written[Math.max(left, right) - checked.length]!));
}

/**
 * A turn that is a sentence someone chose the words of. Only-a-number turns (ID and phone numbers, menu choices), the
 * `{code}` placeholder and replies shorter than 6 characters once digits are gone (是的, 对, 好的谢谢, 第二个) are left
 * out: they say what any person would say, so they legitimately recur in yes/no and form-reply examples, and on so
 * few characters one shared bigram makes a "near copy".
 */
function isSentence(turn: string): boolean {
  return turn.replace(/\{[a-z_]+\}/gi, '').replace(/[\d\s]/g, '').length >= 6;
}

describe('the dev and held-out questions are never training data', () => {
  it.each([
    ['dev questions (../shared/eval)', undefined],
    ['held-out questions (test/fixtures)', heldOutQuestionsPath],
    ['fresh held-out questions (test/fixtures)', freshQuestionsPath],
    ['second fresh held-out questions (test/fixtures)', fresh2QuestionsPath],
    ['third fresh held-out questions (test/fixtures)', fresh3QuestionsPath],
    ['fourth fresh held-out questions (test/fixtures)', fresh4QuestionsPath],
    ['sixth fresh held-out questions (test/fixtures)', fresh6QuestionsPath],
    ['seventh fresh held-out questions (test/fixtures)', fresh7QuestionsPath],
    ['eighth fresh held-out questions (test/fixtures)', fresh8QuestionsPath],
    ['ninth fresh held-out questions (test/fixtures)', fresh9QuestionsPath],
    ['tenth fresh held-out questions (test/fixtures)', fresh10QuestionsPath],
    ['eleventh fresh held-out questions (test/fixtures)', fresh11QuestionsPath],
    ['twelfth fresh held-out questions (test/fixtures)', fresh12QuestionsPath],
    ['thirteenth fresh held-out questions (test/fixtures)', fresh13QuestionsPath],
    ['fourteenth fresh held-out questions (test/fixtures)', fresh14QuestionsPath],
    ['fifteenth fresh held-out questions (test/fixtures)', fresh15QuestionsPath],
    ['sixteenth fresh held-out questions (test/fixtures)', fresh16QuestionsPath],
    ['seventeenth fresh held-out questions (test/fixtures)', fresh17QuestionsPath],
    ['eighteenth fresh held-out questions (test/fixtures)', fresh18QuestionsPath],
    ['nineteenth fresh held-out questions (test/fixtures)', fresh19QuestionsPath],
    ['twentieth fresh held-out questions (test/fixtures)', fresh20QuestionsPath],
    ['twenty-first fresh held-out questions (test/fixtures)', fresh21QuestionsPath],
    ['twenty-second fresh held-out questions (test/fixtures)', fresh22QuestionsPath],
    ['twenty-third fresh held-out questions (test/fixtures)', fresh23QuestionsPath],
    ['twenty-fourth fresh held-out questions (test/fixtures)', fresh24QuestionsPath],
    ['twenty-fifth fresh held-out questions (test/fixtures)', fresh25QuestionsPath],
    ['twenty-sixth fresh held-out questions (test/fixtures)', fresh26QuestionsPath],
    ['twenty-seventh fresh held-out questions (test/fixtures)', fresh27QuestionsPath],
    ['twenty-eighth fresh held-out questions (test/fixtures)', fresh28QuestionsPath],
    ['twenty-ninth fresh held-out questions (test/fixtures)', fresh29QuestionsPath],
    ['thirtieth fresh held-out questions (test/fixtures)', fresh30QuestionsPath],
    ['thirty-first fresh held-out questions (test/fixtures)', fresh31QuestionsPath],
    ['thirty-second fresh held-out questions (test/fixtures)', fresh32QuestionsPath],
    ['thirty-third fresh held-out questions (test/fixtures)', fresh33QuestionsPath],
    ['thirty-fourth fresh held-out questions (test/fixtures)', fresh34QuestionsPath],
    ['thirty-fifth fresh held-out questions (test/fixtures)', fresh35QuestionsPath],
    ['thirty-sixth fresh held-out questions (test/fixtures)', fresh36QuestionsPath],
    ['thirty-seventh fresh held-out questions (test/fixtures)', fresh37QuestionsPath],
    ['thirty-eighth fresh held-out questions (test/fixtures)', fresh38QuestionsPath],
    ['thirty-ninth fresh held-out questions (test/fixtures)', fresh39QuestionsPath],
    ['fortieth fresh held-out questions (test/fixtures)', fresh40QuestionsPath],
    ['forty-first fresh held-out questions (test/fixtures)', fresh41QuestionsPath],
    ['forty-second fresh held-out questions (test/fixtures)', fresh42QuestionsPath],
    ['forty-third fresh held-out questions (test/fixtures)', fresh43QuestionsPath],
    ['forty-fourth fresh held-out questions (test/fixtures)', fresh44QuestionsPath],
    ['forty-fifth fresh held-out questions (test/fixtures)', fresh45QuestionsPath],
    ['forty-sixth fresh held-out questions (test/fixtures)', fresh46QuestionsPath],
    ['forty-seventh fresh held-out questions (test/fixtures)', fresh47QuestionsPath],
    ['forty-eighth fresh held-out questions (test/fixtures)', fresh48QuestionsPath],
    ['forty-ninth fresh held-out questions (test/fixtures)', fresh49QuestionsPath],
    ['fiftieth fresh held-out questions (test/fixtures)', fresh50QuestionsPath],
    ['fifty-first fresh held-out questions (test/fixtures)', fresh51QuestionsPath],
    ['fifty-second fresh held-out questions (test/fixtures)', fresh52QuestionsPath],
    ['fifty-third fresh held-out questions (test/fixtures)', fresh53QuestionsPath],
    ['fifty-fourth fresh held-out questions (test/fixtures)', fresh54QuestionsPath],
    ['fifty-fifth fresh held-out questions (test/fixtures)', fresh55QuestionsPath],
    ['fifty-sixth fresh held-out questions (test/fixtures)', fresh56QuestionsPath],
    ['fifty-seventh fresh held-out questions (test/fixtures)', fresh57QuestionsPath],
    ['fifty-eighth fresh held-out questions (test/fixtures)', fresh58QuestionsPath],
    ['fifty-ninth fresh held-out questions (test/fixtures)', fresh59QuestionsPath],
    ['sixtieth fresh held-out questions (test/fixtures)', fresh60QuestionsPath],
    ['sixty-first fresh held-out questions (test/fixtures)', fresh61QuestionsPath],
    ['sixty-second fresh held-out questions (test/fixtures)', fresh62QuestionsPath],
    ['sixty-third fresh held-out questions (test/fixtures)', fresh63QuestionsPath],
    ['sixty-fourth fresh held-out questions (test/fixtures)', fresh64QuestionsPath],
    ['sixty-fifth fresh held-out questions (test/fixtures)', fresh65QuestionsPath],
    ['sixty-sixth fresh held-out questions (test/fixtures)', fresh66QuestionsPath],
    ['sixty-seventh fresh held-out questions (test/fixtures)', fresh67QuestionsPath],
    ['sixty-eighth fresh held-out questions (test/fixtures)', fresh68QuestionsPath],
    ['sixty-ninth fresh held-out questions (test/fixtures)', fresh69QuestionsPath],
    ['seventieth fresh held-out questions (test/fixtures)', fresh70QuestionsPath],
    ['seventy-first fresh held-out questions (test/fixtures)', fresh71QuestionsPath],
    ['seventy-second fresh held-out questions (test/fixtures)', fresh72QuestionsPath],
    ['seventy-third fresh held-out questions (test/fixtures)', fresh73QuestionsPath],
    ['seventy-fourth fresh held-out questions (test/fixtures)', fresh74QuestionsPath],
    ['seventy-fifth fresh held-out questions (test/fixtures)', fresh75QuestionsPath],
    ['seventy-sixth fresh held-out questions (test/fixtures)', fresh76QuestionsPath],
    ['seventy-seventh fresh held-out questions (test/fixtures)', fresh77QuestionsPath],
    ['seventy-eighth fresh held-out questions (test/fixtures)', fresh78QuestionsPath],
    ['seventy-ninth fresh held-out questions (test/fixtures)', fresh79QuestionsPath],
    ['eightieth fresh held-out questions (test/fixtures)', fresh80QuestionsPath],
    ['eighty-first fresh held-out questions (test/fixtures)', fresh81QuestionsPath],
    ['eighty-second fresh held-out questions (test/fixtures)', fresh82QuestionsPath],
    ['eighty-third fresh held-out questions (test/fixtures)', fresh83QuestionsPath],
    ['eighty-fourth fresh held-out questions (test/fixtures)', fresh84QuestionsPath],
    ['eighty-fifth fresh held-out questions (test/fixtures)', fresh85QuestionsPath],
    ['eighty-sixth fresh held-out questions (test/fixtures)', fresh86QuestionsPath],
    ['eighty-seventh fresh held-out questions (test/fixtures)', fresh87QuestionsPath],
    ['eighty-eighth fresh held-out questions (test/fixtures)', fresh88QuestionsPath],
    ['eighty-ninth fresh held-out questions (test/fixtures)', fresh89QuestionsPath],
    ['ninetieth fresh held-out questions (test/fixtures)', fresh90QuestionsPath],
    ['ninety-first fresh held-out questions (test/fixtures)', fresh91QuestionsPath],
    ['ninety-second fresh held-out questions (test/fixtures)', fresh92QuestionsPath],
    ['ninety-third fresh held-out questions (test/fixtures)', fresh93QuestionsPath],
    ['ninety-fourth fresh held-out questions (test/fixtures)', fresh94QuestionsPath],
    ['ninety-fifth fresh held-out questions (test/fixtures)', fresh95QuestionsPath],
    ['ninety-sixth fresh held-out questions (test/fixtures)', fresh96QuestionsPath],
    ['ninety-seventh fresh held-out questions (test/fixtures)', fresh97QuestionsPath],
    ['ninety-eighth fresh held-out questions (test/fixtures)', fresh98QuestionsPath],
    ['ninety-ninth fresh held-out questions (test/fixtures)', fresh99QuestionsPath],
    ['hundredth fresh held-out questions (test/fixtures)', fresh100QuestionsPath],
    ['card/money probe questions (bench)', fileURLToPath(new URL('../../../bench/cardWordsProbe.jsonl', import.meta.url))],
    ['vocabulary probe questions (bench)', fileURLToPath(new URL('../../../bench/vocabularyProbe.jsonl', import.meta.url))],
    ['role and place probe questions (bench)', fileURLToPath(new URL('../../../bench/roleProbe.jsonl', import.meta.url))],
    ['refusals probe questions (bench)', fileURLToPath(new URL('../../../bench/refusalsProbe.jsonl', import.meta.url))],
    ['dialog-act probe messages (bench)', fileURLToPath(new URL('../../../bench/intentProbe.jsonl', import.meta.url))],
    ['questions probe questions (bench)', fileURLToPath(new URL('../../../bench/questionsProbe.jsonl', import.meta.url))],
    ['sixth-set causes probe questions (bench)', fileURLToPath(new URL('../../../bench/fresh6CausesProbe.jsonl', import.meta.url))],
    ['seventh-set causes probe questions (bench)', fileURLToPath(new URL('../../../bench/fresh7CausesProbe.jsonl', import.meta.url))],
    ['eighth-set who-and-what probe questions (bench)', fileURLToPath(new URL('../../../bench/fresh8WhoProbe.jsonl', import.meta.url))],
    ['eighth-set doing-it probe questions (bench)', fileURLToPath(new URL('../../../bench/fresh8DoingProbe.jsonl', import.meta.url))],
    ['ninth-set causes probe questions (bench)', fileURLToPath(new URL('../../../bench/fresh9CausesProbe.jsonl', import.meta.url))],
    ['twelfth-session causes probe questions (bench)', fileURLToPath(new URL('../../../bench/causes12Probe.jsonl', import.meta.url))],
    ['thirteenth-session boundaries probe questions (bench)', fileURLToPath(new URL('../../../bench/boundaries13Probe.jsonl', import.meta.url))],
    ['thirteenth-session causes probe b questions (bench)', fileURLToPath(new URL('../../../bench/causes13bProbe.jsonl', import.meta.url))],
    ['question-shapes probe questions (bench)', fileURLToPath(new URL('../../../bench/shapesProbe.jsonl', import.meta.url))],
    ['thirteenth-session private-data probe questions (bench)', fileURLToPath(new URL('../../../bench/private13Probe.jsonl', import.meta.url))],
  ])('no example in flows/ (FAQ phrasings or flows/nlu) is one of the %s, verbatim or nearly (bigram Jaccard ≥ 0.8)', async (_name, path) => {
    const examples = trainingExamples(await repoContent());
    const dev = (await loadDevQuestions(path)).map((question) => question.q);
    expect(dev.length).toBeGreaterThan(0);
    expect(nearCopies(dev, examples, (question) => question, (question, copy) => `${question} ≈ ${copy.text}`)).toEqual([]);
  });
});

describe('the region names probe is never training data', () => {
  it('no example in flows/ is one of its sentences, verbatim or nearly (bigram Jaccard ≥ 0.8)', async () => {
    const examples = trainingExamples(await repoContent());
    const lines = (await readFile(new URL('../../../bench/regionNamesProbe.jsonl', import.meta.url), 'utf8')).split('\n').filter((line) => line.trim() !== '');
    const sentences = lines.map((line) => JSON.parse(line) as { q?: string }).flatMap((line) => (line.q === undefined ? [] : [line.q]));
    expect(sentences.length).toBeGreaterThan(50);
    expect(nearCopies(sentences, examples, (sentence) => sentence, (sentence, copy) => `${sentence} ≈ ${copy.text}`)).toEqual([]);
  });
});

describe('the held-out conversations are never training data', () => {
  it('every held-out conversation folder in test/fixtures is a listed set, so none escapes the check below', async () => {
    const folders = (await readdir(new URL('../../../test/fixtures/', import.meta.url), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && entry.name.startsWith('heldout-conversations'))
      .map((entry) => `test/fixtures/${entry.name}`)
      .sort();
    expect(folders.length).toBeGreaterThan(0);
    expect(HELD_OUT_CONVERSATION_SETS.map((set) => set.conversations).sort()).toEqual(folders);
  });

  it.each(HELD_OUT_CONVERSATION_SETS.map((set) => [set.conversations, set] as const))(
    'no sentence a person types in %s is a flows/ example, FAQ phrasing or flows/tests turn, verbatim or nearly (bigram Jaccard ≥ 0.8)',
    async (_folder, set) => {
      const content = await repoContent();
      const productTurns: Written[] = content.tests.flatMap(({ file, test }) =>
        test.turns.map((turn, index) => ({ text: turn.user, where: `${file} turn ${index + 1}` })),
      );
      const turns = (await loadFreshConversations(set)).flatMap(({ file, test }) =>
        test.turns.map((turn, index) => ({ text: turn.user, where: `${file} turn ${index + 1}` })).filter((turn) => isSentence(turn.text)),
      );
      expect(turns.length).toBeGreaterThan(0);
      // Places only: the held-out line is never printed, so a failure shows no one the measure's words.
      const copies = nearCopies(turns, [...trainingExamples(content), ...productTurns], (turn) => turn.text, (turn, copy) => `${turn.where} ≈ ${copy.where}`);
      expect(copies).toEqual([]);
    },
  );
});
