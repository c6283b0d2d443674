import divisions from 'china-area-data/data.json' with { type: 'json' };
import { pickNonOverlapping } from './pickNonOverlapping.js';

/**
 * Provinces and the cities the policies talk about, with administrative codes (GB/T 2260) and the names people
 * use for them. Region names are data that identify places, not wording shown as bot speech.
 */

export type RegionInfo = {
  code: string;
  name: string;
  fullName: string;
  aliases: string[];
  level: 'province' | 'city';
  /** 6-digit code of the province the region belongs to (its own code for a province). */
  provinceCode: string;
};
type ProvinceRow = [code: string, name: string, fullName: string, abbreviations: string[], extraAliases?: string[]];
type CityRow = [code: string, name: string, fullName: string, extraAliases?: string[]];

const provinceRows: ProvinceRow[] = [
  ['110000', '北京', '北京市', ['京']],
  ['120000', '天津', '天津市', ['津']],
  ['130000', '河北', '河北省', ['冀']],
  ['140000', '山西', '山西省', ['晋']],
  ['150000', '内蒙古', '内蒙古自治区', ['蒙'], ['内蒙']],
  ['210000', '辽宁', '辽宁省', ['辽']],
  ['220000', '吉林', '吉林省', ['吉']],
  ['230000', '黑龙江', '黑龙江省', ['黑']],
  ['310000', '上海', '上海市', ['沪', '申']],
  ['320000', '江苏', '江苏省', ['苏']],
  ['330000', '浙江', '浙江省', ['浙']],
  ['340000', '安徽', '安徽省', ['皖']],
  ['350000', '福建', '福建省', ['闽']],
  ['360000', '江西', '江西省', ['赣']],
  ['370000', '山东', '山东省', ['鲁']],
  ['410000', '河南', '河南省', ['豫']],
  ['420000', '湖北', '湖北省', ['鄂']],
  ['430000', '湖南', '湖南省', ['湘']],
  ['440000', '广东', '广东省', ['粤']],
  ['450000', '广西', '广西壮族自治区', ['桂'], ['广西自治区']],
  ['460000', '海南', '海南省', ['琼']],
  ['500000', '重庆', '重庆市', ['渝']],
  ['510000', '四川', '四川省', ['川', '蜀']],
  ['520000', '贵州', '贵州省', ['黔', '贵']],
  ['530000', '云南', '云南省', ['滇', '云']],
  ['540000', '西藏', '西藏自治区', ['藏']],
  ['610000', '陕西', '陕西省', ['陕', '秦']],
  ['620000', '甘肃', '甘肃省', ['甘', '陇']],
  ['630000', '青海', '青海省', ['青']],
  ['640000', '宁夏', '宁夏回族自治区', ['宁'], ['宁夏自治区']],
  ['650000', '新疆', '新疆维吾尔自治区', ['新'], ['新疆自治区']],
  ['710000', '台湾', '台湾省', ['台']],
  ['810000', '香港', '香港特别行政区', ['港'], ['香港特区']],
  ['820000', '澳门', '澳门特别行政区', ['澳'], ['澳门特区']],
];

const cityRows: CityRow[] = [
  ['130100', '石家庄', '石家庄市'],
  ['130200', '唐山', '唐山市'],
  ['130600', '保定', '保定市'],
  ['133100', '雄安', '雄安新区'],
  ['140100', '太原', '太原市'],
  ['140200', '大同', '大同市'],
  ['150100', '呼和浩特', '呼和浩特市', ['呼市']],
  ['150200', '包头', '包头市'],
  ['210100', '沈阳', '沈阳市'],
  ['210200', '大连', '大连市'],
  ['210900', '阜新', '阜新市'],
  ['220100', '长春', '长春市'],
  ['230100', '哈尔滨', '哈尔滨市'],
  ['320100', '南京', '南京市'],
  ['320200', '无锡', '无锡市'],
  ['320300', '徐州', '徐州市'],
  ['320400', '常州', '常州市'],
  ['320500', '苏州', '苏州市'],
  ['320600', '南通', '南通市'],
  ['320800', '淮安', '淮安市'],
  ['321000', '扬州', '扬州市'],
  ['330100', '杭州', '杭州市'],
  ['330200', '宁波', '宁波市'],
  ['330300', '温州', '温州市'],
  ['330329', '泰顺', '泰顺县'],
  ['330400', '嘉兴', '嘉兴市'],
  ['330600', '绍兴', '绍兴市'],
  ['330700', '金华', '金华市'],
  ['340100', '合肥', '合肥市'],
  ['340300', '蚌埠', '蚌埠市'],
  ['340700', '铜陵', '铜陵市'],
  ['350100', '福州', '福州市'],
  ['350200', '厦门', '厦门市'],
  ['350400', '三明', '三明市'],
  ['350430', '建宁', '建宁县'],
  ['350500', '泉州', '泉州市'],
  ['350600', '漳州', '漳州市'],
  ['360100', '南昌', '南昌市'],
  ['370100', '济南', '济南市'],
  ['370200', '青岛', '青岛市'],
  ['370500', '东营', '东营市'],
  ['370600', '烟台', '烟台市'],
  ['370900', '泰安', '泰安市'],
  ['410100', '郑州', '郑州市'],
  ['410300', '洛阳', '洛阳市'],
  ['411000', '许昌', '许昌市'],
  ['420100', '武汉', '武汉市'],
  ['420500', '宜昌', '宜昌市'],
  ['430100', '长沙', '长沙市'],
  ['430200', '株洲', '株洲市'],
  ['430500', '邵阳', '邵阳市'],
  ['430800', '张家界', '张家界市'],
  ['431100', '永州', '永州市'],
  ['440100', '广州', '广州市', ['羊城']],
  ['440200', '韶关', '韶关市'],
  ['440300', '深圳', '深圳市', ['鹏城']],
  ['440400', '珠海', '珠海市'],
  ['440600', '佛山', '佛山市'],
  ['440700', '江门', '江门市'],
  ['441900', '东莞', '东莞市'],
  ['445100', '潮州', '潮州市'],
  ['450100', '南宁', '南宁市'],
  ['450300', '桂林', '桂林市'],
  ['460100', '海口', '海口市'],
  ['460200', '三亚', '三亚市'],
  ['510100', '成都', '成都市'],
  ['510700', '绵阳', '绵阳市'],
  ['520100', '贵阳', '贵阳市'],
  ['530100', '昆明', '昆明市'],
  ['540100', '拉萨', '拉萨市'],
  ['610100', '西安', '西安市'],
  ['620100', '兰州', '兰州市'],
  ['620900', '酒泉', '酒泉市'],
  ['630100', '西宁', '西宁市'],
  ['640100', '银川', '银川市'],
  ['650100', '乌鲁木齐', '乌鲁木齐市', ['乌市']],
];

const provinceCodeOf = (code: string): string => `${code.slice(0, 2)}0000`;

/** The peoples an autonomous prefecture's full name lists after its place name (延边朝鲜族自治州 is 延边). */
const peoplesInPrefectureNames = ['朝鲜族', '土家族', '苗族', '藏族', '羌族', '彝族', '布依族', '侗族', '哈尼族', '壮族', '傣族', '白族', '景颇族', '傈僳族', '回族', '蒙古族', '蒙古', '柯尔克孜', '哈萨克'];

/** What people call a division: 芜湖 for 芜湖市, 阿克苏 for 阿克苏地区, 延边 for 延边朝鲜族自治州. */
function shortNameOf(fullName: string): string {
  if (!fullName.endsWith('自治州')) return fullName.replace(/(市|地区|盟)$/, '');
  let name = fullName.slice(0, -'自治州'.length);
  for (;;) {
    const people = peoplesInPrefectureNames.find((candidate) => name.endsWith(candidate) && name.length > candidate.length);
    if (people === undefined) return name;
    name = name.slice(0, -people.length);
  }
}

/**
 * Every prefecture-level division and every county-level city a province governs directly (济源, 仙桃, 石河子), from
 * GB/T 2260 as china-area-data keeps it, so that a person insured in 芜湖 or 天水 is understood without anyone listing
 * the city by hand. The rows above add what the standard lacks: nicknames, and the counties the policies name.
 */
const divisionTree = divisions as Record<string, Record<string, string> | undefined>;
const divisionRows: CityRow[] = Object.keys(divisionTree['86'] ?? {})
  .flatMap((province) => Object.entries(divisionTree[province] ?? {}))
  .flatMap(([code, name]) => (code.endsWith('9000') ? Object.entries(divisionTree[code] ?? {}) : [[code, name] as const]))
  .filter(([, name]) => /(市|地区|盟|自治州)$/.test(name))
  .map(([code, name]) => [code, shortNameOf(name), name]);

const handCodes = new Set(cityRows.map(([code]) => code));
const provinceAliases = new Set(provinceRows.flatMap(([, name, fullName, abbreviations, extraAliases = []]) => [name, fullName, ...abbreviations, ...extraAliases]));
/** A division whose short name is also a province's (吉林市, 海南藏族自治州) is found by its full name only. */
const allCityRows: CityRow[] = [
  ...cityRows,
  ...divisionRows
    .filter(([code]) => !handCodes.has(code))
    .map(([code, name, fullName]): CityRow => (provinceAliases.has(name) ? [code, fullName, fullName] : [code, name, fullName])),
];

export const regionTable: readonly RegionInfo[] = [
  ...provinceRows.map(([code, name, fullName, abbreviations, extraAliases = []]): RegionInfo => ({
    code,
    name,
    fullName,
    aliases: [...new Set([name, fullName, ...extraAliases, ...abbreviations])],
    level: 'province',
    provinceCode: code,
  })),
  ...allCityRows.map(([code, name, fullName, extraAliases = []]): RegionInfo => ({
    code,
    name,
    fullName,
    aliases: [...new Set([name, fullName, ...extraAliases])],
    level: 'city',
    provinceCode: provinceCodeOf(code),
  })),
];

const regionsByCode = new Map(regionTable.map((region) => [region.code, region]));

/** Every alias → region; one-character aliases are only ever matched against the whole text. */
const regionsByAlias = new Map(regionTable.flatMap((region) => region.aliases.map((alias) => [alias, region] as const)));

/**
 * The districts, counties and county-level cities of the standard by full name ("渭滨区", "安图县", "延吉市"), and the
 * county-level cities by their short name too ("延吉", "义乌": how people say them), each the code of the division
 * itself (read as the region above it the table holds, as its code is). Only names that mean one place in the whole
 * standard — "朝阳区" (北京, 长春) and "海城" (辽宁海城市, 汕尾海城区) name none — and of three characters or more for
 * a full name ("矿区" is a word). Short names that are also common words are the editors' `notRegions`.
 */
export const countyNames: readonly { name: string; code: string }[] = (() => {
  const counties = Object.keys(divisionTree['86'] ?? {})
    .flatMap((province) => Object.keys(divisionTree[province] ?? {}))
    .flatMap((prefecture) => Object.entries(divisionTree[prefecture] ?? {}))
    // Towns of the cities without counties (东莞, 中山) have nine-digit codes: no county, and no code a page gives.
    .filter(([code]) => /^\d{6}$/.test(code) && !regionsByCode.has(code));
  const names = counties.flatMap(([code, name]) => {
    const short = name.endsWith('市') ? name.slice(0, -1) : null;
    return [...(name.length >= 3 ? [{ name, code }] : []), ...(short !== null && short.length >= 2 ? [{ name: short, code }] : [])];
  });
  const said = new Map<string, number>();
  for (const [, name] of counties) for (const form of new Set([name, name.replace(/(市|区|县|旗)$/, '')])) said.set(form, (said.get(form) ?? 0) + 1);
  return names.filter(({ name }) => said.get(name) === 1 && !regionsByAlias.has(name));
})();

/**
 * The region a code names: a code of the table, or a district or county code of the standard ("210204", 沙河口区) read
 * as the nearest region above it that the table holds (大连; a district of 北京 is 北京). Only codes the standard
 * knows: "123456" names no place, and stays a number.
 */
export function regionByCode(code: string): RegionInfo | undefined {
  const known = regionsByCode.get(code);
  if (known !== undefined || !/^\d{6}$/.test(code)) return known;
  const city = `${code.slice(0, 4)}00`;
  // County-level cities a province governs directly (济源 419001) are in the table themselves; their parent is xx9000.
  const isDivision = divisionTree[city]?.[code] !== undefined;
  if (!isDivision) return undefined;
  return regionsByCode.get(city) ?? regionsByCode.get(provinceCodeOf(code));
}

/**
 * The code of the region a page's or a caller's code means: a code of the table as it is ('national' too), a district
 * or county code of the standard as the region above it that the table holds ('430203' 芦淞区 → '430200' 株洲);
 * undefined for a code that names no place.
 */
export function policyRegionCode(code: string): string | undefined {
  return code === 'national' ? code : regionByCode(code)?.code;
}

export function regionExists(code: string): boolean {
  return code === 'national' || regionsByCode.has(code);
}

/**
 * More names people use for the regions of the table (the editors', flows/nlu/regionNames.yaml): apps, nicknames,
 * short forms and districts (`names`), telephone area codes (`areaCodes`), read only beside the words that say a
 * place (`areaCodeCues`: "0315" alone may be a birthday), longer words that hold a name and name no single region
 * (`notRegions`: 山城区 is in 鹤壁, not 重庆), and the titles after which a name is someone's surname (`titles`: 中原先生).
 */
export type RegionNames = {
  names: readonly { name: string; code: string }[];
  areaCodes: readonly { areaCode: string; code: string }[];
  areaCodeCues: { before: readonly string[]; after: readonly string[] };
  notRegions: readonly string[];
  titles: readonly string[];
  /** Right before a place, these say someone lives or stays there, not that they are insured there ("我住昆山"). */
  stayingCues?: readonly string[];
};
export const noRegionNames: RegionNames = { names: [], areaCodes: [], areaCodeCues: { before: [], after: [] }, notRegions: [], titles: [] };

/**
 * A region named in a text, where, and whether by a name or a telephone area code; `staying` when it is said as where
 * someone lives or stays ("我住昆山但医保是上海单位交的"), which another place named beside it outranks.
 */
export type RegionMention = { region: RegionInfo; start: number; end: number; via: 'name' | 'areaCode'; staying?: true };

/** Reads the regions a text names, with the table's names and the given ones. */
export type RegionReader = {
  /**
   * The most specific region named in the text. Overlapping names are settled longest first (then leftmost), so
   * "浙江西部" is 浙江 and not 江西. A city named with its province wins over the province ("广东深圳" is 深圳);
   * otherwise the first region named wins. A one-character abbreviation counts only as the whole text ("粤").
   */
  find(text: string): RegionInfo | undefined;
  /**
   * Every region named in the text, in text order, each once, read as `find` reads one: overlapping names longest
   * first, and a province dropped where a city of it is named ("广东深圳" is 深圳 alone). One-character
   * abbreviations are never looked for here.
   */
  named(text: string): RegionInfo[];
  /** Where each region of `named` is named, in text order (a region named twice, twice). */
  mentions(text: string): RegionMention[];
  /** Whether the whole text is one of the names (a word that looks like a person's name may be a place: 海淀). */
  isName(text: string): boolean;
  /**
   * A region said by what counts only as a whole answer — a one-character abbreviation ("粤"), a bare area code
   * ("0411") — and where it stands.
   */
  wholeAnswer(text: string): RegionMention | undefined;
};

const surroundingNoise = /^[\s，。！？、,.!?：:；;"“”'‘’（）()]+|[\s，。！？、,.!?：:；;"“”'‘’（）()]+$/g;
/**
 * A telephone area code standing alone ("我这边0411", "0755的"): 0 and two or three digits, never a group of a longer
 * number typed in parts ("3301 0519 8001…", "021-6…"), nor part of a decimal.
 */
const areaCodePattern = /(?<![\dx.][\s\-_]{0,3}|[\dx.])0\d{2,3}(?![\s\-_]{0,3}[\dx]|[.])/gi;

export function regionReader(extra: RegionNames = noRegionNames): RegionReader {
  const byName = new Map<string, RegionInfo | null>();
  for (const [alias, region] of regionsByAlias) if (alias.length >= 2) byName.set(alias, region);
  for (const { name, code } of extra.names) {
    const region = regionsByCode.get(code);
    if (region !== undefined && !byName.has(name)) byName.set(name, region);
  }
  for (const { name, code } of countyNames) {
    const region = regionByCode(code);
    if (region !== undefined && !byName.has(name)) byName.set(name, region);
  }
  // null: a longer word holding a name, which names no region; being longer, it wins over the name inside it.
  for (const word of extra.notRegions) byName.set(word, null);
  const byAreaCode = new Map(extra.areaCodes.flatMap(({ areaCode, code }) => (regionsByCode.has(code) ? [[areaCode, regionsByCode.get(code)!] as const] : [])));
  const longest = Math.max(...[...byName.keys()].map((name) => name.length));
  // Where no name can start, no slice need be looked up: most characters of a message start none.
  const firstCharacters = new Set([...byName.keys()].map((name) => name[0]));
  const stayingCues = extra.stayingCues ?? [];

  const mentions = (text: string): RegionMention[] => {
    const candidates: { region: RegionInfo | null; start: number; end: number; via: RegionMention['via'] }[] = [];
    for (let start = 0; start < text.length; start += 1) {
      if (!firstCharacters.has(text[start])) continue;
      for (let length = Math.min(longest, text.length - start); length >= 2; length -= 1) {
        const region = byName.get(text.slice(start, start + length));
        if (region !== undefined) candidates.push({ region, start, end: start + length, via: 'name' });
      }
    }
    if (byAreaCode.size > 0) {
      for (const match of text.matchAll(areaCodePattern)) {
        const region = byAreaCode.get(match[0]);
        const before = text.slice(0, match.index).replace(/\s+$/, '');
        const after = text.slice(match.index + match[0].length).replace(/^\s+/, '');
        const cued = extra.areaCodeCues.before.some((cue) => before.endsWith(cue)) || extra.areaCodeCues.after.some((cue) => after.startsWith(cue));
        if (region && cued) candidates.push({ region, start: match.index, end: match.index + match[0].length, via: 'areaCode' });
      }
    }
    const chosen = pickNonOverlapping(candidates).filter(
      (mention): mention is RegionMention => mention.region !== null && !extra.titles.some((title) => text.startsWith(title, mention.end)),
    );
    return chosen
      .filter(({ region }) => region.level === 'city' || !chosen.some((other) => other.region.level === 'city' && other.region.provinceCode === region.code))
      .map((mention) => {
        const before = text.slice(0, mention.start).replace(/\s+$/, '');
        return stayingCues.some((cue) => before.endsWith(cue)) ? { ...mention, staying: true } : mention;
      });
  };
  const named = (text: string) => [...new Set(mentions(text).map(({ region }) => region))];
  const wholeAnswer = (text: string): RegionMention | undefined => {
    const trimmed = text.replace(surroundingNoise, '');
    const start = text.indexOf(trimmed);
    const byAbbreviation = trimmed.length === 1 ? regionsByAlias.get(trimmed) : undefined;
    if (byAbbreviation) return { region: byAbbreviation, start, end: start + trimmed.length, via: 'name' };
    const byCode = byAreaCode.get(trimmed);
    return byCode ? { region: byCode, start, end: start + trimmed.length, via: 'areaCode' } : undefined;
  };
  return {
    find: (text) => {
      const trimmed = text.replace(surroundingNoise, '');
      return regionsByAlias.get(trimmed) ?? wholeAnswer(trimmed)?.region ?? named(trimmed)[0];
    },
    wholeAnswer,
    named,
    mentions,
    isName: (text) => regionsByAlias.has(text) || byName.get(text) != null || byAreaCode.has(text),
  };
}

/** The table's names alone. */
const tableReader = regionReader();
export const findRegion = tableReader.find;
export const regionsNamed = tableReader.named;

export function provinceOfIdNumber(value: string): RegionInfo | undefined {
  const region = regionsByCode.get(provinceCodeOf(value.trim()));
  return region?.level === 'province' ? region : undefined;
}

/**
 * The code and the known regions above it, ending in `national`: where a policy lookup falls back to.
 * A code missing from the table (a district) still finds its city and province.
 */
export function regionLineage(code: string): string[] {
  if (!/^\d{6}$/.test(code)) return ['national'];
  const candidates = [code, `${code.slice(0, 4)}00`, provinceCodeOf(code)];
  return [...new Set(candidates.filter((candidate) => regionsByCode.has(candidate))), 'national'];
}
