import divisions from 'china-area-data/data.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { countyNames, findRegion, provinceOfIdNumber, regionByCode, regionExists, regionLineage, regionReader, regionsNamed, regionTable } from '../../../src/domain/regions.js';

const codeOf = (text: string) => findRegion(text)?.code;

describe('regionTable', () => {
  it('holds 34 provincial-level divisions with unique codes', () => {
    expect(regionTable.filter((region) => region.level === 'province')).toHaveLength(34);
    expect(new Set(regionTable.map((region) => region.code)).size).toBe(regionTable.length);
  });

  it('gives every city the code of a province in the table', () => {
    for (const city of regionTable.filter((region) => region.level === 'city')) {
      expect(regionByCode(city.provinceCode)?.level).toBe('province');
    }
  });

  it('uses one-character aliases only for provinces', () => {
    const oneCharacter = regionTable.filter((region) => region.aliases.some((alias) => alias.length === 1));
    expect(oneCharacter.every((region) => region.level === 'province')).toBe(true);
  });
});

describe('every prefecture-level division (GB/T 2260, china-area-data)', () => {
  const tree = divisions as Record<string, Record<string, string> | undefined>;
  const prefectures = Object.keys(tree['86'] ?? {})
    .flatMap((province) => Object.entries(tree[province] ?? {}))
    .filter(([, name]) => /(市|地区|盟|自治州)$/.test(name));

  it('is found by its full name, as a city of its province', () => {
    expect(prefectures.length).toBeGreaterThan(330);
    for (const [code, fullName] of prefectures) {
      expect(findRegion(`我在${fullName}参保`), fullName).toMatchObject({ code, level: 'city', provinceCode: `${code.slice(0, 2)}0000` });
    }
  });

  it('is found by the short name people say, autonomous prefectures without their peoples', () => {
    expect(codeOf('俺是芜湖这边参保的，想把儿子加到共济里')).toBe('340200');
    expect(codeOf('俺们天水这边能绑几个人')).toBe('620500');
    expect(codeOf('延边')).toBe('222400');
    expect(codeOf('我是黔东南的')).toBe('522600');
    expect(codeOf('阿克苏')).toBe('652900');
    expect(codeOf('仙桃的')).toBe('429004');
  });

  it('leaves a province’s name to the province: 吉林市 and 海南藏族自治州 only by their full names', () => {
    expect(codeOf('吉林')).toBe('220000');
    expect(codeOf('吉林市')).toBe('220200');
    expect(codeOf('海南')).toBe('460000');
    expect(codeOf('海南藏族自治州')).toBe('632500');
  });
});

describe('every district, county and county-level city (GB/T 2260, china-area-data)', () => {
  it('is read wherever it is named as the region above it, as its code is', () => {
    expect(countyNames.length).toBeGreaterThan(2500);
    const reader = regionReader();
    for (const { name, code } of countyNames) expect(reader.find(`我是${name}的，想给我妈办共济`)?.code, name).toBe(regionByCode(code)?.code);
  });

  it('is known by full name, and a county-level city by its short name too', () => {
    expect(codeOf('宝鸡渭滨区，给额爸弄个共济')).toBe('610300');
    expect(codeOf('我在安图县上班')).toBe('222400');
    expect(codeOf('延吉市')).toBe('222400');
    expect(codeOf('俺是义乌的')).toBe('330700');
  });

  it('leaves out a name two places share: 市中区 is in 济南, 枣庄, 乐山 and 内江', () => {
    expect(codeOf('市中区的')).toBeUndefined();
    expect(countyNames.some(({ name }) => name === '市中区' || name === '鼓楼区')).toBe(false);
  });
});

describe('regionByCode and regionExists', () => {
  it('finds 大连 by its code', () => {
    expect(regionByCode('210200')).toMatchObject({ name: '大连', fullName: '大连市', level: 'city', provinceCode: '210000' });
  });

  it('knows national and the table’s codes, and nothing else', () => {
    expect(regionExists('national')).toBe(true);
    expect(regionExists('133100')).toBe(true);
    expect(regionExists('999999')).toBe(false);
    expect(regionByCode('999999')).toBeUndefined();
  });
});

describe('findRegion', () => {
  it('finds the region named in real sentences', () => {
    expect(codeOf('大连的家庭共济怎么绑定')).toBe('210200');
    expect(codeOf('我在上海，想给我妈绑定')).toBe('310000');
    expect(codeOf('深圳市医保能绑几个人')).toBe('440300');
    expect(codeOf('我是内蒙古的')).toBe('150000');
    expect(codeOf('泰顺县怎么办')).toBe('330329');
    expect(codeOf('雄安新区的职工医保')).toBe('133100');
  });

  it('prefers the city over its province', () => {
    expect(codeOf('广东深圳的')).toBe('440300');
    expect(codeOf('我是辽宁的，在大连上班')).toBe('210200');
  });

  it('takes the first region named when they are not city and province', () => {
    expect(codeOf('我在成都，给重庆的爸爸办')).toBe('510100');
    expect(codeOf('重庆的爸爸，我在成都')).toBe('500000');
  });

  it('settles overlapping names by the longer, then the earlier one', () => {
    expect(codeOf('我在内蒙古自治区上班')).toBe('150000');
    expect(codeOf('浙江西部')).toBe('330000');
    expect(codeOf('上海南站附近')).toBe('310000');
  });

  it('reads a one-character abbreviation only when it is the whole answer', () => {
    expect(codeOf('粤')).toBe('440000');
    expect(codeOf(' 京。')).toBe('110000');
    expect(codeOf('我妈在粤东')).toBeUndefined();
    expect(codeOf('新办的卡')).toBeUndefined();
  });

  it('finds nothing when no region is named', () => {
    expect(findRegion('家庭共济是什么')).toBeUndefined();
  });
});

describe('provinceOfIdNumber', () => {
  it('reads the province from the first two digits', () => {
    expect(provinceOfIdNumber('21020219800615101X')?.name).toBe('辽宁');
    expect(provinceOfIdNumber('81000019900101123X')?.name).toBe('香港');
  });

  it('knows no province for 83 or unknown prefixes', () => {
    expect(provinceOfIdNumber('830000199001011234')).toBeUndefined();
    expect(provinceOfIdNumber('990101199001011234')).toBeUndefined();
  });
});

describe('regionLineage', () => {
  it('falls back from a city to its province and the national rule', () => {
    expect(regionLineage('210200')).toEqual(['210200', '210000', 'national']);
  });

  it('puts a county under its city when the city is known', () => {
    expect(regionLineage('330329')).toEqual(['330329', '330300', '330000', 'national']);
  });

  it('lets a district missing from the table find its city', () => {
    expect(regionLineage('210203')).toEqual(['210200', '210000', 'national']);
  });

  it('goes from a province or municipality straight to national', () => {
    expect(regionLineage('310000')).toEqual(['310000', 'national']);
    expect(regionLineage('national')).toEqual(['national']);
  });
});

describe('regionsNamed', () => {
  const named = (text: string) => regionsNamed(text).map((region) => region.name);
  it('lists every place a message names, in order and once each', () => {
    expect(named('我在天津参保，我老婆在北京参保，能绑吗')).toEqual(['天津', '北京']);
    expect(named('老家是黑龙江的，人在上海，上海这边能办吗')).toEqual(['黑龙江', '上海']);
  });
  it('reads a city named with its province as the city alone, and the longest name where names overlap', () => {
    expect(named('广东深圳能绑父母吗')).toEqual(['深圳']);
    expect(named('浙江西部的医保')).toEqual(['浙江']);
    expect(named('家庭共济是什么')).toEqual([]);
  });
});

describe('regionReader with more names (flows/nlu/regionNames.yaml)', () => {
  const reader = regionReader({
    names: [
      { name: '浙里办', code: '330000' },
      { name: '魔都', code: '310000' },
      { name: '天河区', code: '440100' },
      { name: '山城', code: '500000' },
      { name: '中原', code: '410000' },
      { name: '余杭', code: '330100' },
      { name: '上海', code: '440300' },
    ],
    areaCodes: [
      { areaCode: '0411', code: '210200' },
      { areaCode: '021', code: '310000' },
      { areaCode: '0315', code: '130200' },
    ],
    areaCodeCues: { before: ['区号', '我这边'], after: ['的', '这边'] },
    notRegions: ['山城区'],
    titles: ['先生'],
  });
  const codeIn = (text: string) => reader.find(text)?.code;

  it('reads apps, nicknames and districts anywhere in a sentence', () => {
    expect(codeIn('浙里办上怎么绑家人')).toBe('330000');
    expect(codeIn('在魔都上班')).toBe('310000');
    expect(codeIn('天河区的医保')).toBe('440100');
  });

  it('keeps the table’s own names first: a name given again for another region changes nothing', () => {
    expect(codeIn('上海的医保')).toBe('310000');
  });

  it('prefers a city named by a district over its province, as with city names', () => {
    expect(codeIn('浙江余杭的')).toBe('330100');
    expect(reader.named('浙江余杭的').map((region) => region.code)).toEqual(['330100']);
  });

  it('reads a longer word that names no single region as no region', () => {
    expect(codeIn('我在山城区上班')).toBeUndefined();
    expect(codeIn('我在山城上班')).toBe('500000');
  });

  it('reads a name right before a title as a surname', () => {
    expect(codeIn('中原先生问共济')).toBeUndefined();
    expect(codeIn('中原这边能共济吗')).toBe('410000');
  });

  it('reads an area code beside a word that says a place, never inside a longer number or alone', () => {
    expect(codeIn('我这边0411，能绑吗')).toBe('210200');
    expect(codeIn('0755的')).toBeUndefined();
    expect(codeIn('021的，能绑几个')).toBe('310000');
    expect(codeIn('区号 021')).toBe('310000');
    expect(codeIn('生日是0315')).toBeUndefined();
    expect(codeIn('身份证 3301 0315 8001 0112 34 的')).toBeUndefined();
    expect(codeIn('电话021-12345678的')).toBeUndefined();
    expect(codeIn('0.0315的')).toBeUndefined();
  });

  it('gives where each region is named, and says which were named by area code', () => {
    expect(reader.mentions('我这边0411，浙里办能绑吗')).toMatchObject([
      { region: { code: '210200' }, start: 3, end: 7, via: 'areaCode' },
      { region: { code: '330000' }, start: 8, end: 11, via: 'name' },
    ]);
  });

  it('knows each name whole, and the table’s', () => {
    expect(reader.isName('魔都')).toBe(true);
    expect(reader.isName('大连')).toBe(true);
    expect(reader.isName('山城区')).toBe(false);
    expect(reader.isName('魔')).toBe(false);
  });

  it('reads a bare area code, like a one-character abbreviation, only as a whole answer', () => {
    expect(reader.wholeAnswer(' 0411。')).toMatchObject({ region: { code: '210200' }, start: 1, end: 5, via: 'areaCode' });
    expect(reader.wholeAnswer('粤')).toMatchObject({ region: { code: '440000' }, via: 'name' });
    expect(reader.wholeAnswer('0411 大连')).toBeUndefined();
    expect(codeIn('0411')).toBe('210200');
  });

  it('reads with the table’s names alone when given none', () => {
    expect(regionReader().find('浙里办上怎么绑')).toBeUndefined();
    expect(regionReader().find('我这边0411')).toBeUndefined();
  });
});
