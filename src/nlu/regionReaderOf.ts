import { noRegionNamesFile, regionNameKinds, type RegionNamesFile } from '../content/nluSchema.js';
import { regionReader, type RegionNames, type RegionReader } from '../domain/regions.js';

/** The editors' region names (flows/nlu/regionNames.yaml) as the domain's reader takes them. */
export function regionNamesOf(file: RegionNamesFile): RegionNames {
  return {
    names: file.regions.flatMap((entry) => regionNameKinds.flatMap((kind) => entry[kind].map((name) => ({ name, code: entry.code })))),
    areaCodes: file.regions.flatMap((entry) => entry.areaCodes.map((areaCode) => ({ areaCode, code: entry.code }))),
    areaCodeCues: file.areaCodeCues,
    notRegions: file.notRegions,
    titles: file.titles,
    stayingCues: file.stayingCues,
  };
}

/** One reader per loaded file: the vocabulary, the trainer and the engine's validators share it. */
const readers = new WeakMap<RegionNamesFile, RegionReader>();

/**
 * The reader of every name the assistant knows for a region: the domain's table and the editors' file (content
 * built without one, as some tests build it, knows the table's names alone).
 */
export function regionReaderOf(file: RegionNamesFile = noRegionNamesFile): RegionReader {
  let reader = readers.get(file);
  if (!reader) readers.set(file, (reader = regionReader(regionNamesOf(file))));
  return reader;
}
