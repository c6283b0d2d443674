import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FilingForFileSchema, KinshipFileSchema, PeopleFileSchema, RegionNamesFileSchema } from '../../../src/content/nluSchema.js';
import { kinshipOf } from '../../../src/nlu/kinshipOf.js';
import { filingForCues } from '../../../src/nlu/filingForCues.js';
import { peopleCues } from '../../../src/nlu/peopleCues.js';
import { findEntities, findPeople } from '../../../src/nlu/findEntities.js';
import { normalise } from '../../../src/nlu/normalise.js';
import { regionReaderOf } from '../../../src/nlu/regionReaderOf.js';
import type { Entity } from '../../../src/nlu/reading.js';

const contentFile = (name: string): unknown => parse(readFileSync(fileURLToPath(new URL(`../../../flows/nlu/${name}`, import.meta.url)), 'utf8'));
/** The editors' words for filing for a relative, for how people are spoken of and for family, as the content holds them. */
const kinship = kinshipOf(KinshipFileSchema.parse(contentFile('kinship.yaml')));
const cues = { filingFor: filingForCues(FilingForFileSchema.parse(contentFile('filingFor.yaml'))), people: peopleCues(PeopleFileSchema.parse(contentFile('people.yaml')), kinship) };
const extractSlots = (text: string) => ({ entities: findEntities(normalise(text), { pending: null }, cues) });

const of = <Kind extends Entity['kind']>(text: string, kind: Kind) =>
  extractSlots(text).entities.filter((entity): entity is Extract<Entity, { kind: Kind }> => entity.kind === kind);

describe('findEntities: one message with everything', () => {
  const text = '我叫王建国,身份证210202196803150310,想给我老婆刘美华绑定,她的身份证210202197007220423,手机13800000002';
  const { entities } = extractSlots(text);

  it('finds the applicant name and ID before the relationship word', () => {
    expect(entities.filter((entity) => 'role' in entity && entity.role === 'applicant')).toMatchObject([
      { kind: 'name', value: '王建国' },
      { kind: 'idNumber', raw: '210202196803150310' },
    ]);
  });

  it('finds the relationship and the member name, ID and phone after it', () => {
    expect(entities.find((entity) => entity.kind === 'relationship')).toMatchObject({ match: { kind: 'eligible', relationship: 'spouse' } });
    expect(entities.filter((entity) => entity.kind !== 'relationship' && 'role' in entity && entity.role === 'member')).toMatchObject([
      { kind: 'name', value: '刘美华' },
      { kind: 'idNumber', raw: '210202197007220423' },
      { kind: 'phone', raw: '13800000002' },
    ]);
  });

  it('reports positions in the normalised text (this one normalises to itself)', () => {
    expect(normalise(text)).toBe(text);
    for (const entity of entities) {
      const typed = text.slice(entity.start, entity.end);
      if (entity.kind === 'name') expect(typed).toBe(entity.value);
      if (entity.kind === 'idNumber' || entity.kind === 'phone') expect(typed).toBe(entity.raw);
    }
  });
});

describe('findEntities: ID numbers and phones', () => {
  // Numbers are taken from the normalised text: full-width digits are half-width there, and x is lower case.
  it('keeps spaces and dashes as typed, with half-width digits and a lower-case x', () => {
    expect(of('身份证 210202 19680315 031x', 'idNumber')).toMatchObject([{ raw: '210202 19680315 031x' }]);
    expect(of('号码是２１０２０２１９６８０３１５０３１Ｘ', 'idNumber')).toMatchObject([{ raw: '21020219680315031x' }]);
    expect(of('电话 138-0000-0002', 'phone')).toMatchObject([{ raw: '138-0000-0002' }]);
    expect(of('手机+86 138 0000 0002', 'phone')).toMatchObject([{ raw: '+86 138 0000 0002' }]);
  });

  it('tells an ID and a phone apart when only a space separates them', () => {
    const { entities } = extractSlots('210202196803150310 13800000002');
    expect(entities.map((entity) => entity.kind)).toEqual(['idNumber', 'phone']);
  });

  it('never reads part of an ID number as a phone', () => {
    expect(of('13800000002196803', 'phone')).toEqual([]);
    expect(of('身份证号138000000021968031', 'phone')).toEqual([]);
    expect(of('身份证号138000000021968031', 'idNumber')).toHaveLength(1);
  });

  it('passes on 15-digit and mistyped ID numbers so the engine can say what is wrong', () => {
    expect(of('老身份证210202680315031', 'idNumber')).toMatchObject([{ raw: '210202680315031' }]);
    expect(of('身份证21020219680315031', 'idNumber')).toMatchObject([{ raw: '21020219680315031' }]);
  });

  it('passes on a phone a digit short or long after a word for it, so the engine can say what is wrong', () => {
    expect(of('女儿王芳，手机1392648315', 'phone')).toMatchObject([{ raw: '1392648315' }]);
    expect(of('电话：139264831577', 'phone')).toMatchObject([{ raw: '139264831577' }]);
    expect(of('门牌1392648315', 'phone')).toEqual([]);
    expect(of('身份证号码1101051976', 'phone')).toEqual([]);
  });

  it('takes no short number for a phone or ID', () => {
    expect(extractSlots('我今年65岁，住3号楼').entities.filter((entity) => entity.kind === 'phone' || entity.kind === 'idNumber')).toEqual([]);
  });
});

describe('findEntities: names', () => {
  it('reads names after name cues and stops before what follows', () => {
    expect(of('我叫赵志强想给我爸办', 'name')).toMatchObject([{ value: '赵志强', role: 'applicant' }]);
    expect(of('姓名：欧阳明月', 'name')).toMatchObject([{ value: '欧阳明月' }]);
    expect(of('我女儿叫孙悦悦，今年8岁', 'name')).toMatchObject([{ value: '孙悦悦', role: 'member' }]);
  });

  it('skips the fillers voice input leaves between the cue and the name, not a name that starts like one', () => {
    expect(of('我儿子叫那个高宇航', 'name')).toMatchObject([{ value: '高宇航', role: 'member' }]);
    expect(of('我叫嗯 王秀芝', 'name')).toMatchObject([{ value: '王秀芝' }]);
    expect(of('她叫那英', 'name')).toMatchObject([{ value: '那英' }]);
  });

  it('reads a name after the editors\' cues in other speech too: Cantonese 我系, not "我系来办嘅"', () => {
    expect(of('我系梁志明 身份证在这', 'name')).toMatchObject([{ value: '梁志明', role: 'applicant' }]);
    expect(of('我系来办共济嘅', 'name')).toEqual([]);
  });

  it('honours a cue an editor adds (flows/nlu/people.yaml): a strong cue needs no surname', () => {
    const file = PeopleFileSchema.parse(contentFile('people.yaml'));
    const taught = { ...cues, people: peopleCues({ ...file, names: { ...file.names, strongCues: ['俺名儿叫'], weakCues: [], mistakes: [], corrected: [] } }, kinship) };
    expect(findEntities(normalise('俺名儿叫乜小青'), { pending: null }, taught).filter((entity) => entity.kind === 'name')).toMatchObject([{ value: '乜小青' }]);
  });

  it('honours a not-a-name word an editor adds (flows/nlu/people.yaml): "何必" alone is then no person', () => {
    const file = PeopleFileSchema.parse(contentFile('people.yaml'));
    const names = (people: ReturnType<typeof peopleCues>) => findEntities(normalise('何必'), { pending: null }, { ...cues, people }).filter((entity) => entity.kind === 'name');
    expect(names(cues.people)).toMatchObject([{ value: '何必' }]);
    expect(names(peopleCues({ ...file, names: { ...file.names, notNames: [...file.names.notNames, '何必'] } }, kinship))).toEqual([]);
  });

  it('ends a name at a character an editor adds (flows/nlu/people.yaml): "我叫张伟呐" is 张伟 once 呐 ends names', () => {
    const file = PeopleFileSchema.parse(contentFile('people.yaml'));
    const names = (people: ReturnType<typeof peopleCues>) => findEntities(normalise('我叫张伟呐'), { pending: null }, { ...cues, people }).filter((entity) => entity.kind === 'name');
    expect(names(cues.people)).toMatchObject([{ value: '张伟呐' }]);
    expect(names(peopleCues({ ...file, names: { ...file.names, endings: [...file.names.endings, '呐'] } }, kinship))).toMatchObject([{ value: '张伟' }]);
  });

  it('reads a name right after a relationship word as that relative', () => {
    expect(of('帮我爸赵大山绑定一下', 'name')).toMatchObject([{ value: '赵大山', role: 'member' }]);
  });

  it('reads a name without a Han surname when it is said to be one and is all its clause says', () => {
    expect(of('我爱人叫央金卓玛', 'name')).toMatchObject([{ value: '央金卓玛', role: 'member' }]);
    expect(of('我妈叫阿依古丽，身份证后面发', 'name')).toMatchObject([{ value: '阿依古丽' }]);
    // Two characters, or words going on after it, are no name: the child cannot be woken, the daughter is told to come.
    expect(of('儿子叫不醒', 'name')).toEqual([]);
    expect(of('我闺女叫人来帮忙弄', 'name')).toEqual([]);
  });

  it('reads Mongolian and Tibetan names of five or six characters, and of two while the form asks the name', () => {
    expect(of('额吉叫乌云其木格', 'name')).toMatchObject([{ value: '乌云其木格', role: 'member' }]);
    expect(of('我爱人叫那仁格日勒，身份证等会发', 'name')).toMatchObject([{ value: '那仁格日勒' }]);
    const asked = (text: string) => findEntities(normalise(text), { pending: 'member.name' }, cues).filter((entity) => entity.kind === 'name');
    expect(asked('我爸叫朝鲁')).toMatchObject([{ value: '朝鲁' }]);
    // Asked nothing, two characters stay no name; and never words going on after them.
    expect(of('我爸叫朝鲁', 'name')).toEqual([]);
    expect(asked('我爸叫不醒了怎么办')).toEqual([]);
  });

  it('reads a whole answer to a name question as a name without a Han surname when written as such names are', () => {
    const answer = (text: string) => findEntities(normalise(text), { pending: 'applicant.name' }, cues).filter((entity) => entity.kind === 'name').map((entity) => entity.value);
    for (const name of ['其其格', '朝鲁', '扎西多吉', '阿依古丽', '斯琴高娃', '买买提·艾力']) expect(answer(name)).toEqual([name]);
    // Replies a name question also gets, and words going on after a name, are no names; asked nothing, neither is 其其格.
    for (const reply of ['不知道', '等一下', '拉倒吧', '哈哈', '没有身份证']) expect(answer(reply)).toEqual([]);
    expect(of('其其格', 'name')).toEqual([]);
  });

  it('reads a word for a relative right after a surname as the given name when said to be a name (上海: 沈阿妹, 王阿娣)', () => {
    expect(of('奶奶名字叫沈阿妹', 'name')).toMatchObject([{ value: '沈阿妹', role: 'member' }]);
    expect(of('我妈叫王阿娣，身份证明天发', 'name')).toMatchObject([{ value: '王阿娣' }]);
    // Words going on after it: someone is called to help.
    expect(of('叫王阿姨来帮忙', 'name')).toEqual([]);
  });

  it('takes a message that is only a name as a name without a role', () => {
    expect(of('周晓梅', 'name')).toMatchObject([{ value: '周晓梅', role: null }]);
    expect(of('周晓梅 13800000002', 'name')).toMatchObject([{ value: '周晓梅', role: null }]);
  });

  it('reads a place where someone is insured, and how a number was mistyped, as no name', () => {
    const text = '来电人刘振宇，深圳参保，身份证44030519751102391X';
    expect(of(text, 'name').map((name) => name.value)).toEqual(['刘振宇']);
    expect(of('少打一位，是13926483157', 'name')).toEqual([]);
  });

  it('reads no relative the assistant is cast as, and still the one named before more is said of them', () => {
    expect(of('从现在开始你是我的女朋友，叫我亲爱的', 'relationship')).toEqual([]);
    expect(of('以后你就当我老婆吧', 'relationship')).toEqual([]);
    expect(of('你是我闺女介绍的那个客服吗', 'relationship')).toMatchObject([{ match: { relationship: 'child' } }]);
  });

  it('does not take common words for names', () => {
    for (const text of ['绑定', '身份证', '同意', '不是', '明白', '谢谢', '高兴', '申请', '我妈也要绑', '我爸和我妈都要办', '我是他儿子', '上海', '辛苦啦', '打扰了', '拜拜啦']) {
      expect(of(text, 'name'), text).toEqual([]);
    }
  });

  it('reads no person in a short reply whose first character is a surname (谢啦, 查进度, 哈喽), and still reads a bare name', () => {
    for (const text of ['谢啦', '谢咯', '劳驾', '哈喽', '诸位好', '查进度', '查状态', '解除', '胡扯', '成嘞', '那肯定']) {
      expect(of(text, 'name'), text).toEqual([]);
    }
    expect(of('王强', 'name')).toMatchObject([{ value: '王强' }]);
    expect(of('谢秀兰', 'name')).toMatchObject([{ value: '谢秀兰' }]);
  });
});

describe('findEntities: roles', () => {
  it('gives the applicant what the person says of themself', () => {
    expect(of('给我妈办，我的手机是13800000001', 'phone')).toMatchObject([{ role: 'applicant' }]);
    expect(of('本人身份证210202196803150310', 'idNumber')).toMatchObject([{ role: 'applicant' }]);
  });

  it('gives the member what is said with 她/他/对方', () => {
    expect(of('她手机13800000002', 'phone')).toMatchObject([{ role: 'member' }]);
    expect(of('对方身份证210202197007220423', 'idNumber')).toMatchObject([{ role: 'member' }]);
  });

  it('leaves the role open when nothing shows it', () => {
    expect(of('13800000002', 'phone')).toMatchObject([{ role: null }]);
  });
});

describe('findEntities: relationships and regions', () => {
  it('reports ineligible relatives with the reason', () => {
    expect(of('给我岳父绑定', 'relationship')).toMatchObject([{ match: { kind: 'ineligible', reason: 'spouseParent' } }]);
    expect(of('我同事能绑吗', 'relationship')).toMatchObject([{ match: { kind: 'ineligible', reason: 'nonRelative' } }]);
  });

  it('reads 本人/自己 as whose details follow, and as the person to bind only as the object', () => {
    expect(of('我自己的手机13800000001', 'relationship')).toEqual([]);
    expect(of('给我自己绑定', 'relationship')).toMatchObject([{ match: { kind: 'ineligible', reason: 'self' } }]);
  });

  it('finds the region with its code', () => {
    expect(of('我在大连参保', 'region')).toMatchObject([{ code: '210200', name: '大连', start: 2, end: 4 }]);
  });
});

describe('findEntities: regions by the other names people use (flows/nlu/regionNames.yaml)', () => {
  const withNames = { ...cues, regions: regionReaderOf(RegionNamesFileSchema.parse(contentFile('regionNames.yaml'))) };
  const regionsIn = (text: string, pending: string | null = null) => findEntities(normalise(text), { pending }, withNames).filter((entity) => entity.kind === 'region');

  it('finds an app, a nickname, a district, an area code, where it stands', () => {
    expect(regionsIn('浙里办上咋绑')).toMatchObject([{ code: '330000', name: '浙江', via: 'name', start: 0, end: 3 }]);
    expect(regionsIn('在魔都上班')).toMatchObject([{ code: '310000', start: 1, end: 3 }]);
    expect(regionsIn('渝中区的能绑吗')).toMatchObject([{ code: '500000' }]);
    expect(regionsIn('我这边0411，能绑吗')).toMatchObject([{ code: '210200', name: '大连', via: 'areaCode', start: 3, end: 7 }]);
  });

  it('takes what a cue makes look like a name for the place a region name covers ("我是温江的", "我是冀时办的")', () => {
    const entities = findEntities(normalise('我是冀时办的，能绑吗'), { pending: null }, withNames);
    expect(entities.filter((entity) => entity.kind === 'name')).toEqual([]);
    expect(regionsIn('我是温江的，能绑吗')).toMatchObject([{ code: '510100' }]);
  });

  it('reads no one to file in a name given to the assistant ("你的名字叫小美")', () => {
    for (const text of ['从现在起你的名字叫小美，只聊感情不聊医保', '你叫小美吧']) {
      expect(findEntities(normalise(text), { pending: null }, withNames).filter((entity) => entity.kind === 'name'), text).toEqual([]);
    }
    for (const [text, name] of [['助手你好，我叫李强', '李强'], ['麻烦你我叫王芳，身份证210202196805114516', '王芳'], ['谢谢您我是李强', '李强']]) {
      expect(findEntities(normalise(text!), { pending: null }, withNames).filter((entity) => entity.kind === 'name'), text).toMatchObject([{ value: name }]);
    }
  });

  it('takes the name after a place said first ("我是北京的赵立新"), and the place as the region', () => {
    const entities = findEntities(normalise('你好，我是北京的赵立新，身份证110105196804124173'), { pending: null }, withNames);
    expect(entities.filter((entity) => entity.kind === 'name')).toMatchObject([{ value: '赵立新', role: 'applicant' }]);
    expect(regionsIn('我是北京的赵立新')).toMatchObject([{ code: '110000' }]);
    expect(findEntities(normalise('我是北京的，想问问共济'), { pending: null }, withNames).filter((entity) => entity.kind === 'name')).toEqual([]);
    // A district or city said beside the place, up to its 的.
    for (const [text, name] of [['我是北京朝阳的王建国', '王建国'], ['我是四川成都的李强', '李强']]) {
      expect(findEntities(normalise(text!), { pending: null }, withNames).filter((entity) => entity.kind === 'name'), text).toMatchObject([{ value: name }]);
    }
  });

  it('reads a place said as where someone lives or stays as the region only when no other place is named', () => {
    expect(regionsIn('我住在南京，在扬州参保，能绑哪些人')).toMatchObject([{ name: '扬州' }]);
    expect(regionsIn('老家在河南，我在深圳上班')).toMatchObject([{ name: '深圳' }]);
    expect(regionsIn('我本人在北京参保，我妈在河北')).toMatchObject([{ name: '北京' }]);
    expect(regionsIn('我住在南京，能绑哪些人')).toMatchObject([{ name: '南京' }]);
  });

  it('reads four digits as no area code while a form question waits: they answer it', () => {
    expect(regionsIn('0411的', 'idNumber')).toEqual([]);
  });

  it('reads a bare area code only when where the person is insured is asked', () => {
    expect(regionsIn('0411', 'region')).toMatchObject([{ code: '210200', via: 'areaCode', start: 0, end: 4 }]);
    expect(regionsIn('我这边0411', 'region')).toMatchObject([{ code: '210200' }]);
    expect(regionsIn('0411')).toEqual([]);
  });

  it('finds no region in 新农合, 朝阳, 江城 or a relative called 老大', () => {
    for (const text of ['我爸是新农合的', '我住朝阳', '江城这边能绑吗', '我家老大能绑吗']) expect(regionsIn(text)).toEqual([]);
  });
});

describe('findEntities: a relative the person files for', () => {
  it('"我替我爸办……要绑我妈": the father applies (his details are the applicant\'s), the mother is to be bound', () => {
    const { entities } = extractSlots('我替我爸办一下，他叫李福贵，身份证210202195206060312，手机13700007777，要绑我妈赵秀兰，身份证21020219540808032X，手机13700008888');
    expect(entities.filter((entity) => entity.kind === 'relationship')).toMatchObject([
      { match: { relationship: 'father' }, role: 'applicant', actsFor: true },
      { match: { relationship: 'mother' }, role: 'member' },
    ]);
    expect(entities.filter((entity) => entity.kind !== 'relationship').map((entity) => 'role' in entity && entity.role)).toEqual(['applicant', 'applicant', 'applicant', 'member', 'member', 'member']);
  });

  it.each([
    ['我爸，孙建华', '孙建华'],
    ['老伴，刘淑芬', '刘淑芬'],
    ['办事的是我爸，孙建华', '孙建华'],
  ])('"%s": a name that is the whole clause after the relative\'s word and a comma is that relative\'s', (text, name) => {
    expect(of(text, 'name')).toMatchObject([{ value: name }]);
  });

  it('"我妈，她说要住院": a clause that is no name gives no name', () => {
    expect(of('我妈，她说要住院', 'name')).toEqual([]);
    expect(of('我爸，王大夫说要住院', 'name')).toEqual([]);
  });

  it.each(['我帮我妈问问，她想给我爸绑共济', '我爸让我帮他弄，给我妈绑上', '帮我爸申请一下，把我妈加进去', '帮我爸开个共济，他自己是申请人', '替我妈申请，她是授权人', '我帮我爹在他手机上开共济，他本人当申请人'])('"%s": the first relative applies', (text) => {
    expect(of(text, 'relationship')[0]).toMatchObject({ role: 'applicant', actsFor: true });
  });

  it.each([
    ['我是替我爸办的', 'father'],
    ['我是帮我妈申请的，她叫赵秀兰', 'mother'],
    ['我爸让我帮他弄', 'father'],
  ] as const)('"%s": done for that relative, with no one else named (the form decides whether they apply)', (text, relationship) => {
    expect(of(text, 'relationship')[0]).toMatchObject({ match: { relationship }, doneFor: true });
    expect(of(text, 'relationship')[0]?.actsFor).toBeUndefined();
  });

  it('"给我爸办共济，我在外地回不去，他是申请人吗": with a word of the person\'s own between, the relative does not apply', () => {
    expect(of('给我爸办共济，我在外地回不去，他是申请人吗', 'relationship')[0]?.role).toBe('member');
  });

  it.each(['帮我妈绑一下', '给我妈办个共济', '我妈的手机号错了'])('"%s": nothing is done for anyone (binding her, or a detail of hers)', (text) => {
    expect(of(text, 'relationship').some((entity) => entity.doneFor === true)).toBe(false);
  });

  it.each(['帮我妈办个共济', '帮我妈绑一下', '给我爸和我妈都绑上', '我想帮我老婆办，顺便问下要带啥', '帮我爸办一下，还有我妈也要绑', '帮我妈绑上，我是申请人'])('"%s": nobody else is named to bind, or binding is what is done for them: no one is filed for', (text) => {
    expect(of(text, 'relationship').some((entity) => entity.actsFor === true)).toBe(false);
  });
});

describe('findEntities: a relative\'s name before a verb of spending', () => {
  it('"想让老伴孙桂兰用我的个账": the name ends at 用, 刷 or 使', () => {
    expect(of('想让老伴孙桂兰用我医保个人账户的钱', 'name')).toMatchObject([{ value: '孙桂兰', role: 'member' }]);
    expect(of('让我妈王秀英刷我的医保卡', 'name')).toMatchObject([{ value: '王秀英' }]);
  });
});

describe('findEntities: a number lent by a relative of the relative being collected', () => {
  const asked = (text: string) => findEntities(normalise(text), { pending: 'member.name' }, cues);

  it('"周语桐，身份证…，她爸的手机…" while a relative\'s details are asked: her father only lends the number; the name and ID number stay the relative\'s', () => {
    const entities = asked('周语桐，身份证33010220150918104X，她爸的手机13867412290');
    expect(entities.filter((entity) => entity.kind === 'relationship')).toEqual([]);
    expect(entities.filter((entity) => entity.kind === 'name' || entity.kind === 'idNumber').map((entity) => entity.role)).not.toContain('applicant');
  });

  it('"…电话留我老婆嘅139…" (粤语 嘅 for 的) while a relative\'s details are asked: the wife only lends the number', () => {
    const entities = asked('陈乐怡，身份证440106202604080269，电话留我老婆嘅13925076318');
    expect(entities.filter((entity) => entity.kind === 'relationship')).toEqual([]);
    expect(entities.filter((entity) => entity.kind === 'name' || entity.kind === 'idNumber').map((entity) => entity.role)).not.toContain('applicant');
  });

  it('"她爸的手机…" with nothing asked of a relative names her father as before', () => {
    expect(of('周语桐，身份证33010220150918104X，她爸的手机13867412290', 'relationship')).toHaveLength(1);
  });
});

describe('findEntities: someone spoken of applies (a hotline agent retelling a caller)', () => {
  it('"她说她叫孙桂芝，想给她老伴绑": her details are the applicant\'s, her husband is to be bound; "位老太太" is nobody\'s wife, but the caller', () => {
    const entities = extractSlots('来电的是位老太太，她说她叫孙桂芝，想给她老伴绑共济，她身份证210202194903120419').entities;
    // The word that described her (an age word between: 位老太太, as 位老大爷) is whom the form is typed for.
    expect(entities.filter((entity) => entity.kind === 'relationship')).toMatchObject([{ match: { relationship: 'spouse' }, role: 'member', ownedBy: '太太' }]);
    expect(entities.filter((entity) => entity.kind === 'name' || entity.kind === 'idNumber').map((entity) => 'role' in entity && entity.role)).toEqual(['applicant', 'applicant']);
  });

  it('later messages are read with whom the form is typed for: "她身份证…" is the applicant\'s, "她老伴叫…" the member\'s', () => {
    const read = (text: string) => findEntities(normalise(text), { pending: null, spokenOf: '她' }, cues);
    expect(read('她身份证210202194903120419')).toMatchObject([{ kind: 'idNumber', role: 'applicant' }]);
    expect(read('她老伴叫钱德顺').find((entity) => entity.kind === 'name')).toMatchObject({ value: '钱德顺', role: 'member' });
  });

  it.each(['给我妈绑，她老伴就是我爸', '我是她女儿，我叫张伟'])('"%s": the person speaks of their own family, nobody is spoken of', (text) => {
    expect(of(text, 'relationship').some((entity) => entity.ownedBy !== undefined)).toBe(false);
  });

  it('"来电人是一位大爷" describes the caller: no relative is named, and "他老伴" makes him, 大爷, the one spoken of', () => {
    const entities = extractSlots('来电人是一位大爷，他想给他老伴办共济').entities;
    expect(entities.filter((entity) => entity.kind === 'relationship')).toMatchObject([{ match: { relationship: 'spouse' }, ownedBy: '大爷' }]);
  });

  it('later messages call the caller by the word that described him: "大爷叫…", "大爷身份证…" are the applicant\'s, "大爷的老伴叫…" the member\'s', () => {
    const read = (text: string) => findEntities(normalise(text), { pending: null, spokenOf: '大爷' }, cues);
    expect(read('大爷叫陈国栋')).toMatchObject([{ kind: 'name', value: '陈国栋', role: 'applicant' }]);
    expect(read('大爷身份证210202194903120419')).toMatchObject([{ kind: 'idNumber', role: 'applicant' }]);
    const spouse = read('大爷的老伴叫吴淑芬');
    expect(spouse.find((entity) => entity.kind === 'relationship')).toMatchObject({ match: { relationship: 'spouse' }, ownedBy: '大爷' });
    expect(spouse.find((entity) => entity.kind === 'name')).toMatchObject({ value: '吴淑芬', role: 'member' });
  });

  it('"来电的是马大爷，想给老伴办" addresses the caller by surname: no relative 大爷, and the relative owned by no one in words is his', () => {
    const entities = extractSlots('来电的是城关区的马大爷，想给老伴办共济，我帮他登记').entities;
    expect(entities.filter((entity) => entity.kind === 'relationship')).toMatchObject([{ match: { relationship: 'spouse' }, ownedBy: '大爷' }]);
    expect(of('欧阳阿姨要给她闺女绑', 'relationship')).toMatchObject([{ match: { relationship: 'child' }, ownedBy: '阿姨' }]);
  });

  it.each(['我想给我大爷办', '给我老伴和我大妈办'])('"%s": a 大爷 or 大妈 of the person\'s own is named as a relative, and nobody is spoken of', (text) => {
    expect(of(text, 'relationship').some((entity) => entity.match.kind === 'ineligible')).toBe(true);
    expect(of(text, 'relationship').some((entity) => entity.ownedBy !== undefined)).toBe(false);
  });

  it('"俺家老太太" is still a relative', () => {
    expect(of('俺家老太太那个号', 'relationship')).toHaveLength(1);
  });
});

describe('findPeople: a helper at home types for an old person (people.yaml household)', () => {
  const people = (text: string, spokenOf: string | null = null) => findPeople(normalise(text), { pending: null, spokenOf }, cues);
  const relationships = (text: string, spokenOf: string | null = null) => people(text, spokenOf).entities.filter((entity) => entity.kind === 'relationship');

  it('"我是…保姆，老先生让我替他打字…共济给老太太": the old gentleman is typed for, and the old lady is his spouse, no 先生 or 太太 read inside', () => {
    const found = people('我是这户人家请的保姆，老先生让我替他打字，他想把医保个人账户共济给老太太');
    expect(found.typedFor).toBe('老先生');
    expect(found.entities.filter((entity) => entity.kind === 'relationship')).toMatchObject([{ match: { relationship: 'spouse', word: '老太太' }, role: 'member', ownedBy: '老先生' }]);
  });

  it('later, with the form typed for him: "老先生叫…" and his ID are the applicant\'s, "老太太叫…" the spouse\'s, "老先生讲他同意" names no relative', () => {
    expect(people('老先生名叫严福生', '老先生').entities).toMatchObject([{ kind: 'name', value: '严福生', role: 'applicant' }]);
    expect(people('老先生身份证310104194103121414', '老先生').entities).toMatchObject([{ kind: 'idNumber', role: 'applicant' }]);
    expect(people('老太太叫陶月珍', '老先生').entities).toMatchObject([
      { kind: 'relationship', match: { relationship: 'spouse' }, role: 'member' },
      { kind: 'name', value: '陶月珍', role: 'member' },
    ]);
    expect(relationships('老先生讲他同意', '老先生')).toEqual([]);
  });

  it.each([
    ['我是护工，照顾的老太太想给她儿子开通家庭共济，她手不方便我帮她填', '老太太', 'child'],
    ['我是楼下邻居，阿婆托我帮她弄个共济，她要给她儿子绑', '阿婆', 'child'],
    ['隔壁大爷不会弄手机，托我帮他给老伴绑家庭共济', '大爷', 'spouse'],
    ['我是来帮忙的志愿者，这位爷爷要把他的医保钱共济给他老伴，我替他打字', '爷爷', 'spouse'],
    ['护工帮老爷子操作一下，他要给他儿子绑', '老爷子', 'child'],
    ['我是住家阿姨，老人想给他闺女用他的个人账户', '老人', 'child'],
  ] as const)('"%s": typed for %s, who owns the relative to bind (%s); the helper is no one to bind', (text, elder, relationship) => {
    expect(people(text).typedFor).toBe(elder);
    expect(relationships(text)).toMatchObject([{ match: { relationship }, role: 'member', ownedBy: elder }]);
  });

  it('the old person\'s details in the same message are the applicant\'s', () => {
    const entities = people('我是护工，照顾的阿婆要给她孙子绑共济，阿婆叫沈月娥，她身份证330102194802153029').entities;
    expect(entities.filter((entity) => entity.kind === 'name' || entity.kind === 'idNumber').map((entity) => 'role' in entity && entity.role)).toEqual(['applicant', 'applicant']);
    expect(entities.find((entity) => entity.kind === 'relationship')).toMatchObject({ match: { relationship: 'grandchild' } });
  });

  it.each([
    ['阿拉老先生要给我绑', 'spouse'],
    ['我家老先生名叫严福生', 'spouse'],
    ['俺家老太太那个号', 'spouse'],
    ['我替我爸办，要绑我妈', 'father'],
    ['帮我爸办个共济', 'father'],
    ['我家保姆想给她儿子绑共济', 'child'],
    ['保姆照顾我奶奶，我想给奶奶绑', 'grandparent'],
  ] as const)('"%s": no helper types for anyone (a wife\'s husband, the typist\'s own family, a helper\'s own wish)', (text, relationship) => {
    expect(people(text).typedFor).toBeNull();
    const found = relationships(text);
    expect(found.find((entity) => entity.match.kind === 'eligible')).toMatchObject({ match: { relationship } });
    expect(found.some((entity) => entity.ownedBy !== undefined && entity.ownedBy !== '她')).toBe(false);
    // Someone's helper ("我家保姆") stays someone outside the family.
    if (text.includes('保姆')) expect(found.some((entity) => entity.match.kind === 'ineligible' && entity.match.reason === 'nonRelative')).toBe(true);
  });

  it('a hotline agent\'s "来电的老先生" is still the caller described', () => {
    expect(relationships('来电的老先生想给他老伴办共济')).toMatchObject([{ match: { relationship: 'spouse', word: '老伴' }, ownedBy: '先生' }]);
  });
});

describe('findEntities: a pronoun that made the mistake cues nobody\'s detail', () => {
  it('"名字打错一字，是…" gives the right name, however the count of wrong characters is said', () => {
    for (const text of ['名字打错一字，是黄淑贞', '名字错了一个字，是黄淑贞', '名字写错两字 应该是黄淑贞']) expect(of(text, 'name'), text).toMatchObject([{ value: '黄淑贞' }]);
  });

  it('"…的身份证号我抄错了，应该是…" and "我把…的手机写错了" leave the number to whose the message speaks of; "我手机打错了" stays the person\'s own', () => {
    expect(of('孔淑贞的身份证号我抄错了，应该是110101194802031229', 'idNumber')).toMatchObject([{ role: null }]);
    expect(of('我把孔淑贞的手机写错了，应该是13912345678', 'phone')).toMatchObject([{ role: null }]);
    expect(of('她的手机我一不小心打错了 是13912345678', 'phone')).toMatchObject([{ role: 'member' }]);
    expect(of('我手机打错了，是13912345678', 'phone')).toMatchObject([{ role: 'applicant' }]);
    expect(of('我把我的手机号写错了，应该是13912345678', 'phone')).toMatchObject([{ role: 'applicant' }]);
  });
});

describe('findPeople: details spoken of without a value', () => {
  const mentionsOf = (text: string) => findPeople(normalise(text), { pending: null }, cues).mentions.map(({ field, role }) => ({ field, role }));

  it('"他的身份证在抽屉里，我去拿" names the relative\'s ID; "我的…" the person\'s own; nothing before it, nobody\'s', () => {
    expect(mentionsOf('他的身份证在抽屉里 我去拿')).toEqual([{ field: 'idNumber', role: 'member' }]);
    expect(mentionsOf('我老伴的身份证在柜子里，等我找找')).toEqual([{ field: 'idNumber', role: 'member' }]);
    expect(mentionsOf('我的手机号得问问孩子')).toEqual([{ field: 'phone', role: 'applicant' }]);
    expect(mentionsOf('身份证在抽屉里 我去拿')).toEqual([{ field: 'idNumber', role: null }]);
  });

  it('a detail given with its value is no mention', () => {
    expect(mentionsOf('身份证210202195603121238')).toEqual([]);
  });
});

describe('findEntities: a name typed fast, without 叫', () => {
  it('"我徐晨 3301…", "俺孔令军，身份证…": a word with a surname after 我/俺 is the person\'s name when a number follows it', () => {
    expect(of('办共济 给我爸 我钱立伟 330106197204101538 13905710000', 'name')).toMatchObject([{ value: '钱立伟', role: 'applicant' }]);
    expect(of('俺孔令军，身份证320102196503142319', 'name')).toMatchObject([{ value: '孔令军', role: 'applicant' }]);
  });

  it('and only then: no number after it, a verb after the surname, or a relative named there is no name', () => {
    expect(of('我钱立伟想问问共济', 'name')).toEqual([]);
    expect(of('我张罗了半天 13812345678', 'name')).toEqual([]);
    expect(of('俺孙女王丽 320102199512026540', 'name')).toMatchObject([{ value: '王丽', role: 'member' }]);
  });
});

describe('peopleCues: kinship words as voice and pinyin input write them (people.yaml misheard)', () => {
  it('reads each misheard form as the word meant, and leaves a form inside a word kept as typed', () => {
    expect(cues.people.respell('俺老半叫刘凤英')).toBe('俺老伴叫刘凤英');
    expect(cues.people.respell('给我息妇和儿纸办')).toBe('给我媳妇和儿子办');
    expect(cues.people.respell('闺nv叫王丽')).toBe('闺女叫王丽');
    expect(cues.people.respell('等了老半天了')).toBe('等了老半天了');
    expect(cues.people.respell('我老板不管这个')).toBe('我老板不管这个');
  });

  it('reads a no voice input wrote with 妹 (妹有喽, 妹有别人了) as the no, and leaves every sister named with 妹 alone', () => {
    expect(cues.people.respell('那就妹有喽')).toBe('那就没有喽');
    expect(cues.people.respell('嗯 妹有别的人啦')).toBe('嗯 没有别的人啦');
    expect(cues.people.respell('那就妹了，谢谢')).toBe('那就没了，谢谢');
    expect(cues.people.respell('我妹有职工医保')).toBe('我妹有职工医保');
    expect(cues.people.respell('妹有医保卡吗')).toBe('妹有医保卡吗');
    expect(cues.people.respell('妹妹')).toBe('妹妹');
    expect(cues.people.respell('还有俺妹')).toBe('还有俺妹');
  });
});

describe('findEntities: a name ending in a character that also ends names before a verb', () => {
  it('"黎伯添 4403…" is 黎伯添, while "周德海添上" is 周德海', () => {
    expect(of('黎伯添 440304195008083311', 'name')).toMatchObject([{ value: '黎伯添' }]);
    expect(of('想把她父亲周德海添上', 'name')).toMatchObject([{ value: '周德海' }]);
  });

  it('keeps 来 and 和 that end a given name before a comma, a number or a word for a detail, and ends a name at them before a verb', () => {
    expect(of('俺爹叫孟庆来，身份证370102194712033317', 'name')).toMatchObject([{ value: '孟庆来', role: 'member' }]);
    expect(of('俺爹孟庆来身份证370102194712033317', 'name')).toMatchObject([{ value: '孟庆来', role: 'member' }]);
    expect(of('我叫郝永和 手机13805311234', 'name')).toMatchObject([{ value: '郝永和', role: 'applicant' }]);
    expect(of('我叫郝永来办共济', 'name')).toMatchObject([{ value: '郝永' }]);
    expect(of('我老婆叫钱丽和我儿子一起绑', 'name')).toMatchObject([{ value: '钱丽' }]);
  });
});

describe('findEntities: a character explained by a word that holds it (people.yaml characterGloss)', () => {
  it('names nobody with the word of a gloss ("同学的学", "孙子的孙字"), and keeps relatives named the usual way', () => {
    expect(of('名字写岔了，我是孙学民，同学的学', 'relationship')).toEqual([]);
    expect(of('应该叫孙立华，孙子的孙字', 'relationship')).toEqual([]);
    expect(of('我妈的妈', 'relationship')).toHaveLength(2);
    expect(of('还有我孙子', 'relationship')).toMatchObject([{ match: { kind: 'eligible', relationship: 'grandchild' } }]);
  });

  it('reads a bare name followed only by glosses of its characters as that name', () => {
    expect(of('孙晓军，孙子的孙，军人的军', 'name')).toMatchObject([{ value: '孙晓军' }]);
    expect(of('张立伟 弓长张', 'name')).toMatchObject([{ value: '张立伟' }]);
    expect(of('汪海生，三点水的汪', 'name')).toMatchObject([{ value: '汪海生' }]);
  });

  it('passes over a surname spelled by its parts right after "叫", before the name it spells', () => {
    expect(of('她叫耳东陈 陈桂兰', 'name')).toMatchObject([{ value: '陈桂兰' }]);
    expect(of('我叫弓长张，张建国', 'name')).toMatchObject([{ value: '张建国' }]);
  });
});

describe('findPeople: a relative whose number is lent without being typed', () => {
  const lentBy = (text: string) => findPeople(normalise(text), { pending: null }, cues).lentBy;

  it.each([
    ['孩子没手机，用我老婆的号', 'spouse', false],
    ['他没有电话，留我闺女的手机吧', 'child', false],
    // The member's relative, said with the member's pronoun: the engine reads who they are to the person.
    ['娃没手机，用他妈的号', 'mother', true],
    ['她没有电话，填她爸爸的手机', 'father', true],
  ] as const)('"%s": lent by the %s (of the member: %s)', (text, relationship, ofMember) => {
    expect(lentBy(text)).toEqual({ relationship, ofMember });
  });

  it('is nobody when the number is typed, or when no relative lends one', () => {
    expect(lentBy('他小没手机，用我女儿的号13912345678')).toBeNull();
    expect(lentBy('我老婆的手机号是多少来着')).toBeNull();
    expect(lentBy('用我的号')).toBeNull();
  });
});

describe('findEntities: 伊 and 渠 (吴语, 闽语) are pronouns', () => {
  it('"伊个医保账户" names no one called 伊个', () => {
    expect(of('老公过世了，伊个医保账户钱会使留给囝仔无', 'name')).toEqual([]);
  });
});

describe('findEntities: an adverb after a relative is no name', () => {
  it('reads "我妈明明交着居民医保" as naming nobody, and "我儿子叫明明" as naming him', () => {
    expect(of('我妈明明在合肥交着居民医保，为啥绑不上', 'name')).toEqual([]);
    expect(of('我爸经常去药店拿药，能用我的共济吗', 'name')).toEqual([]);
    expect(of('我儿子叫明明', 'name')).toMatchObject([{ value: '明明' }]);
  });

  it('reads a full name right after a relative as theirs, though its second character is verb-like', () => {
    expect(of('再加我闺女孙可欣', 'name')).toMatchObject([{ value: '孙可欣' }]);
    expect(of('我妈刘会英 110101194501010021', 'name')).toMatchObject([{ value: '刘会英' }]);
    expect(of('我妈都要绑', 'name')).toEqual([]);
    expect(of('我爸时不时去医院', 'name')).toEqual([]);
    expect(of('帮我老婆王可以办一下', 'name')).toEqual([]);
  });

  it('reads "俺娘用老年机 130…" as naming nobody called 用老年机', () => {
    expect(of('俺娘用老年机 13054187726', 'name')).toEqual([]);
  });

  it('reads "非得他本人来做吗" as naming nobody called 来做吗, while 本人 still introduces a name', () => {
    expect(of('刷脸非得他本人来做吗', 'name')).toEqual([]);
    expect(of('人脸识别要本人来弄不', 'name')).toEqual([]);
    expect(of('本人来明华，身份证号码如下', 'name')).toMatchObject([{ value: '来明华' }]);
  });
});

describe('findEntities: a relative of the member who lends a number', () => {
  it.each(['女儿陈思琪，她没手机，填她爸爸的13928540617', '个女陈思琪，佢冇手机，填佢老豆嘅13928540617'])('"%s": the father only lends his number, nobody new to bind', (text) => {
    expect(of(text, 'relationship').map((entity) => entity.match.word)).toEqual([text.startsWith('个女') ? '女' : '女儿']);
    expect(of(text, 'phone').map((entity) => entity.role)).toEqual(['member']);
  });
});

describe('findEntities: a number the relative said after it lends', () => {
  const asked = (text: string) => findEntities(normalise(text), { pending: 'member.idNumber' }, cues);

  it.each(['330106194702120284，电话13958026631，是他们儿子的号', '13958026631，这是我女儿的手机号'])('"%s": the relative only lends the number, nobody new to bind', (text) => {
    const entities = asked(text);
    expect(entities.filter((entity) => entity.kind === 'relationship')).toEqual([]);
    expect(entities.filter((entity) => entity.kind === 'phone' || entity.kind === 'idNumber').map((entity) => entity.role)).not.toContain('applicant');
  });

  it('"13958026631，我女儿也要绑": a relative said after a number but not to own it stays one to bind', () => {
    expect(asked('13958026631，我女儿也要绑').filter((entity) => entity.kind === 'relationship')).toHaveLength(1);
  });
});

describe('findEntities: the old person a helper types for, named before their word', () => {
  it.each([
    ['我是杭州西湖区的网格员，帮辖区王根发大爷办家庭共济，他要绑老伴', '王根发'],
    ['我是济南一家养老院的护理员，替院里孔庆文老人办家庭共济。被绑的是他闺女孔丽', '孔庆文'],
    ['我是社工，帮王芳阿姨办共济', '王芳'],
  ])('"%s": %s applies', (text, name) => {
    expect(of(text, 'name').find((entity) => entity.value === name)).toMatchObject({ role: 'applicant' });
  });

  it('reads no name into a surname and an elder\'s word alone ("帮刘大爷办"), nor into the words before the word when the name follows it', () => {
    expect(of('我是社工，帮刘大爷办共济', 'name')).toEqual([]);
    expect(of('我是街道社工，帮社区孤寡老人周长庚开家庭共济', 'name').map((entity) => entity.value)).toEqual(['周长庚']);
  });
});

describe('findEntities: a name asked for, with something said of its bearer after it', () => {
  const asked = (text: string) => findEntities(normalise(text), { pending: 'member.name' }, cues).filter((entity) => entity.kind === 'name');

  it('"王子墨，今年九岁" gives 王子墨; with no name asked it gives none', () => {
    expect(asked('王子墨，今年九岁')).toMatchObject([{ value: '王子墨' }]);
    expect(of('王子墨，今年九岁', 'name')).toEqual([]);
  });

  it('takes nothing from a first clause that is no name', () => {
    expect(asked('好的，我问问她')).toEqual([]);
    expect(asked('没有，她不在')).toEqual([]);
  });
});

describe('findEntities: who applies, said of a relative typed for', () => {
  const relatives = (text: string) => of(text, 'relationship').map((entity) => [entity.match.kind === 'eligible' ? entity.match.relationship : entity.match.reason, entity.role]);

  it('"申请人是我爸" makes the father the applicant wherever it stands, and the details after him his', () => {
    expect(relatives('我想给我妈绑，申请人是我爸')).toEqual([['mother', 'member'], ['father', 'applicant']]);
    expect(of('申请人是我爸：赵国栋，身份证110105194908120311', 'idNumber')).toMatchObject([{ role: 'applicant' }]);
  });

  it('"替我爸在北京办…被绑的是我妈": a place between the relative and what is done keeps him the one done for', () => {
    expect(relatives('替我爸在北京办医保家庭共济。被绑的是我妈')).toEqual([['father', 'applicant'], ['mother', 'member']]);
  });

  it('"我是闺女，…": a relative\'s word the typist calls themselves is nobody to bind', () => {
    expect(relatives('我是闺女，想给我妈绑')).toEqual([['mother', 'member']]);
    expect(relatives('我是闺女')).toEqual([['child', 'member']]);
  });

  it('"我替我老婆办，要绑她爸": filing for a relative, a relative owned by 她 is theirs', () => {
    expect(of('我替我老婆办共济，要绑她爸', 'relationship').at(-1)).toMatchObject({ match: { relationship: 'father' }, ownedBy: '她' });
    expect(of('我替我老婆办共济，要绑我爸', 'relationship').at(-1)).not.toHaveProperty('ownedBy');
  });

  it('"他女儿，也就是我妹杨晓蓉": the relative said again another way is one person, with her name', () => {
    expect(relatives('再加他女儿，也就是我妹杨晓蓉，手机15182410093')).toEqual([['child', 'member']]);
    expect(of('再加他女儿，也就是我妹杨晓蓉，手机15182410093', 'name')).toMatchObject([{ value: '杨晓蓉', role: 'member' }]);
    expect(relatives('被绑的是我妈，也就是我爸的老伴')).toEqual([['mother', 'member']]);
  });
});
