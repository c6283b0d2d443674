import { requiredFacts, type RegionFile } from './regionPolicySchema.js';
import { contentCheckMessages as say } from './contentCheckMessages.js';

type FactProblem = { path: PropertyKey[]; message: string };

/**
 * The rules of one region file that its schema cannot express: every source id is in the file's table and used;
 * a fact rests on at least one A/B/C source (a tier-D-only claim belongs under `unconfirmed`, and only there); the
 * national file holds every fact the others inherit.
 */
export function checkRegionFacts(file: RegionFile): FactProblem[] {
  const problems: FactProblem[] = [];
  const known = Object.keys(file.sources);
  const used = new Set<string>();
  const checkIds = (path: PropertyKey[], ids: readonly string[]) => {
    ids.forEach((id, index) => {
      used.add(id);
      if (!(id in file.sources)) problems.push({ path: [...path, index], message: say.unknownSourceId(id, known) });
    });
  };
  const onlyTierD = (ids: readonly string[]) => ids.every((id) => file.sources[id]?.tier === 'D');

  for (const [name, fact] of Object.entries(file.facts)) {
    if (!fact) continue;
    checkIds(['facts', name, 'sources'], fact.sources);
    if (onlyTierD(fact.sources)) problems.push({ path: ['facts', name, 'sources'], message: say.factOnlyTierD });
  }
  file.unconfirmed.forEach((claim, index) => {
    checkIds(['unconfirmed', index, 'sources'], claim.sources);
    if (!onlyTierD(claim.sources)) problems.push({ path: ['unconfirmed', index, 'sources'], message: say.claimNotTierD });
  });
  file.notes.forEach((note, index) => {
    checkIds(['notes', index, 'sources'], note.sources);
    if (onlyTierD(note.sources)) problems.push({ path: ['notes', index, 'sources'], message: say.factOnlyTierD });
  });
  for (const id of known) if (!used.has(id)) problems.push({ path: ['sources', id], message: say.unusedSource(id) });
  if (file.code === 'national') {
    for (const fact of requiredFacts) if (!file.facts[fact]) problems.push({ path: ['facts'], message: say.nationalFactMissing(fact) });
  }
  return problems;
}
