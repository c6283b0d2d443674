import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/content/loadContent.js';
import { repoContentRules } from '../../../src/content/repoContentRules.js';
import { placeFeatures, roleFeatures, rolesOf, sideMentions } from '../../../src/nlu/roleFeatures.js';
import { subjectsOf } from '../../../src/nlu/subjectFeatures.js';
import { synonymHeads } from '../../../src/nlu/textFeatures.js';

// Texts as the classifiers see them: relationship words are Ⓕ (textFeatures.ts).
const subjects = subjectsOf({ self: ['我', '俺'], relative: ['他', '她', '家人', '老人'], stranger: ['别人'], linkers: ['的', '家'], phrases: [] });
const roles = rolesOf({
  receiving: { before: ['给', '让', '把', '绑'], after: ['被', '用'] },
  giving: { before: ['被', '用'], after: ['的钱', '的个账'], toward: ['给', '绑'] },
  modals: ['能', '可以', '能不能'],
  pronouns: ['他', '她'],
  sides: { receiving: ['被绑定的人', '使用人'], giving: ['授权人'] },
  bindWords: ['绑'],
  concerns: ['居民医保', '职工医保'],
  elsewhere: ['老家', '外地'],
  joiners: ['和'],
  describers: ['的'],
});
const synonyms = synonymHeads([['居民医保', '新农合'], ['职工医保', '单位医保']]);
/** The side features of a masked text, with the words it is made of (cut by character where no word is given). */
const sides = (masked: string, words: readonly string[] = []) => roleFeatures(masked, words, synonyms, subjects, roles);

describe('roleFeatures: who gives and who receives', () => {
  it('reads the side a concern is said of, not who is named: the giver\'s or the receiver\'s 居民医保', () => {
    expect(sides('我是居民医保,能给家人用吗', ['我', '是', '居民医保', '能', '给', '家人', '用', '吗'])).toEqual(['r:Ⓢ给', 'r:Ⓕ受', 'rc:给>居民医保']);
    expect(sides('Ⓕ是新农合,能被我绑吗', ['Ⓕ', '是', '新农合', '能', '被', '我', '绑', '吗'])).toEqual(['r:Ⓕ受', 'r:Ⓢ给', 'rc:受>居民医保']);
    expect(sides('我是居民医保,能被Ⓕ绑吗', ['我', '是', '居民医保', '能', '被', 'Ⓕ', '绑', '吗'])).toEqual(['r:Ⓢ受', 'r:Ⓕ给', 'rc:受>居民医保']);
  });

  it('lets what is a person\'s outweigh 把 before them, and reads a pronoun as the relative named before it', () => {
    expect(sides('Ⓕ是新农合,能把她的钱给我用吗', ['Ⓕ', '是', '新农合', '能', '把', '她', '的', '钱', '给', '我', '用', '吗'])).toEqual(['r:Ⓕ给', 'r:Ⓕ给', 'r:Ⓢ受', 'rc:给>居民医保']);
  });

  it('reads the only relative named, with a binding word to nobody after them, as the one to bind', () => {
    expect(sides('Ⓕ交的是新农合能绑吗', ['Ⓕ', '交', '的', '是', '新农合', '能', '绑', '吗'])).toEqual(['r:Ⓕ受', 'rc:受>居民医保']);
    // Binding someone else makes the insured one the giver.
    expect(sides('老人交的新农合能不能绑Ⓕ', ['老人', '交', '的', '新农合', '能不能', '绑', 'Ⓕ'])).toEqual(['r:Ⓕ给', 'r:Ⓕ受', 'rc:给>居民医保']);
  });

  it('reads a relationship word said again as the same person: the grandson on 新农合 is the one given to', () => {
    const masked = '爷爷是职工医保,Ⓕ在老家交的新农合,问能不能给Ⓕ共济';
    const words = ['爷爷', '是', '职工医保', 'Ⓕ', '在', '老家', '交', '的', '新农合', '问', '能不能', '给', 'Ⓕ', '共济'];
    expect(roleFeatures(masked, words, synonyms, subjects, roles, [':孙子', ':孙子'])).toContain('rc:受>居民医保');
    // Two words, two people: the first, nobody's side said, is taken for the giver.
    expect(roleFeatures(masked, words, synonyms, subjects, roles, [':孙子', ':孙女'])).toContain('rc:给>居民医保');
  });

  it('reads a side said as a noun, and a relative word inside one', () => {
    expect(sides('被绑定的人需要什么条件')).toEqual(['r:受']);
    expect(sides('授权人必须是职工医保吗', ['授权人', '必须', '是', '职工医保', '吗'])).toEqual(['r:给', 'rc:给>职工医保']);
    expect(sideMentions('使用人和别人', subjects, roles)).toEqual([{ start: 0, end: 3, who: 'noun', side: 'receiving' }]);
  });

  it('reads 绑到 in the editors\' roles.yaml as whom the relative is bound to: "能绑到我这边吗" makes me the giver', async () => {
    const loaded = await loadContent(fileURLToPath(new URL('../../../', import.meta.url)), repoContentRules);
    if (!loaded.ok) throw new Error('content does not load');
    const repoRoles = rolesOf(loaded.content.nlu.roles);
    const read = (masked: string, words: readonly string[]) => roleFeatures(masked, words, synonyms, subjects, repoRoles);
    // The relative on 新农合 is the one bound to me: who_can_bind's concern, never the giver's.
    expect(read('Ⓕ是新农合,能绑到我这边吗', ['Ⓕ', '是', '新农合', '能', '绑到', '我', '这边', '吗'])).toEqual(['r:Ⓕ受', 'r:Ⓢ给', 'rc:受>居民医保']);
    expect(read('Ⓕ能绑到我的共济上吗', ['Ⓕ', '能', '绑到', '我', '的', '共济', '上', '吗'])).toEqual(['r:Ⓕ受', 'r:Ⓢ给']);
    // Binding my brother to me while I am on 新农合: I give.
    expect(read('我是新农合,能把Ⓕ绑到我名下吗', ['我', '是', '新农合', '能', '把', 'Ⓕ', '绑到', '我', '名下', '吗'])).toEqual(['r:Ⓢ给', 'r:Ⓕ受', 'r:Ⓢ给', 'rc:给>居民医保']);
  });

  it('reads the words before "我的Ⓕ" and before relatives listed together as speaking of each relative', () => {
    expect(sides('能给我Ⓕ买药吗')).toEqual(['r:Ⓕ受']);
    expect(sides('想把我的Ⓕ加进来')).toEqual(['r:Ⓕ受']);
    expect(sides('能给Ⓕ和Ⓕ买药吗')).toEqual(['r:Ⓕ受', 'r:Ⓕ受']);
    // Both parents receive, so the person who names no side of their own gives, and their 职工医保 is the giver's.
    expect(sides('我交的是职工医保,能把余额给我ⒻⒻ用吗', ['我', '交', '的', '是', '职工医保', '能', '把', '余额', '给', '我', 'Ⓕ', 'Ⓕ', '用', '吗'])).toEqual(['r:Ⓢ给', 'r:Ⓕ受', 'r:Ⓕ受', 'rc:给>职工医保']);
  });

  it('reads the one relative named beside the person, with a binding word to nobody after them, as the one to bind', () => {
    expect(sides('我是职工医保,我Ⓕ是居民医保,能绑吗', ['我', '是', '职工医保', '我', 'Ⓕ', '是', '居民医保', '能', '绑', '吗'])).toEqual(['r:Ⓢ给', 'r:Ⓕ受', 'rc:给>职工医保', 'rc:受>居民医保']);
  });

  it('gives a concern said before anyone in its clause to whom it describes, to someone of an earlier clause, or else to the asker', () => {
    expect(sides('交新农合的能当被绑定的人吗', ['交', '新农合', '的', '能', '当', '被绑定的人', '吗'])).toEqual(['r:受', 'rc:受>居民医保']);
    expect(sides('新农合能绑家人吗', ['新农合', '能', '绑', '家人', '吗'])).toEqual(['r:Ⓕ受', 'rc:给>居民医保']);
    expect(sides('Ⓕ在读书,交的新农合,能把她的钱给我用吗', ['Ⓕ', '在', '读书', '交', '的', '新农合', '能', '把', '她', '的', '钱', '给', '我', '用', '吗'])).toEqual(['r:Ⓕ给', 'r:Ⓕ给', 'r:Ⓢ受', 'rc:给>居民医保']);
  });

  it('says nothing of a concern when nobody\'s side is known', () => {
    expect(sides('居民医保能共济吗', ['居民医保', '能', '共济', '吗'])).toEqual([]);
    expect(sides('我是职工医保', ['我', '是', '职工医保'])).toEqual([]);
  });
});

describe('placeFeatures: two places in one message', () => {
  const places = (text: string) => [...new Set(placeFeatures(text, roles))];
  it('tells two provinces from two places of one province and from a place beside one said without a name', () => {
    expect(places('我在天津参保,我老婆在北京参保,能绑吗')).toEqual(['pl:两省']);
    expect(places('我在广州打工,老伴在河南农村')).toEqual(['pl:两省']);
    expect(places('我在广州,我妈在深圳,能绑吗')).toEqual(['pl:一省两地']);
    expect(places('人在上海,老家的父母能绑吗')).toEqual(['pl:一地+别处']);
  });

  it('reads a city named with its province, or one place, as one place', () => {
    expect(placeFeatures('广东深圳能绑父母吗', roles)).toEqual([]);
    expect(placeFeatures('我在大连参保,能绑哪些人', roles)).toEqual([]);
    expect(placeFeatures('老家的父母能绑吗', roles)).toEqual([]);
  });
});
