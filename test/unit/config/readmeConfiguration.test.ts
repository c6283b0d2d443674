import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { environmentVariables, parseConfig } from '../../../src/config/config.js';

/** The rows of the README's configuration table: variable, default cell, meaning. */
function readmeRows(): { variable: string; defaultCell: string; meaning: string }[] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
  return section
    .split('\n')
    .filter((line) => /^\| `[A-Z0-9_]+` \|/.test(line))
    .map((line) => {
      const [variable = '', defaultCell = '', meaning = ''] = line.split('|').slice(1, -1).map((cell) => cell.trim());
      return { variable: variable.replaceAll('`', ''), defaultCell, meaning };
    });
}

// The model settings are read only with a key; giving one lets their documented defaults be compared too.
const base = { OPENAI_API_KEY: 'test-key' };

describe('the README configuration table', () => {
  const rows = readmeRows();

  it('lists every variable the server reads, once, and no other', () => {
    const listed = rows.map((row) => row.variable);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...environmentVariables].sort());
  });

  it('gives each a default and a meaning', () => {
    for (const row of rows) {
      expect(row.defaultCell, row.variable).not.toBe('');
      expect(row.meaning.length, row.variable).toBeGreaterThan(5);
    }
  });

  it('shows the defaults the server really uses: setting a variable to its documented default changes nothing', () => {
    const defaults = parseConfig(base);
    expect(defaults.ok).toBe(true);
    const documented = rows.filter((row) => /^`[^`]+`$/.test(row.defaultCell));
    expect(documented.length).toBeGreaterThan(10);
    for (const row of documented) {
      const explicit = parseConfig({ ...base, [row.variable]: row.defaultCell.slice(1, -1) });
      expect(explicit, row.variable).toEqual(defaults);
    }
  });
});
