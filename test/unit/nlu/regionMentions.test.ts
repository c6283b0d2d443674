import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { regionNameKinds } from '../../../src/content/nluSchema.js';
import { regionByCode, regionTable } from '../../../src/domain/regions.js';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { read } from '../../../src/nlu/read.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';

/**
 * Generated from content: every region file × every region-mention pattern of flows/nlu/regionMentions.yaml × every
 * region-dependent question there. The reading must name the file's region and the question's topic, whatever the
 * region and however it is named. Held-out patterns were never trained on; their results are reported apart.
 */
let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
});

type Miss = { text: string; expected: string; got: string; heldOut: boolean };

describe('a region named in a question sets the region and never decides the topic', () => {
  it('holds for every region file, pattern and question (held-out patterns included)', () => {
    const { regions, nlu } = context.content;
    const misses: Miss[] = [];
    let cases = 0;
    let heldOutCases = 0;
    for (const region of regions.filter((candidate) => candidate.code !== 'national')) {
      // The file's own name ("大连市") and the name people say ("大连") when the domain knows a shorter one.
      const names = [...new Set([region.name, regionByCode(region.code)?.name ?? region.name])];
      nlu.regionMentions.patterns.forEach((pattern, patternIndex) => {
        nlu.regionMentions.questions.forEach((question, questionIndex) => {
          const named = pattern.code ? region.code : names[(patternIndex + questionIndex) % names.length]!;
          const text = pattern.text.replace('{region}', named).replace('{question}', question.text);
          const reading = read(text, context.reader, { pending: null });
          cases += 1;
          if (pattern.heldOut) heldOutCases += 1;
          const got = `${reading.region?.code ?? '-'} ${reading.topics[0]?.topic ?? '-'} ${reading.refusal.class}`;
          if (reading.region?.code !== region.code || reading.topics[0]?.topic !== question.topic || reading.refusal.class !== 'in_scope') {
            misses.push({ text, expected: `${region.code} ${question.topic}`, got, heldOut: pattern.heldOut });
          }
        });
      });
    }
    const heldOut = nlu.regionMentions.patterns.filter((pattern) => pattern.heldOut).map((pattern) => pattern.text);
    expect(heldOut.length, 'some patterns are held out of training').toBeGreaterThan(0);
    expect(heldOutCases).toBeGreaterThan(0);
    const report = misses.map((miss) => `${miss.heldOut ? '[held out] ' : ''}${miss.text}: expected ${miss.expected}, got ${miss.got}`).join('\n');
    expect(misses, `${misses.length} of ${cases} cases (held-out patterns: ${heldOut.join(' | ')})\n${report}`).toEqual([]);
  });

  it('holds for every other name of flows/nlu/regionNames.yaml: apps, nicknames, short forms, districts, area codes', () => {
    const { nlu } = context.content;
    const said: { name: string; code: string }[] = nlu.regionNames.regions.flatMap((entry) => [
      ...regionNameKinds.flatMap((kind) => entry[kind].map((name) => ({ name, code: entry.code }))),
      // An area code is read only beside a word that says a place ("0315" alone may be a birthday).
      ...entry.areaCodes.map((areaCode) => ({ name: `区号${areaCode}`, code: entry.code })),
    ]);
    expect(said.length).toBeGreaterThan(100);
    const misses: Miss[] = [];
    said.forEach(({ name, code }, nameIndex) => {
      nlu.regionMentions.questions.forEach((question, questionIndex) => {
        const patterns = nlu.regionMentions.patterns.filter((pattern) => !pattern.code);
        const pattern = patterns[(nameIndex + questionIndex) % patterns.length]!;
        const text = pattern.text.replace('{region}', name).replace('{question}', question.text);
        const reading = read(text, context.reader, { pending: null });
        if (reading.region?.code !== code || reading.topics[0]?.topic !== question.topic || reading.refusal.class !== 'in_scope') {
          misses.push({ text, expected: `${code} ${question.topic}`, got: `${reading.region?.code ?? '-'} ${reading.topics[0]?.topic ?? '-'} ${reading.refusal.class}`, heldOut: pattern.heldOut });
        }
      });
    });
    const report = misses.map((miss) => `${miss.heldOut ? '[held out] ' : ''}${miss.text}: expected ${miss.expected}, got ${miss.got}`).join('\n');
    expect(misses, `${misses.length} of ${said.length * nlu.regionMentions.questions.length} cases\n${report}`).toEqual([]);
  });

  it('holds for every prefecture-level city by the name people say, each with one of the questions', () => {
    const { nlu } = context.content;
    const patterns = nlu.regionMentions.patterns.filter((pattern) => !pattern.code);
    const notRegions = new Set(nlu.regionNames.notRegions);
    const cities = regionTable.filter((region) => region.level === 'city' && !notRegions.has(region.name) && !['71', '81', '82'].includes(region.code.slice(0, 2)));
    expect(cities.length).toBeGreaterThan(330);
    const misses: Miss[] = [];
    cities.forEach((city, index) => {
      const question = nlu.regionMentions.questions[index % nlu.regionMentions.questions.length]!;
      const pattern = patterns[index % patterns.length]!;
      const text = pattern.text.replace('{region}', city.name).replace('{question}', question.text);
      const reading = read(text, context.reader, { pending: null });
      if (reading.region?.code !== city.code || reading.topics[0]?.topic !== question.topic || reading.refusal.class !== 'in_scope') {
        misses.push({ text, expected: `${city.code} ${question.topic}`, got: `${reading.region?.code ?? '-'} ${reading.topics[0]?.topic ?? '-'} ${reading.refusal.class}`, heldOut: pattern.heldOut });
      }
    });
    const report = misses.map((miss) => `${miss.heldOut ? '[held out] ' : ''}${miss.text}: expected ${miss.expected}, got ${miss.got}`).join('\n');
    expect(misses, `${misses.length} of ${cities.length} cases\n${report}`).toEqual([]);
  });

  it('reads no region in words that only hold a prefecture’s name or mean something else too', () => {
    for (const text of ['我在中山医院住院，家里人能用我的共济吗', '我在朝阳参保，能绑几个人', '祝您安康，我想问问共济咋办', '阿里健康上买药能用共济吗']) {
      expect(read(text, context.reader, { pending: null }).region ?? null, text).toBeNull();
    }
    expect(read('我在朝阳市参保，能绑几个人', context.reader, { pending: null }).region?.code).toBe('211300');
  });
});
