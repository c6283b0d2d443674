import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KinshipFileSchema, PeopleFileSchema } from '../../../src/content/nluSchema.js';
import { kinshipOf } from '../../../src/nlu/kinshipOf.js';
import { filingForCues } from '../../../src/nlu/filingForCues.js';
import { peopleCues } from '../../../src/nlu/peopleCues.js';
import { soundsLikeOf } from '../../../src/nlu/pinyinFeatures.js';
import { noLatinWords, noPeopleFile, noRoles } from '../../../src/content/nluSchema.js';
import { latinReaderOf, noPinyinWords } from '../../../src/nlu/latinText.js';
import { regionReader } from '../../../src/domain/regions.js';
import { rolesOf } from '../../../src/nlu/roleFeatures.js';
import { subjectsOf } from '../../../src/nlu/subjectFeatures.js';
import { maskedText, negatedCharacters, negationOf, synonymHeads, textFeatures, type Vocabulary } from '../../../src/nlu/textFeatures.js';

/** How names and pronouns stand, as the content holds them; the cue words below are the test's own. */
const repoPeople = PeopleFileSchema.parse(parse(readFileSync(fileURLToPath(new URL('../../../flows/nlu/people.yaml', import.meta.url)), 'utf8')));
const repoKinship = KinshipFileSchema.parse(parse(readFileSync(fileURLToPath(new URL('../../../flows/nlu/kinship.yaml', import.meta.url)), 'utf8')));
const negation = negationOf({ negators: ['不', '没', '别'], modals: ['能', '法'], results: ['了', '上'], phrases: ['没问题', '没有问题', '不知道', '别人'] });
const subjects = subjectsOf({ self: ['我'], relative: ['她'], stranger: [], linkers: ['的'], phrases: [] });
const synonyms = synonymHeads([['同意', '答应']]);
const vocabulary: Vocabulary = {
  latin: latinReaderOf(noLatinWords, noPinyinWords),
  synonyms,
  negation,
  filingFor: filingForCues({ before: ['替我'], done: ['办'], where: [], askedBy: [], bindWords: ['绑'], alsoWords: [], typing: [], forPronoun: [], applies: [], appliesBefore: [] }),
  people: peopleCues({ ...noPeopleFile, names: { ...repoPeople.names, strongCues: ['我叫'], weakCues: [], mistakes: [], corrected: [] }, lending: { verbs: ['用'], numbers: ['手机'], account: [], accountPointers: [], owners: ['的'], ownedAfter: [] }, mistakenFor: { verbs: ['填成'] }, missingDetail: { lacks: ['没有'], details: ['手机'], young: [] }, pronouns: repoPeople.pronouns }, kinshipOf(repoKinship)),
  subjects,
  soundsLike: soundsLikeOf(synonyms.keys(), synonyms),
  questionWords: { words: [], endings: [] },
  roles: rolesOf(noRoles),
  regions: regionReader(),
  placeFraming: [],
  placeSides: [],
};
/** The characters of a text a negator negates, as a string. */
const negatedOf = (text: string) => [...text].filter((_, index) => negatedCharacters(text, negation)[index]).join('');

describe('maskedText', () => {
  const hunan = { kind: 'region', code: '430000', name: '湖南', via: 'name', start: 0, end: 2 } as const;

  it('masks the word that only points at a place with the place, so "这边" decides no topic', () => {
    expect(maskedText('湖南这边能绑孙子吗', [hunan], ['这边', '那边'])).toBe('Ⓡ能绑孙子吗');
    expect(maskedText('湖南能绑孙子吗', [hunan], ['这边'])).toBe('Ⓡ能绑孙子吗');
  });

  it('keeps the pointing word where no place stands before it', () => {
    expect(maskedText('我这边能绑孙子吗', [], ['这边'])).toBe('我这边能绑孙子吗');
  });
});

describe('negatedCharacters', () => {
  it('negates the two characters after a negator, and one more after a negated modal', () => {
    expect(negatedOf('不同意')).toBe('同意');
    expect(negatedOf('我没同意过')).toBe('同意');
    expect(negatedOf('没法确认')).toBe('法确认');
    expect(negatedOf('不能同意')).toBe('能同意');
  });

  it('negates the two characters before 不 and a result: "确认不了" cannot confirm', () => {
    expect(negatedOf('确认不了')).toBe('确认');
    expect(negatedOf('对不上')).toBe('对');
  });

  it('stops at the end of a clause and never negates an entity mark', () => {
    expect(negatedOf('不,好的')).toBe('');
    expect(negatedOf('不是Ⓕ')).toBe('是');
  });

  it('reads the set phrases whole: 没问题 is a yes, 不知道 no answer, 别人 someone else', () => {
    expect(negatedOf('没问题')).toBe('');
    expect(negatedOf('没有问题,帮我提交')).toBe('');
    expect(negatedOf('我不知道')).toBe('');
    expect(negatedOf('别人的卡')).toBe('');
    expect(negatedOf('没问题,不同意')).toBe('同意');
  });

  it('lets only the second of two negators in a row negate', () => {
    expect(negatedOf('不不对')).toBe('对');
  });
});

describe('textFeatures', () => {
  it('marks negated characters and words in act features, so "不同意" shares no feature with "同意"', () => {
    const yes = textFeatures('同意', ['同意'], vocabulary, 'act');
    const no = textFeatures('不同意', ['不', '同意'], vocabulary, 'act');
    expect(no).toEqual(expect.arrayContaining(['不', '¬同', '¬同¬意', 'w:¬同意', 's:¬同意']));
    expect(no.filter((feature) => yes.includes(feature))).toEqual([]);
  });

  it('keeps topic features as the text is', () => {
    const features = textFeatures('不能绑定', ['不能', '绑定'], vocabulary);
    expect(features).toEqual(expect.arrayContaining(['能', '绑定', 'w:绑定']));
    expect(features.some((feature) => feature.includes('¬'))).toBe(false);
  });
});
