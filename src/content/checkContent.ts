import type { z } from 'zod';
import { contentCheckMessages as say } from './contentCheckMessages.js';
import { contentKindOf, contentKinds, jsonSchemaFolder, type ContentKind } from './contentKinds.js';
import { checkExamples, labelledExamples } from './checkExamples.js';
import { contentVersion } from './contentVersion.js';
import { formatContentPath } from './formatContentPath.js';
import { checkRegionFacts } from './checkRegionFacts.js';
import { parseContentYaml } from './parseContentYaml.js';
import { staleInRegion, type Staleness } from './staleFacts.js';
import { relationships, topics, type Content, type Flow, type Source } from './schema.js';
import { validateWithSchema } from './validateWithSchema.js';
import { kinshipMeanings, noKinshipFile, noLatinWords, noPeopleFile, noRegionNamesFile, noRoles, regionNameKinds, type KinshipFile } from './nluSchema.js';
import { kinshipOf } from '../nlu/kinshipOf.js';
import { regionReader } from '../domain/regions.js';

export type ContentFile = { path: string /* repo-relative, forward slashes */; text: string };
export type ContentProblem = { file: string; path: string /* e.g. entries[3].topic, or '' for the file */; message: string };
export type ContentRules = {
  validatorNames: readonly string[];
  requiredMessageIds: readonly string[];
  regionExists: (code: string) => boolean;
  /** Answer templates the engine renders from region policies, with the topics each may answer. */
  answerTemplates: Readonly<Record<string, readonly string[]>>;
  /** Topics answered from region policies: their entries may not carry regional variants. */
  regionDependentTopics: readonly string[];
  /** When given, sources last verified more than `days` before `now` are reported as warnings (content:check). */
  staleness?: Staleness;
  /**
   * Whether a text holds a number the assistant would mask as if it were a person's (an ID-like or phone-like
   * sample): replies are masked before anyone sees them, so such an example would read "138****8000".
   */
  hidesNumber?: (text: string) => boolean;
};

type Loaded<Value> = { file: string; value: Value };
type Parsed = { file: ContentFile; kind: ContentKind; data: unknown };
/** Where something was found, for problems about duplicates that name every other place. */
type Occurrence = { file: string; path: string; key: string };

/**
 * Checks every content file and the rules that span files, collecting every problem (never stopping at the first).
 * Checks for something missing (a topic without entries, no national policy, a related id, a message id) are skipped
 * for a kind of file when one of its files is already broken: what the broken file holds is unknown, and reporting
 * its consequences would bury the one real mistake.
 */
export function checkContent(
  files: ContentFile[],
  rules: ContentRules,
): { ok: true; content: Content; warnings: ContentProblem[] } | { ok: false; problems: ContentProblem[]; warnings: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const warnings: ContentProblem[] = [];
  const report = (file: string, path: string, message: string) => problems.push({ file, path, message });
  const warn = (file: string, path: string, message: string) => warnings.push({ file, path, message });
  const broken = new Set<ContentKind>();

  const parsed: Parsed[] = [];
  for (const file of files) {
    const kind = contentKindOf(file.path);
    if (kind === null) {
      report(file.path, '', say.unknownFile);
      continue;
    }
    const yaml = parseContentYaml(file.text);
    if (!yaml.ok) {
      broken.add(kind);
      for (const problem of yaml.problems) report(file.path, problem.path, problem.message);
      continue;
    }
    const schemaLine = wrongSchemaLine(file.path, kind, yaml.data);
    if (schemaLine !== null) report(file.path, '$schema', schemaLine);
    parsed.push({ file, kind, data: yaml.data });
  }

  function load<Schema extends z.ZodType>(kind: ContentKind, schema: Schema): Loaded<z.output<Schema>>[] {
    const loaded: Loaded<z.output<Schema>>[] = [];
    for (const entry of parsed.filter((candidate) => candidate.kind === kind)) {
      const result = validateWithSchema(schema, entry.data);
      if (result.ok) {
        loaded.push({ file: entry.file.path, value: result.value });
      } else {
        broken.add(kind);
        for (const problem of result.problems) report(entry.file.path, problem.path, problem.message);
      }
    }
    return loaded;
  }
  const faqFiles = load('faq', contentKinds.faq.schema);
  const regionFiles = load('region', contentKinds.region.schema);
  const flowFiles = load('flow', contentKinds.flow.schema);
  const synonymsFiles = load('synonyms', contentKinds.synonyms.schema);
  const messagesFiles = load('messages', contentKinds.messages.schema);
  const llmFiles = load('llm', contentKinds.llm.schema);
  const testFiles = load('test', contentKinds.test.schema);
  const nluFiles = load('nlu', contentKinds.nlu.schema);
  const regionMentionFiles = load('regionMentions', contentKinds.regionMentions.schema);
  const negationFiles = load('negation', contentKinds.negation.schema);
  const filingForFiles = load('filingFor', contentKinds.filingFor.schema);
  const subjectsFiles = load('subjects', contentKinds.subjects.schema);
  const peopleFiles = load('people', contentKinds.people.schema);
  const questionWordsFiles = load('questionWords', contentKinds.questionWords.schema);
  const rolesFiles = load('roles', contentKinds.roles.schema);
  const regionNamesFiles = load('regionNames', contentKinds.regionNames.schema);
  const latinWordsFiles = load('latinWords', contentKinds.latinWords.schema);
  const kinshipFiles = load('kinship', contentKinds.kinship.schema);

  const faqIds = faqFiles.flatMap(({ file, value }) =>
    value.entries.map((entry, index) => ({ file, path: formatContentPath(['entries', index, 'id']), key: entry.id })),
  );
  reportDuplicates(faqIds, say.duplicateFaqId);
  reportDuplicates(
    regionFiles.map(({ file, value }) => ({ file, path: 'code', key: value.code })),
    say.duplicateRegionCode,
  );
  reportDuplicates(
    messagesFiles.flatMap(({ file, value }) =>
      Object.keys(value.messages).map((id) => ({ file, path: formatContentPath(['messages', id]), key: id })),
    ),
    say.duplicateMessageId,
  );
  reportDuplicates(
    flowFiles.map(({ file, value }) => ({ file, path: 'id', key: value.id })),
    say.duplicateFlowId,
  );

  const checkRegion = (file: string, path: readonly PropertyKey[], code: string) => {
    if (code !== 'national' && !rules.regionExists(code)) report(file, formatContentPath(path), say.unknownRegion(code));
  };
  const checkSources = (file: string, path: readonly PropertyKey[], sources: readonly Source[]) => {
    if (sources.every((source) => source.tier === 'D')) report(file, formatContentPath(path), say.onlyTierD);
  };

  const knownFaqIds = new Set(faqIds.map((occurrence) => occurrence.key));
  for (const { file, value } of faqFiles) {
    value.entries.forEach((entry, index) => {
      entry.regions.forEach((code, regionIndex) => checkRegion(file, ['entries', index, 'regions', regionIndex], code));
      entry.variants.forEach((variant, variantIndex) => {
        variant.regions.forEach((code, regionIndex) =>
          checkRegion(file, ['entries', index, 'variants', variantIndex, 'regions', regionIndex], code),
        );
        // A variant without sources of its own is cited with the entry's.
        if (variant.sources.length > 0) checkSources(file, ['entries', index, 'variants', variantIndex, 'sources'], variant.sources);
      });
      if (!broken.has('faq')) {
        entry.related.forEach((id, relatedIndex) => {
          if (!knownFaqIds.has(id)) report(file, formatContentPath(['entries', index, 'related', relatedIndex]), say.unknownRelated(id));
        });
      }
      checkSources(file, ['entries', index, 'sources'], entry.sources);
      if (entry.template !== undefined) {
        const topics = rules.answerTemplates[entry.template];
        if (topics === undefined) report(file, formatContentPath(['entries', index, 'template']), say.unknownTemplate(entry.template, Object.keys(rules.answerTemplates)));
        else if (!topics.includes(entry.topic)) report(file, formatContentPath(['entries', index, 'template']), say.templateTopic(entry.template, entry.topic));
      }
      if (entry.variants.length > 0 && (entry.template !== undefined || rules.regionDependentTopics.includes(entry.topic))) {
        report(file, formatContentPath(['entries', index, 'variants']), say.regionalVariant(entry.topic));
      }
      // Answers are shown as written: a {placeholder} would reach people as it is.
      for (const name of placeholdersIn(entry.answer)) report(file, formatContentPath(['entries', index, 'answer']), say.placeholderInAnswer(name));
      entry.variants.forEach((variant, variantIndex) => {
        for (const name of placeholdersIn(variant.answer)) report(file, formatContentPath(['entries', index, 'variants', variantIndex, 'answer']), say.placeholderInAnswer(name));
      });
    });
  }
  if (!broken.has('faq')) {
    const coveredTopics = new Set(faqFiles.flatMap(({ value }) => value.entries.map((entry) => entry.topic)));
    for (const topic of topics) if (!coveredTopics.has(topic)) report('flows/faq', '', say.topicWithoutEntry(topic));
  }

  for (const { file, value } of regionFiles) {
    checkRegion(file, ['code'], value.code);
    checkFileName(file, 'code', `${value.code}.yaml`);
    for (const problem of checkRegionFacts(value)) report(file, formatContentPath(problem.path), problem.message);
    if (rules.staleness) {
      for (const source of staleInRegion(file, value, rules.staleness).sources) warn(file, source.path, say.staleSource(source.days, rules.staleness.days));
    }
  }
  if (!broken.has('region') && !regionFiles.some(({ value }) => value.code === 'national')) {
    report('flows/regions', '', say.noNationalPolicy);
  }

  for (const { file, value } of testFiles) if (value.region !== undefined) checkRegion(file, ['region'], value.region);

  for (const { file, value } of flowFiles) checkFlow(file, value);
  if (!broken.has('flow') && !flowFiles.some(({ value }) => value.id === 'binding')) report('flows', '', say.noBindingFlow);

  const messages = Object.fromEntries(messagesFiles.flatMap(({ value }) => Object.entries(value.messages)));
  if (!broken.has('messages')) {
    for (const id of rules.requiredMessageIds) if (!(id in messages)) report('prompts/messages', '', say.missingMessage(id));
  }

  if (rules.hidesNumber) {
    const hidesNumber = rules.hidesNumber;
    for (const { file, kind, data } of parsed) {
      if (!spokenKinds.includes(kind)) continue;
      for (const { path, text } of readableTexts(data)) if (hidesNumber(text)) report(file.path, formatContentPath(path), say.maskedSample);
    }
  }

  const nlu = {
    examples: [
      ...nluFiles.flatMap(({ file, value }) =>
        value.examples.map((group, index) => ({ ...group, family: value.family, file, path: formatContentPath(['examples', index]) })),
      ),
      // A flow's triggers start it: the intent classifier learns them as requests to bind (grouped by likeness: `~`).
      ...flowFiles.map(({ file, value }) => ({ family: 'intent' as const, label: 'start_binding', group: `~${value.id}-triggers`, texts: value.triggers, file, path: 'triggers' })),
    ],
    regionMentions: regionMentionFiles[0]?.value ?? { patterns: [], requests: [], questions: [] },
    negation: negationFiles[0]?.value ?? { negators: [], modals: [], results: [], phrases: [], judgements: [] },
    filingFor: filingForFiles[0]?.value ?? { before: [], done: [], where: [], askedBy: [], bindWords: [], alsoWords: [], typing: [], forPronoun: [], applies: [], appliesBefore: [] },
    people: peopleFiles[0]?.value ?? noPeopleFile,
    subjects: subjectsFiles[0]?.value ?? { self: [], relative: [], stranger: [], linkers: [], phrases: [] },
    questionWords: questionWordsFiles[0]?.value ?? { words: [], endings: [], notAsking: [], askingToAct: [], checksClaim: [], supposing: [], alreadyDone: [], purposes: [] },
    roles: rolesFiles[0]?.value ?? noRoles,
    regionNames: regionNamesFiles[0]?.value ?? noRegionNamesFile,
    latinWords: latinWordsFiles[0]?.value ?? noLatinWords,
    kinship: kinshipFiles[0]?.value ?? noKinshipFile,
  };
  const kinship = kinshipOf(nlu.kinship);
  for (const { file, value } of kinshipFiles) checkKinship(file, value);
  // A binding word names someone to bind: "帮我妈绑一下" binds her, "妈也要绑" is one more.
  const bindWords = filingForFiles[0]?.value.bindWords ?? [];
  for (const { file, value } of filingForFiles) reportBindingWords(file, ['done'], value.done, value.bindWords, say.bindingWordDone);
  for (const { file, value } of peopleFiles) {
    for (const list of ['lacks', 'details', 'young'] as const) reportBindingWords(file, ['missingDetail', list], value.missingDetail[list], bindWords, say.bindingWordMissingDetail);
    for (const list of ['endings', 'wordSeconds', 'notNames', 'notWholeNames'] as const) {
      reportDuplicates(value.names[list].map((word, index) => ({ file, path: formatContentPath(['names', list, index]), key: word })), say.peopleWordTwice);
    }
    reportDuplicates(
      (['member', 'applicant'] as const).flatMap((side) => value.pronouns[side].map((word, index) => ({ file, path: formatContentPath(['pronouns', side, index]), key: word }))),
      say.pronounTwice,
    );
    // A misheard form stands for a kinship word the assistant knows, and is no such word itself (老板 is a boss).
    // With the kinship file broken, which words it knows is unknown.
    for (const [word, forms] of broken.has('kinship') ? [] : Object.entries(value.misheard.words)) {
      if (kinship.resolve(word).kind === 'unknown') report(file, formatContentPath(['misheard', 'words', word]), say.misheardNotKinship(word));
      forms.forEach((form, index) => {
        if (kinship.resolve(form).kind !== 'unknown') report(file, formatContentPath(['misheard', 'words', word, index]), say.misheardIsAWord(form));
      });
    }
    reportDuplicates(
      Object.entries(value.misheard.words).flatMap(([word, forms]) => forms.map((form, index) => ({ file, path: formatContentPath(['misheard', 'words', word, index]), key: form }))),
      say.misheardTwice,
    );
  }
  for (const { file, value } of subjectsFiles) {
    reportDuplicates(
      (['self', 'relative', 'stranger'] as const).flatMap((subject) => value[subject].map((word, index) => ({ file, path: formatContentPath([subject, index]), key: word }))),
      say.subjectWordTwice,
    );
  }
  const synonymHeadWords = new Set(synonymsFiles.flatMap(({ value }) => value.groups.map((group) => group[0])));
  for (const { file, value } of rolesFiles) {
    reportDuplicates(
      (['receiving', 'giving'] as const).flatMap((side) => value.sides[side].map((word, index) => ({ file, path: formatContentPath(['sides', side, index]), key: word }))),
      say.sideWordTwice,
    );
    value.concerns.forEach((word, index) => {
      if (!synonymHeadWords.has(word)) report(file, formatContentPath(['concerns', index]), say.concernNotSynonymHead(word));
    });
  }
  // A name means one region, is no name the domain already knows, and a word kept from being one holds a name.
  const tableNames = regionReader();
  for (const { file, value } of regionNamesFiles) {
    const names: Occurrence[] = [];
    const areaCodes: Occurrence[] = [];
    value.regions.forEach((entry, index) => {
      if (entry.code === 'national' || !rules.regionExists(entry.code)) report(file, formatContentPath(['regions', index, 'code']), say.unknownRegion(entry.code));
      for (const kind of regionNameKinds) {
        entry[kind].forEach((name, nameIndex) => {
          const path = formatContentPath(['regions', index, kind, nameIndex]);
          names.push({ file, path, key: name });
          if (tableNames.isName(name)) report(file, path, say.regionNameKnown(name));
        });
      }
      entry.areaCodes.forEach((areaCode, codeIndex) => areaCodes.push({ file, path: formatContentPath(['regions', index, 'areaCodes', codeIndex]), key: areaCode }));
    });
    value.notRegions.forEach((word, index) => names.push({ file, path: formatContentPath(['notRegions', index]), key: word }));
    reportDuplicates(names, say.regionNameTwice);
    reportDuplicates(areaCodes, say.areaCodeTwice);
    const withoutBlocks = regionReader({ ...value, names: value.regions.flatMap((entry) => regionNameKinds.flatMap((kind) => entry[kind].map((name) => ({ name, code: entry.code })))), areaCodes: [], notRegions: [] });
    value.notRegions.forEach((word, index) => {
      if (withoutBlocks.mentions(word).length === 0) report(file, formatContentPath(['notRegions', index]), say.notRegionHoldsNoName(word));
    });
  }
  // Examples are checked against sound FAQ ids only: with an id twice, which entry an example means is unknown.
  if (!broken.has('nlu') && !broken.has('faq') && knownFaqIds.size === faqIds.length) {
    const faq = faqFiles.map(({ file, value }) => ({ file, entries: value.entries }));
    checkExamples(labelledExamples(nlu, faq), knownFaqIds, report);
  }

  if (problems.length > 0) return { ok: false, problems: byFile(problems), warnings: byFile(warnings) };
  return {
    ok: true,
    warnings: byFile(warnings),
    content: {
      // Tests check the content without changing it, so editing one does not make conversations start over.
      version: contentVersion(files.filter((file) => contentKindOf(file.path) !== 'test')),
      faq: faqFiles.flatMap(({ value }) => value.entries),
      regions: regionFiles.map(({ value }) => value),
      flows: flowFiles.map(({ value }) => value),
      synonyms: synonymsFiles.flatMap(({ value }) => value.groups),
      messages,
      llmPrompts: Object.fromEntries(llmFiles.flatMap(({ value }) => Object.entries(value.prompts))),
      tests: testFiles.map(({ file, value }) => ({ file, test: value })),
      nlu,
    },
  };

  /**
   * Each kinship word has one meaning the reader knows, each meaning at least one word, each relationship the form
   * binds its words (the first is how the form writes it back), and a phrase table spells no word meant otherwise.
   */
  function checkKinship(file: string, value: KinshipFile) {
    const known: readonly string[] = kinshipMeanings;
    const checkMeaning = (path: readonly PropertyKey[], meaning: string) => {
      if (!known.includes(meaning)) report(file, formatContentPath(path), say.kinshipUnknownMeaning(meaning, known));
    };
    const words: Occurrence[] = [];
    const meaningOf = new Map<string, { meaning: string; at: string }>();
    for (const [meaning, list] of Object.entries(value.words)) {
      checkMeaning(['words', meaning], meaning);
      if (list.length === 0) report(file, formatContentPath(['words', meaning]), say.kinshipEmptyList(meaning));
      list.forEach((word, index) => {
        const path = formatContentPath(['words', meaning, index]);
        words.push({ file, path, key: word });
        if (!meaningOf.has(word)) meaningOf.set(word, { meaning, at: `${file} → ${path}` });
      });
    }
    for (const relationship of relationships) if (!(relationship in value.words)) report(file, 'words', say.kinshipRelationshipMissing(relationship));
    value.ownedWords.forEach((rule, index) => {
      checkMeaning(['ownedWords', index, 'meaning'], rule.meaning);
      rule.words.forEach((word, wordIndex) => words.push({ file, path: formatContentPath(['ownedWords', index, 'words', wordIndex]), key: word }));
    });
    reportDuplicates(words, say.kinshipWordTwice);
    value.phrases.tables.forEach((table, index) => {
      checkMeaning(['phrases', 'tables', index, 'meaning'], table.meaning);
      const path = formatContentPath(['phrases', 'tables', index]);
      const spelled = table.owners.flatMap((owner) => table.relatives.flatMap((relative) => [...value.phrases.joiners.map((joiner) => `${owner}${joiner}${relative}`), ...(table.joined ? [`${owner}${relative}`] : [])]));
      const clash = spelled.find((phrase) => (meaningOf.get(phrase)?.meaning ?? table.meaning) !== table.meaning);
      if (clash !== undefined) report(file, path, say.kinshipPhraseMeansOther(clash, table.meaning, `${meaningOf.get(clash)!.meaning}（${meaningOf.get(clash)!.at}）`));
      for (const phrase of spelled) if (!meaningOf.has(phrase)) meaningOf.set(phrase, { meaning: table.meaning, at: `${file} → ${path}` });
    });
    reportDuplicates(
      (['male', 'female'] as const).flatMap((sex) => value.sex[sex].map((word, index) => ({ file, path: formatContentPath(['sex', sex, index]), key: word }))),
      say.kinshipSexTwice,
    );
  }

  /** Each of the words that holds one of the binding words, reported with the message for where it stands. */
  function reportBindingWords(file: string, path: readonly PropertyKey[], words: readonly string[], bindWords: readonly string[], message: (word: string, bindWord: string) => string) {
    words.forEach((word, index) => {
      const bindWord = bindWords.find((candidate) => word.includes(candidate));
      if (bindWord !== undefined) report(file, formatContentPath([...path, index]), message(word, bindWord));
    });
  }

  function reportDuplicates(occurrences: readonly Occurrence[], message: (key: string, elsewhere: string[]) => string) {
    const byKey = new Map<string, Occurrence[]>();
    for (const occurrence of occurrences) byKey.set(occurrence.key, [...(byKey.get(occurrence.key) ?? []), occurrence]);
    for (const [key, group] of byKey) {
      if (group.length < 2) continue;
      for (const occurrence of group) {
        const elsewhere = group.filter((other) => other !== occurrence).map((other) => `${other.file} → ${other.path}`);
        report(occurrence.file, occurrence.path, message(key, elsewhere));
      }
    }
  }

  function checkFileName(file: string, path: string, expected: string) {
    const actual = file.slice(file.lastIndexOf('/') + 1);
    if (actual !== expected) report(file, path, say.fileName(path, expected, actual));
  }

  function checkFlow(file: string, flow: Flow) {
    checkFileName(file, 'id', `${flow.id}.flow.yaml`);
    const slotKeys = flow.slots.map((slot) => slot.key);
    reportDuplicates(
      flow.slots.map((slot, index) => ({ file, path: formatContentPath(['slots', index, 'key']), key: slot.key })),
      say.duplicateSlot,
    );
    const checkPlaceholders = (path: readonly PropertyKey[], template: string, extra: readonly string[] = []) => {
      const known = [...slotKeys, ...extra];
      for (const name of placeholdersIn(template)) {
        if (!known.includes(name)) report(file, formatContentPath(path), say.unknownPlaceholder(name, known));
      }
    };
    flow.slots.forEach((slot, index) => {
      if (!rules.validatorNames.includes(slot.validator)) {
        report(file, formatContentPath(['slots', index, 'validator']), say.unknownValidator(slot.validator, rules.validatorNames));
      }
      checkPlaceholders(['slots', index, 'prompt'], slot.prompt);
      checkPlaceholders(['slots', index, 'reprompt'], slot.reprompt);
    });
    checkPlaceholders(['summaryTemplate'], flow.summaryTemplate, ['members']);
    checkPlaceholders(['memberSummaryTemplate'], flow.memberSummaryTemplate, ['index', 'proofs']);
    checkPlaceholders(['consent', 'prompt'], flow.consent.prompt);
    checkPhases(file, flow);
  }

  /** With phases, every slot belongs to exactly one, so the progress people see never skips or repeats a step. */
  function checkPhases(file: string, flow: Flow) {
    if (flow.phases.length === 0) return;
    const slotKeys = flow.slots.map((slot) => slot.key);
    const phaseOf = new Map<string, string>();
    flow.phases.forEach((phase, index) => {
      phase.slots.forEach((key, slotIndex) => {
        const path = formatContentPath(['phases', index, 'slots', slotIndex]);
        if (!slotKeys.includes(key)) report(file, path, say.phaseUnknownSlot(key));
        const earlier = phaseOf.get(key);
        if (earlier !== undefined) report(file, path, say.phaseSlotTwice(key, earlier));
        else phaseOf.set(key, phase.title);
      });
    });
    for (const key of slotKeys) if (!phaseOf.has(key)) report(file, 'phases', say.slotWithoutPhase(key));
  }
}

/** The kinds of content the assistant says (what people type, in tests and examples, is theirs to write). */
const spokenKinds: readonly ContentKind[] = ['messages', 'flow', 'faq', 'region'];

/** Fields that hold addresses or file names rather than words anyone reads. */
const unreadFields = new Set(['$schema', 'url', 'seed', 'code', 'id', 'hotlines']);

/** Every text a person may read or hear, with its path in the file. */
function readableTexts(data: unknown, path: PropertyKey[] = []): { path: PropertyKey[]; text: string }[] {
  if (typeof data === 'string') return [{ path, text: data }];
  if (Array.isArray(data)) return data.flatMap((item, index) => readableTexts(item, [...path, index]));
  if (typeof data !== 'object' || data === null) return [];
  return Object.entries(data).flatMap(([key, value]) => (unreadFields.has(key) ? [] : readableTexts(value, [...path, key])));
}

function placeholdersIn(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1] ?? '');
}

/** The `$schema` line is optional, but when present it must point at this kind's schema, relative to the file. */
function wrongSchemaLine(path: string, kind: ContentKind, data: unknown): string | null {
  if (typeof data !== 'object' || data === null || !('$schema' in data) || typeof data.$schema !== 'string') return null;
  const depth = path.split('/').length - 1;
  const expected = `${'../'.repeat(depth)}${jsonSchemaFolder}/${contentKinds[kind].jsonSchemaFile}`;
  return data.$schema === expected ? null : say.wrongSchemaLine(data.$schema, expected);
}

/** Groups problems by file (stable, so each file's problems keep their order) for a report that reads file by file. */
function byFile(problems: ContentProblem[]): ContentProblem[] {
  return [...problems].sort((left, right) => (left.file < right.file ? -1 : left.file > right.file ? 1 : 0));
}
