import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent, type ContentFile, type ContentProblem } from '../../../src/content/checkContent.js';
import { loadContent } from '../../../src/content/loadContent.js';
import { topics } from '../../../src/content/schema.js';
import { fixtureRoot, fixtureRules, fixturesDir, removeFixtureRoots } from './contentFixture.js';

afterAll(removeFixtureRoots);

async function validFiles(): Promise<ContentFile[]> {
  const root = join(fixturesDir, 'valid');
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const paths = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(paths.sort().map(async (path) => ({ path: relative(root, path).split(sep).join('/'), text: await readFile(path, 'utf8') })));
}

async function problemsOf(caseName: string): Promise<ContentProblem[]> {
  const result = await loadContent(await fixtureRoot(caseName), fixtureRules);
  if (result.ok) throw new Error(`fixture ${caseName} unexpectedly passed`);
  return result.problems;
}

const topicList = topics.join('、');

describe('checkContent on the valid base fixture', () => {
  it('returns the content: FAQ flattened in file order, defaults applied, messages merged', async () => {
    const result = await loadContent(await fixtureRoot(), fixtureRules);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { content } = result;
    expect(content.faq.map((entry) => entry.id)).toEqual([
      'what-is', 'eligibility', 'who-can-bind', 'how-to-bind', 'materials', 'limits', 'face-auth', 'usage-scope',
      'premium-payment', 'cross-region', 'unbind', 'qinqing', 'card-rules', 'review-time',
    ]);
    expect(content.faq[1]?.variants).toEqual([]);
    expect(content.faq[1]?.related).toEqual([]);
    expect(content.regions.map((region) => region.code)).toEqual(['national']);
    expect(content.regions[0]?.unconfirmed).toEqual([]);
    expect(content.regions[0]?.facts.proofs?.value.child?.[0]?.anyOf).toBe(true);
    expect(content.flows.map((flow) => flow.id)).toEqual(['binding']);
    expect(content.flows[0]?.slots[0]?.maxAttempts).toBe(3);
    expect(content.synonyms).toEqual([['家庭共济', '共济', '亲情共济']]);
    expect(content.messages).toEqual({ 'error.generic': '出了点问题，请稍后再试。', 'greeting.hello': '您好，我是共济助手。', 'greeting.bye': '再见，{name}。' });
    expect(Object.keys(content.llmPrompts)).toEqual(['rephrase']);
    expect(content.version).toMatch(/^[0-9a-f]{8}$/);
  });

  it('gives the same version for the same files in any order, and a new one when any text changes', async () => {
    const files = await validFiles();
    const version = (input: ContentFile[]) => {
      const result = checkContent(input, fixtureRules);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      return result.content.version;
    };
    const original = version(files);
    expect(version([...files].reverse())).toBe(original);
    const edited = files.map((file) => (file.path === 'prompts/messages/errors.yaml' ? { ...file, text: file.text.replace('稍后', '过一会儿') } : file));
    expect(version(edited)).not.toBe(original);
  });
});

describe('checkContent reports each kind of mistake exactly', () => {
  const cases: Record<string, ContentProblem[]> = {
    'unknown-validator': [
      {
        file: 'flows/binding.flow.yaml',
        path: 'slots[3].validator',
        message: '未知的校验器「chineseName」，可用：region、personName、idNumber、phone、relationship、yesNo',
      },
    ],
    'unknown-placeholder': [
      {
        file: 'flows/binding.flow.yaml',
        path: 'slots[3].reprompt',
        message: '占位符 {member.relation} 不是本流程的槽位，可用：{region}、{applicant.name}、{member.relationship}、{member.name}、{consent}',
      },
      {
        file: 'flows/binding.flow.yaml',
        path: 'summaryTemplate',
        message: '占位符 {index} 不是本流程的槽位，可用：{region}、{applicant.name}、{member.relationship}、{member.name}、{consent}、{members}',
      },
    ],
    'topic-outside-taxonomy': [
      { file: 'flows/faq/review.yaml', path: 'entries[0].topic', message: `取值无效，可选：${topicList}（当前值：「fees」）` },
    ],
    'topic-without-entry': [{ file: 'flows/faq', path: '', message: '分类 review 还没有任何 FAQ 条目' }],
    'unknown-region': [
      { file: 'flows/faq/review.yaml', path: 'entries[0].regions[1]', message: '地区代码「999998」不存在' },
      { file: 'flows/faq/review.yaml', path: 'entries[0].variants[0].regions[0]', message: '地区代码「999999」不存在' },
    ],
    'region-file-name': [{ file: 'flows/regions/dalian.yaml', path: 'code', message: '文件名应与 code 一致：应为 210200.yaml，现为 dalian.yaml' }],
    'duplicate-faq-id': [
      { file: 'flows/faq/basics.yaml', path: 'entries[5].id', message: 'FAQ id「limits」重复，另见 flows/faq/extra.yaml → entries[0].id' },
      { file: 'flows/faq/extra.yaml', path: 'entries[0].id', message: 'FAQ id「limits」重复，另见 flows/faq/basics.yaml → entries[5].id' },
    ],
    'duplicate-message-id': [
      {
        file: 'prompts/messages/errors.yaml',
        path: 'messages.greeting.hello',
        message: '消息 id「greeting.hello」重复，另见 prompts/messages/greetings.yaml → messages.greeting.hello',
      },
      {
        file: 'prompts/messages/greetings.yaml',
        path: 'messages.greeting.hello',
        message: '消息 id「greeting.hello」重复，另见 prompts/messages/errors.yaml → messages.greeting.hello',
      },
    ],
    'unknown-related': [{ file: 'flows/faq/review.yaml', path: 'entries[0].related[1]', message: '相关条目「review-times」不存在' }],
    'yaml-syntax-error': [
      {
        file: 'flows/faq/review.yaml',
        path: '',
        message:
          'YAML 语法错误（5:1，第 5 行第 1 列「question: 绑定后多久生效」）：缺少必要的符号：列表项前的“- ”，或闭合的引号、括号；其后还有 7 处语法错误，可能由此引起，改好这一处后再检查',
      },
    ],
    'missing-field': [{ file: 'flows/faq/review.yaml', path: 'entries[0].answer', message: '缺少必填字段 answer' }],
    'region-fact-tiers': [
      { file: 'flows/regions/210200.yaml', path: 'facts.review.sources', message: '这条事实只有D级来源：请加一条 A、B 或 C 级来源，或者把它移到 unconfirmed（只在问题提到时作为未经证实的说法回答）' },
      { file: 'flows/regions/210200.yaml', path: 'facts.insuredArea.sources[0]', message: '来源编号「nowhere」不在本文件的 sources 表里，可用：dl、farm、unused' },
      { file: 'flows/regions/210200.yaml', path: 'unconfirmed[0].sources', message: '这条说法有 A、B 或 C 级来源，应写进 facts 作为事实，而不是放在 unconfirmed' },
      { file: 'flows/regions/210200.yaml', path: 'sources.unused', message: '来源「unused」没有被任何事实、说法或说明引用' },
    ],
    'regional-variant': [
      { file: 'flows/faq/extra.yaml', path: 'entries[0].variants', message: '分类 premium_payment 的答案按地区政策文件生成：不能再写地区 variants，请把地区规定写进 flows/regions/*.yaml 的 facts' },
      { file: 'flows/faq/extra.yaml', path: 'entries[1].template', message: '模板 materials 不回答分类 premium_payment 的问题' },
      { file: 'flows/faq/extra.yaml', path: 'entries[2].template', message: '未知的答案模板「phone_numbers」，可用：premium、materials' },
    ],
    'only-tier-d': [
      { file: 'flows/faq/review.yaml', path: 'entries[0].sources', message: '只有D级来源：请至少加一条 A、B 或 C 级来源（D 级的说法需要 A/B 级来源印证）' },
    ],
    'missing-message': [{ file: 'prompts/messages', path: '', message: '缺少消息「greeting.bye」' }],
    'unknown-file': [
      {
        file: 'flows/notes.yaml',
        path: '',
        message:
          '未知的内容文件：内容只能是 flows/faq/*.yaml、flows/regions/*.yaml、flows/*.flow.yaml、flows/synonyms.yaml、flows/nlu/*.yaml、prompts/messages/*.yaml 或 prompts/llm.yaml',
      },
    ],
    'subject-word-twice': [
      { file: 'flows/nlu/subjects.yaml', path: 'self[2]', message: '词「她」只能属于一类人，另见 flows/nlu/subjects.yaml → relative[1]' },
      { file: 'flows/nlu/subjects.yaml', path: 'relative[1]', message: '词「她」只能属于一类人，另见 flows/nlu/subjects.yaml → self[2]' },
    ],
    'role-words': [
      { file: 'flows/nlu/roles.yaml', path: 'sides.receiving[1]', message: '词「户主」只能说一方（出钱的或用钱的），另见 flows/nlu/roles.yaml → sides.giving[0]' },
      { file: 'flows/nlu/roles.yaml', path: 'sides.giving[0]', message: '词「户主」只能说一方（出钱的或用钱的），另见 flows/nlu/roles.yaml → sides.receiving[1]' },
      { file: 'flows/nlu/roles.yaml', path: 'concerns[1]', message: '「医保」不是 flows/synonyms.yaml 里任何一组的第一个词：只有每组的第一个词能当关心的事' },
    ],
    'region-names': [
      { file: 'flows/nlu/regionNames.yaml', path: 'regions[0].nicknames[1]', message: '「上海」已是 src/domain/regions.ts 里的地名，不用再写' },
      { file: 'flows/nlu/regionNames.yaml', path: 'regions[1].code', message: '地区代码「999999」不存在' },
      { file: 'flows/nlu/regionNames.yaml', path: 'regions[0].nicknames[0]', message: '地名「魔都」只能写一次（一个名字只指一个地方），另见 flows/nlu/regionNames.yaml → regions[1].nicknames[0]' },
      { file: 'flows/nlu/regionNames.yaml', path: 'regions[1].nicknames[0]', message: '地名「魔都」只能写一次（一个名字只指一个地方），另见 flows/nlu/regionNames.yaml → regions[0].nicknames[0]' },
      { file: 'flows/nlu/regionNames.yaml', path: 'regions[0].areaCodes[0]', message: '区号「021」只能对应一个地方，另见 flows/nlu/regionNames.yaml → regions[1].areaCodes[0]' },
      { file: 'flows/nlu/regionNames.yaml', path: 'regions[1].areaCodes[0]', message: '区号「021」只能对应一个地方，另见 flows/nlu/regionNames.yaml → regions[0].areaCodes[0]' },
      // 山城 is no name in this file, so 山城路 keeps nothing from being read.
      { file: 'flows/nlu/regionNames.yaml', path: 'notRegions[0]', message: '「山城路」里没有助手认得的地名，不用写在 notRegions 里（这里只写含有地名、却不指一个地方的词）' },
      { file: 'flows/nlu/regionNames.yaml', path: 'notRegions[1]', message: '「花果山」里没有助手认得的地名，不用写在 notRegions 里（这里只写含有地名、却不指一个地方的词）' },
    ],
    'people-words': [
      {
        file: 'flows/nlu/people.yaml',
        path: 'missingDetail.lacks[1]',
        message: '「还没绑」含有绑定的说法「绑」（flows/nlu/filingFor.yaml 的 bindWords）：“妈也要绑”是再绑一个人，不是说她缺什么，这里不能写绑定的说法',
      },
      { file: 'flows/nlu/people.yaml', path: 'names.notNames[0]', message: '「谢谢」写了两次，另见 flows/nlu/people.yaml → names.notNames[2]' },
      { file: 'flows/nlu/people.yaml', path: 'names.notNames[2]', message: '「谢谢」写了两次，另见 flows/nlu/people.yaml → names.notNames[0]' },
      { file: 'flows/nlu/people.yaml', path: 'pronouns.member[0]', message: '代词「她」只能指一方（家人或申请人本人），另见 flows/nlu/people.yaml → pronouns.applicant[1]' },
      { file: 'flows/nlu/people.yaml', path: 'pronouns.applicant[1]', message: '代词「她」只能指一方（家人或申请人本人），另见 flows/nlu/people.yaml → pronouns.member[0]' },
    ],
    'kinship-words': [
      { file: 'flows/nlu/kinship.yaml', path: 'words.grandchild', message: '意思「grandchild」下没有称呼：至少写一个，或删掉这一项' },
      {
        file: 'flows/nlu/kinship.yaml',
        path: 'words.inlaw',
        message: '未知的意思「inlaw」，可用：spouse、father、mother、child、sibling、grandparent、grandchild、spouseParent、inLaw、nonRelative、self',
      },
      { file: 'flows/nlu/kinship.yaml', path: 'words.spouse[1]', message: '称呼「老伴」只能有一种意思（只写一次），另见 flows/nlu/kinship.yaml → words.sibling[1]' },
      { file: 'flows/nlu/kinship.yaml', path: 'words.sibling[1]', message: '称呼「老伴」只能有一种意思（只写一次），另见 flows/nlu/kinship.yaml → words.spouse[1]' },
      {
        file: 'flows/nlu/kinship.yaml',
        path: 'phrases.tables[0].meaning',
        message: '未知的意思「inlaw」，可用：spouse、father、mother、child、sibling、grandparent、grandchild、spouseParent、inLaw、nonRelative、self',
      },
      { file: 'flows/nlu/kinship.yaml', path: 'sex.male[0]', message: '称呼「娃」只能说一种性别，另见 flows/nlu/kinship.yaml → sex.female[0]' },
      { file: 'flows/nlu/kinship.yaml', path: 'sex.female[0]', message: '称呼「娃」只能说一种性别，另见 flows/nlu/kinship.yaml → sex.male[0]' },
    ],
    'people-name-ending': [
      { file: 'flows/nlu/people.yaml', path: 'names.endings[1]', message: '让名字结束的字只写一个字（当前值：「给他」）' },
      { file: 'flows/nlu/people.yaml', path: 'names.notNames[1]', message: '不是名字的词至少写两个字：一个字会让含有它的名字都认不出（当前值：「辛」）' },
    ],
    'latin-words': [
      { file: 'flows/nlu/latinWords.yaml', path: 'words.Dad', message: "键名无效：英文词写小写字母，词间一个空格（例：dad、application status、that's all）（当前值：「Dad」）" },
      { file: 'flows/nlu/latinWords.yaml', path: 'words["id  card"]', message: "键名无效：英文词写小写字母，词间一个空格（例：dad、application status、that's all）（当前值：「id  card」）" },
      { file: 'flows/nlu/latinWords.yaml', path: 'words.upload', message: '写成中文词（可带小写字母和数字，如 app），不带空格和标点（当前值：「上传，」）' },
      { file: 'flows/nlu/latinWords.yaml', path: 'wrods', message: '未知字段 wrods（拼写错误？）' },
    ],
    // A word given twice is caught by the YAML parser, at its line.
    'latin-words-twice': [{ file: 'flows/nlu/latinWords.yaml', path: '', message: 'YAML 语法错误（6:3，第 6 行第 3 列「dad: 父亲」）：同一层里键重复了' }],
    'wrong-schema-line': [
      { file: 'flows/synonyms.yaml', path: '$schema', message: '$schema 应为 ../schemas/synonyms.schema.json，现为「../schemas/faq.schema.json」' },
    ],
  };

  for (const [caseName, expected] of Object.entries(cases)) {
    it(caseName, async () => {
      expect(await problemsOf(caseName)).toEqual(expected);
    });
  }

  it('has a case for every broken fixture folder', async () => {
    const folders = (await readdir(fixturesDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.filter((name) => name !== 'valid').sort()).toEqual(Object.keys(cases).sort());
  });
});

describe('checkContent across files', () => {
  it('collects the problems of every file instead of stopping at the first', async () => {
    const files = await validFiles();
    const broken = files.map((file) => {
      if (file.path === 'flows/binding.flow.yaml') return { ...file, text: file.text.replace('validator: yesNo', 'validator: agree') };
      if (file.path === 'flows/faq/review.yaml') return { ...file, text: file.text.replace("regions: ['210200']", "regions: ['123456']") };
      return file;
    });
    const result = checkContent([...broken, { path: 'prompts/extra.yaml', text: 'a: 1\n' }], fixtureRules);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => `${problem.file} ${problem.path}`)).toEqual([
      'flows/binding.flow.yaml slots[4].validator',
      'flows/faq/review.yaml entries[0].variants[0].regions[0]',
      'prompts/extra.yaml ',
    ]);
  });

  it('refuses a binding word among what is done for a relative (filingFor.yaml): "帮我妈绑一下" binds her', async () => {
    const filingFor = { path: 'flows/nlu/filingFor.yaml', text: 'before: [替我]\ndone: [办, 绑一下]\naskedBy: []\nbindWords: [绑]\nalsoWords: []\n' };
    const result = checkContent([...(await validFiles()), filingFor], fixtureRules);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ file: 'flows/nlu/filingFor.yaml', path: 'done[1]', message: expect.stringContaining('绑') }]);
  });

  describe('kinship words (flows/nlu/kinship.yaml)', () => {
    const kinship = (words: string, tables = '[]') => ({
      path: 'flows/nlu/kinship.yaml',
      text: `words:\n${words}\nphrases:\n  joiners: [的]\n  tables: ${tables}\npossessives: [我]\nsex: { male: [儿子], female: [女儿] }\n`,
    });
    const allRelationships = '  father: [父亲]\n  mother: [母亲]\n  spouse: [配偶, 老伴]\n  child: [子女, 儿子, 女儿]\n  sibling: [兄弟姐妹]\n  grandparent: [祖父母]\n  grandchild: [孙子女]';
    const problems = async (...extra: ContentFile[]) => {
      const result = checkContent([...(await validFiles()), ...extra], fixtureRules);
      return result.ok ? [] : result.problems;
    };

    it('accepts a file with words for every relationship, and reads them', async () => {
      const result = checkContent([...(await validFiles()), kinship(`${allRelationships}\n  inLaw: [嫂子]`)], fixtureRules);
      expect(result.ok && result.content.nlu.kinship.words['inLaw']).toEqual(['嫂子']);
    });

    it('names a relationship the form binds that has no words', async () => {
      expect(await problems(kinship(allRelationships.replace('  grandchild: [孙子女]', '')))).toEqual([
        { file: 'flows/nlu/kinship.yaml', path: 'words', message: '缺少关系 grandchild 的称呼：每种能绑定的关系都要有，第一个词是表单替用户填写这个关系时用的说法' },
      ]);
    });

    it('refuses a phrase table that spells a word meant otherwise', async () => {
      expect(await problems(kinship(`${allRelationships}\n  inLaw: [哥的老伴]`, '[{ meaning: spouseParent, owners: [哥], relatives: [老伴] }]'))).toEqual([
        {
          file: 'flows/nlu/kinship.yaml',
          path: 'phrases.tables[0]',
          message: '这张表拼出的「哥的老伴」意思是 spouseParent，但它已有别的意思：inLaw（flows/nlu/kinship.yaml → words.inLaw[0]）',
        },
      ]);
    });

    it('holds the misheard words of people.yaml to the words of this file: 老半 is 老伴 only while 老伴 is a word', async () => {
      const repoFile = (name: string) => readFile(fileURLToPath(new URL(`../../../flows/nlu/${name}`, import.meta.url)), 'utf8');
      const people = { path: 'flows/nlu/people.yaml', text: await repoFile('people.yaml') };
      const repoKinship = { path: 'flows/nlu/kinship.yaml', text: await repoFile('kinship.yaml') };
      expect(await problems(people, repoKinship)).toEqual([]);
      const withoutLaoban = { ...repoKinship, text: repoKinship.text.replace(' 老伴, 老伴儿,', ' 老伴儿,') };
      expect(withoutLaoban.text).not.toBe(repoKinship.text);
      expect(await problems(people, withoutLaoban)).toEqual([
        { file: 'flows/nlu/people.yaml', path: 'misheard.words["老伴"]', message: '「老伴」不是助手认得的亲属称呼（flows/nlu/kinship.yaml）：这里只写亲属称呼的错字' },
      ]);
    });
  });

  it('holds a variant with sources of its own to the same rule as its entry', async () => {
    const files = (await validFiles()).map((file) =>
      file.path === 'flows/faq/review.yaml'
        ? {
            ...file,
            text: file.text.replace(
              '        answer: 大连提交后一般当天就能审核完毕。\n',
              "        answer: 大连提交后一般当天就能审核完毕。\n        sources: [{ title: 某问答网站, url: 'https://example.com/q', tier: D, verified: '2026-11-20' }]\n",
            ),
          }
        : file,
    );
    expect(checkContent(files, fixtureRules)).toEqual({
      ok: false,
      warnings: [],
      problems: [
        {
          file: 'flows/faq/review.yaml',
          path: 'entries[0].variants[0].sources',
          message: '只有D级来源：请至少加一条 A、B 或 C 级来源（D 级的说法需要 A/B 级来源印证）',
        },
      ],
    });
  });

  it('reports a missing national policy and a missing binding flow', async () => {
    const files = (await validFiles()).filter((file) => file.path !== 'flows/regions/national.yaml' && file.path !== 'flows/binding.flow.yaml');
    expect(checkContent(files, fixtureRules)).toEqual({
      ok: false,
      warnings: [],
      problems: [
        { file: 'flows', path: '', message: '缺少 id 为 binding 的流程（flows/binding.flow.yaml）' },
        { file: 'flows/regions', path: '', message: '缺少全国默认政策：需要 flows/regions/national.yaml（code: national）' },
      ],
    });
  });

  it('names each missing field, wrong value, wrong type and misspelt field', async () => {
    const files = (await validFiles()).map((file) =>
      file.path === 'flows/regions/national.yaml'
        ? {
            ...file,
            text: file.text
              .replace('name: 全国通用\n', '')
              .replace('faceAuthAge: { value: 16', 'faceAuthAge: { value: 20')
              .replace('moneyModel:', 'moneyModle:')
              .replace("number: '12393'", 'number: 12393'),
          }
        : file,
    );
    const result = checkContent(files, fixtureRules);
    expect(result.ok ? [] : result.problems).toEqual([
      { file: 'flows/regions/national.yaml', path: 'name', message: '缺少必填字段 name' },
      { file: 'flows/regions/national.yaml', path: 'facts.faceAuthAge.value', message: '不能大于 18（当前值：「20」）' },
      { file: 'flows/regions/national.yaml', path: 'facts.hotlines.value[0].number', message: '类型不对：应为文本，实际是数字，当文本用时请加引号（当前值：「12393」）' },
      { file: 'flows/regions/national.yaml', path: 'facts.moneyModle', message: '未知字段 moneyModle（拼写错误？）' },
    ]);
  });

  it('requires the national policy to hold every fact the regions inherit', async () => {
    const files = (await validFiles()).map((file) =>
      file.path === 'flows/regions/national.yaml' ? { ...file, text: file.text.replace(/  wallet:.*\n/, '') } : file,
    );
    const result = checkContent(files, fixtureRules);
    expect(result.ok ? [] : result.problems).toEqual([
      { file: 'flows/regions/national.yaml', path: 'facts', message: '全国默认政策必须写明 wallet：没有自己规定的地区都从这里继承' },
    ]);
  });

  it('warns, without failing, about sources verified longer ago than the staleness limit', async () => {
    const files = (await validFiles()).map((file) =>
      file.path === 'flows/regions/national.yaml' ? { ...file, text: file.text.replace("verified: '2026-11-20'", "verified: '2026-01-10'") } : file,
    );
    const now = new Date('2026-11-30T08:00:00Z');
    const stale = checkContent(files, { ...fixtureRules, staleness: { now, days: 180 } });
    expect(stale.ok).toBe(true);
    expect(stale.warnings).toEqual([
      { file: 'flows/regions/national.yaml', path: 'sources.gov.verified', message: '来源已经 324 天没有核实（超过 180 天）：请重新核对并更新 verified' },
    ]);
    expect(checkContent(files, { ...fixtureRules, staleness: { now, days: 400 } }).warnings).toEqual([]);
  });

  it('explains an empty file and an alias without its anchor', () => {
    const result = checkContent(
      [
        { path: 'prompts/llm.yaml', text: '# 还没写\n' },
        { path: 'flows/synonyms.yaml', text: 'groups:\n  - [共济, *friend]\n' },
      ],
      fixtureRules,
    );
    const ofTheseFiles = result.ok ? [] : result.problems.filter((problem) => ['flows/synonyms.yaml', 'prompts/llm.yaml'].includes(problem.file));
    expect(ofTheseFiles).toEqual([
      { file: 'flows/synonyms.yaml', path: '', message: 'YAML 语法错误（2:10，第 2 行第 10 列「- [共济, *friend]」）：别名 *friend 之前没有定义锚点 &friend' },
      { file: 'prompts/llm.yaml', path: '', message: '文件是空的' },
    ]);
  });

  it('checks conversation tests like any content: a topic outside the taxonomy, an unknown region and a misspelt field, each at its place', async () => {
    const test = [
      'name: 一个坏掉的对话测试',
      "region: '123456'",
      'turns:',
      '  - user: 能绑几个人',
      '    topic: limit',
      "    say: ['6']",
    ].join('\n');
    const result = checkContent([...(await validFiles()), { path: 'flows/tests/broken.yaml', text: `${test}\n` }], fixtureRules);
    const paths = result.ok ? [] : result.problems.map((problem) => `${problem.file} ${problem.path}`);
    expect(paths).toEqual(['flows/tests/broken.yaml turns[0].topic', 'flows/tests/broken.yaml turns[0].say']);
    const valid = checkContent([...(await validFiles()), { path: 'flows/tests/fine.yaml', text: test.replace('limit\n', 'limits\n').replace('say:', 'says:').replace('123456', '210200') }], fixtureRules);
    expect(valid.ok && valid.content.tests.map((entry) => entry.test.turns[0]?.topic)).toEqual(['limits']);
  });

  it('refuses digits typed without quotes in a conversation test: YAML would test 411 instead of 0411', async () => {
    const test = ['name: 只报区号', 'turns:', '  - user: 大连的', '  - user: 0411', '    says: [0411]'].join('\n');
    const result = checkContent([...(await validFiles()), { path: 'flows/tests/area-code.yaml', text: `${test}\n` }], fixtureRules);
    const problems = result.ok ? [] : result.problems.map((problem) => `${problem.file} ${problem.path}: ${problem.message}`);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^flows\/tests\/area-code\.yaml turns\[1\]\.user: 数字要加引号/);
    expect(problems[1]).toMatch(/turns\[1\]\.says\[0\]: 数字要加引号/);
    const quoted = checkContent([...(await validFiles()), { path: 'flows/tests/area-code.yaml', text: `${test.replaceAll('0411', '"0411"')}\n` }], fixtureRules);
    expect(quoted.ok && quoted.content.tests.at(-1)?.test.turns[1]).toMatchObject({ user: '0411', says: ['0411'] });
  });

  it('gives content whose only change is a conversation test the same version (conversations do not start over)', async () => {
    const files = await validFiles();
    const withTest = checkContent([...files, { path: 'flows/tests/a.yaml', text: 'name: 一个测试\nturns:\n  - user: 你好\n' }], fixtureRules);
    const without = checkContent(files, fixtureRules);
    expect(withTest.ok && without.ok && withTest.content.version === without.content.version).toBe(true);
  });

  it('reports a placeholder in an FAQ answer at the answer: people would see it as written', async () => {
    const files = (await validFiles()).map((file) =>
      file.path === 'flows/faq/basics.yaml' ? { ...file, text: file.text.replace('answer: 家庭共济让家人用您的医保个人账户余额看病买药。', "answer: '家庭共济让{member.name}用您的医保个人账户余额看病买药。'") } : file,
    );
    const result = checkContent(files, fixtureRules);
    expect(result.ok ? [] : result.problems).toEqual([
      { file: 'flows/faq/basics.yaml', path: 'entries[0].answer', message: '占位符 {member.name} 不是任何槽位：常见问题的答案原样显示给用户，不会替换占位符，请直接写出内容' },
    ]);
  });
});
