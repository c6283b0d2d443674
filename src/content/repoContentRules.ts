import { maskSensitiveText } from '../domain/masking.js';
import { regionExists } from '../domain/regions.js';
import { answerTemplates, regionDependentTopics } from '../engine/regionAnswers.js';
import { validatorNames } from '../engine/validators.js';
import type { ContentRules } from './checkContent.js';
import { requiredMessageIds } from './requiredMessageIds.js';

/**
 * The rules the product's own content is checked with: the engine's validators, the message ids the code uses and
 * the regions the domain knows. Injected into the pure checker, so it never depends on the engine itself.
 */
export const repoContentRules: ContentRules = {
  validatorNames,
  requiredMessageIds,
  regionExists,
  answerTemplates: Object.fromEntries(Object.entries(answerTemplates).map(([name, template]) => [name, template.topics])),
  regionDependentTopics,
  hidesNumber: (text) => maskSensitiveText(text) !== text,
};
