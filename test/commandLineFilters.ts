/**
 * Whether the command line chose test files and none of them names `word` (e.g. `vitest run test/unit` names
 * neither "e2e" nor "postgres"): the run's shared browser or database cluster is then not started, and a suite run
 * some other way starts what it needs itself.
 */
export function filtersExclude(word: string): boolean {
  const filters = process.argv.slice(2).filter((argument) => !argument.startsWith('-') && argument !== 'run');
  return filters.length > 0 && !filters.some((filter) => filter.includes(word));
}
