import type { z } from 'zod';
import { FilingForFileSchema, KinshipFileSchema, LatinWordsFileSchema, NegationFileSchema, NluExamplesFileSchema, PeopleFileSchema, QuestionWordsFileSchema, RegionMentionsFileSchema, RegionNamesFileSchema, RolesFileSchema, SubjectsFileSchema } from './nluSchema.js';
import {
  FaqFileSchema,
  FlowSchema,
  LlmPromptsFileSchema,
  MessagesFileSchema,
  SynonymsFileSchema,
  ConversationTestSchema,
} from './schema.js';
import { RegionFileSchema } from './regionPolicySchema.js';

/**
 * Every kind of content file: where it lives, the schema it must satisfy, and the JSON Schema file editors point
 * their `$schema` line at. The path patterns are the whole layout: anything else under flows/ or prompts/ is unknown.
 */
export const contentKinds = {
  faq: { pattern: /^flows\/faq\/[^/]+\.yaml$/, schema: FaqFileSchema, jsonSchemaFile: 'faq.schema.json' },
  region: { pattern: /^flows\/regions\/[^/]+\.yaml$/, schema: RegionFileSchema, jsonSchemaFile: 'region.schema.json' },
  flow: { pattern: /^flows\/[^/]+\.flow\.yaml$/, schema: FlowSchema, jsonSchemaFile: 'flow.schema.json' },
  synonyms: { pattern: /^flows\/synonyms\.yaml$/, schema: SynonymsFileSchema, jsonSchemaFile: 'synonyms.schema.json' },
  messages: { pattern: /^prompts\/messages\/[^/]+\.yaml$/, schema: MessagesFileSchema, jsonSchemaFile: 'messages.schema.json' },
  llm: { pattern: /^prompts\/llm\.yaml$/, schema: LlmPromptsFileSchema, jsonSchemaFile: 'llm.schema.json' },
  test: { pattern: /^flows\/tests\/[^/]+\.yaml$/, schema: ConversationTestSchema, jsonSchemaFile: 'test.schema.json' },
  regionMentions: { pattern: /^flows\/nlu\/regionMentions\.yaml$/, schema: RegionMentionsFileSchema, jsonSchemaFile: 'regionMentions.schema.json' },
  negation: { pattern: /^flows\/nlu\/negation\.yaml$/, schema: NegationFileSchema, jsonSchemaFile: 'negation.schema.json' },
  filingFor: { pattern: /^flows\/nlu\/filingFor\.yaml$/, schema: FilingForFileSchema, jsonSchemaFile: 'filingFor.schema.json' },
  people: { pattern: /^flows\/nlu\/people\.yaml$/, schema: PeopleFileSchema, jsonSchemaFile: 'people.schema.json' },
  subjects: { pattern: /^flows\/nlu\/subjects\.yaml$/, schema: SubjectsFileSchema, jsonSchemaFile: 'subjects.schema.json' },
  questionWords: { pattern: /^flows\/nlu\/questionWords\.yaml$/, schema: QuestionWordsFileSchema, jsonSchemaFile: 'questionWords.schema.json' },
  roles: { pattern: /^flows\/nlu\/roles\.yaml$/, schema: RolesFileSchema, jsonSchemaFile: 'roles.schema.json' },
  regionNames: { pattern: /^flows\/nlu\/regionNames\.yaml$/, schema: RegionNamesFileSchema, jsonSchemaFile: 'regionNames.schema.json' },
  latinWords: { pattern: /^flows\/nlu\/latinWords\.yaml$/, schema: LatinWordsFileSchema, jsonSchemaFile: 'latinWords.schema.json' },
  kinship: { pattern: /^flows\/nlu\/kinship\.yaml$/, schema: KinshipFileSchema, jsonSchemaFile: 'kinship.schema.json' },
  nlu: { pattern: /^flows\/nlu\/[^/]+\.yaml$/, schema: NluExamplesFileSchema, jsonSchemaFile: 'nlu.schema.json' },
} as const satisfies Record<string, { pattern: RegExp; schema: z.ZodType; jsonSchemaFile: string }>;

export type ContentKind = keyof typeof contentKinds;

/** Folder of the generated JSON Schema files, relative to the content root. */
export const jsonSchemaFolder = 'schemas';

export function contentKindOf(path: string): ContentKind | null {
  const kinds = Object.keys(contentKinds) as ContentKind[];
  return kinds.find((kind) => contentKinds[kind].pattern.test(path)) ?? null;
}
