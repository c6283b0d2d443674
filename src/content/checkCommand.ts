import { fileURLToPath } from 'node:url';
import { contentCheckMessages as say } from './contentCheckMessages.js';
import { parseConfig } from '../config/config.js';
import { formatProblems, loadContent } from './loadContent.js';
import { repoContentRules } from './repoContentRules.js';
import { topics } from './schema.js';

/**
 * `npm run content:check [rootDir]`: checks the content under rootDir (the repository by default) with the product's
 * rules. Prints the counts when it is valid; otherwise every problem, one per line, and exits with 1.
 */
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const rootDir = process.argv[2] ?? repositoryRoot;

const config = parseConfig(process.env);
if (!config.ok) {
  for (const problem of config.problems) console.error(`${problem.variable}: ${problem.message}`);
  process.exit(1);
}
const result = await loadContent(rootDir, { ...repoContentRules, staleness: { now: new Date(), days: config.value.contentStaleDays } });
if (result.warnings.length > 0) {
  console.warn(say.warningCount(result.warnings.length));
  console.warn(formatProblems(result.warnings));
}
if (result.ok) {
  const { content } = result;
  console.log(
    say.loadedSummary({
      version: content.version,
      faq: content.faq.length,
      regions: content.regions.length,
      flows: content.flows.length,
      messages: Object.keys(content.messages).length,
    }),
  );
  for (const topic of topics) console.log(say.topicCount(topic, content.faq.filter((entry) => entry.topic === topic).length));
} else {
  console.error(say.problemCount(result.problems.length));
  console.error(formatProblems(result.problems));
  process.exitCode = 1;
}
