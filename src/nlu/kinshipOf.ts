import { kinshipMeanings, noKinshipFile, type KinshipFile, type KinshipMeaning } from '../content/nluSchema.js';
import { createKinship, type Kinship, type KinshipVocabulary } from '../domain/relationship.js';

const known: ReadonlySet<string> = new Set(kinshipMeanings);
const isMeaning = (meaning: string): meaning is KinshipMeaning => known.has(meaning);

/**
 * The editors' kinship words (flows/nlu/kinship.yaml) as the domain's reader takes them. A meaning the reader does not
 * know is left out (content:check refuses such a file before anything reads it).
 */
export function kinshipVocabularyOf(file: KinshipFile): KinshipVocabulary {
  return {
    words: Object.fromEntries(Object.entries(file.words).filter(([meaning]) => isMeaning(meaning))),
    phrases: { joiners: file.phrases.joiners, tables: file.phrases.tables.flatMap((table) => (isMeaning(table.meaning) ? [{ ...table, meaning: table.meaning }] : [])) },
    possessives: file.possessives,
    ownedWords: file.ownedWords.flatMap((rule) => (isMeaning(rule.meaning) ? [{ ...rule, meaning: rule.meaning }] : [])),
    groups: file.groups,
    notRelatives: file.notRelatives,
    sex: file.sex,
  };
}

/** One reader per loaded file: the entities, the engine's validators and the form share it. */
const readers = new WeakMap<KinshipFile, Kinship>();

/** The reader of the kinship words of the content (content built without the file knows none). */
export function kinshipOf(file: KinshipFile = noKinshipFile): Kinship {
  let reader = readers.get(file);
  if (!reader) readers.set(file, (reader = createKinship(kinshipVocabularyOf(file))));
  return reader;
}
