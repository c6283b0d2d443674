export type ModelCandidate = { id: string; question: string };

/** The request to the optional language model: the editors' prompts with the offered entries and the person's words. */
export function buildChoicePrompt(prompts: Readonly<Record<string, string>>, question: string, candidates: readonly ModelCandidate[]): { system: string; user: string } {
  const system = prompts.rephrase;
  const user = prompts.rephraseQuestion;
  if (system === undefined || user === undefined) throw new Error('prompts/llm.yaml lacks rephrase or rephraseQuestion');
  const list = candidates.map((candidate) => `${candidate.id}：${candidate.question}`).join('\n');
  // The person's words go in as data; braces in them must not be read as placeholders.
  return { system: system.replace('{candidates}', () => list), user: user.replace('{question}', () => question) };
}

/** The id the model answered, only when it is exactly one of the offered ids; anything else counts as no choice. */
export function readModelChoice(output: string, candidateIds: readonly string[]): string | null {
  const answer = output.trim().replace(/^["'“”‘’`]+|["'“”‘’`。.]+$/g, '');
  return candidateIds.includes(answer) ? answer : null;
}
