import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FactName, RegionFile } from '../../../src/content/regionPolicySchema.js';
import type { Relationship } from '../../../src/content/schema.js';
import { regionByCode, regionLineage } from '../../../src/domain/index.js';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { faqReply } from '../../../src/engine/faqAnswer.js';
import { answerMessageIds, answerTemplates, type AnswerTemplateName } from '../../../src/engine/regionAnswers.js';
import type { ConversationState, Reply } from '../../../src/engine/state.js';
import { initialState, step } from '../../../src/engine/step.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';
import { makeIdNumber } from '../../helpers/idNumbers.js';

/**
 * Generated over every region file and every region-dependent answer: what each answer must say is worked out here
 * from the raw region files (walking the chain city → province → national by hand), not from the renderer.
 */

const now = new Date('2026-11-22T02:00:00Z');
let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
});

const regionCodes = readdirSync(fileURLToPath(new URL('../../../flows/regions', import.meta.url)))
  .map((name) => name.replace(/\.yaml$/, ''))
  .filter((code) => code !== 'national');

const labels: Record<Relationship, string> = {
  spouse: '配偶', father: '父亲', mother: '母亲', child: '子女', sibling: '兄弟姐妹', grandparent: '祖父母/外祖父母', grandchild: '孙子女/外孙子女',
};

/** The nearest file up the chain that states the fact, found by hand. */
function nearest<Name extends FactName>(regions: readonly RegionFile[], code: string | null, name: Name) {
  const lineage = code ? regionLineage(code) : ['national'];
  for (const candidate of lineage) {
    const file = regions.find((region) => region.code === candidate);
    const fact = file?.facts[name];
    if (file && fact) return { file, fact: fact as NonNullable<RegionFile['facts'][Name]> };
  }
  return undefined;
}

function whoseRule(code: string): string {
  return code === 'national' ? '按全国一般规定' : `按${regionByCode(code)!.fullName}的规定`;
}

function titlesOf(file: RegionFile, ids: readonly string[]): string[] {
  return ids.map((id) => file.sources[id]!.title);
}

function entryFor(template: AnswerTemplateName) {
  const entry = context.content.faq.find((candidate) => candidate.template === template);
  if (!entry) throw new Error(`no FAQ entry uses the template ${template}`);
  return entry;
}

function answer(template: AnswerTemplateName, code: string | null, question?: string, on: EngineContext = context): Reply {
  const entry = entryFor(template);
  return faqReply(on.content, entry, code, question ?? entry.question);
}

/** Every fact the template can state, resolved by hand, with its sources' titles. */
function possibleSources(regions: readonly RegionFile[], code: string, template: AnswerTemplateName): Set<string> {
  const titles = new Set<string>();
  for (const name of answerTemplates[template].facts) {
    const found = nearest(regions, code, name);
    if (found) for (const title of titlesOf(found.file, found.fact.sources)) titles.add(title);
  }
  return titles;
}

/** What each answer must say for a region, from the raw facts. */
const expectations: Record<AnswerTemplateName, { fact: FactName | null; says: (value: any) => string[] }> = {
  who_can_bind: { fact: 'relationships', says: (allowed: Relationship[]) => allowed.map((relationship) => labels[relationship]) },
  // Limits may be absent all the way up the chain; the dedicated test below checks each kind.
  limits: { fact: null, says: () => [] },
  materials: { fact: 'windowDocuments', says: (documents: string[]) => documents },
  how_to_bind: { fact: 'channels', says: (channels: { name: string; path: string[] }[]) => channels.map((channel) => (channel.path.length > 0 ? `${channel.name}（${channel.path.join(' → ')}）` : channel.name)) },
  review: { fact: 'review', says: (review) => (review.workingDays ? [`${review.workingDays[0]}–${review.workingDays[1]}个工作日`] : []) },
  cross_region: { fact: 'insuredArea', says: () => ['医保钱包'] },
  premium_payment: { fact: 'premiumPayment', says: (value: { items: string[] }) => value.items },
  unbind: { fact: 'unbinding', says: (value) => (value.where ? [value.where.channel, ...value.where.path] : []) },
  hotline: { fact: 'hotlines', says: (hotlines: { number: string }[]) => hotlines.map((hotline) => hotline.number) },
  money_model: { fact: 'moneyModel', says: (model) => (model.kind === 'transfer' ? ['划拨', ...(model.threshold ? [`超过${model.threshold}元`] : [])] : ['授权使用']) },
};

describe('region-dependent answers, generated over every region file and every template', () => {
  const templates = Object.keys(answerTemplates) as AnswerTemplateName[];

  it('has an FAQ entry for every template, and the answer messages the code needs', () => {
    for (const template of templates) expect(entryFor(template).topic).toBeDefined();
    const used = new Set<string>();
    const source = readFileSync(fileURLToPath(new URL('../../../src/engine/regionAnswers.ts', import.meta.url)), 'utf8');
    for (const match of source.matchAll(/'(answer\.[A-Za-z_.]+[A-Za-z_])'/g)) used.add(match[1]!);
    for (const id of used) expect(answerMessageIds).toContain(id);
  });

  for (const code of regionCodes) {
    for (const template of templates) {
      it(`${code} × ${template}: states that region's facts, says whose rule each is, cites exactly their sources`, () => {
        const regions = context.content.regions;
        const reply = answer(template, code);
        const { fact, says } = expectations[template];
        const found = fact ? nearest(regions, code, fact) : undefined;
        if (fact) {
          expect(found, `${fact} resolves for ${code}`).toBeDefined();
          expect(reply.text).toContain(whoseRule(found!.file.code));
          for (const words of says(found!.fact.value)) expect(reply.text).toContain(words);
        }

        // Cites exactly what it states: every cited source belongs to a fact of this template along the chain.
        const allowedTitles = possibleSources(regions, code, template);
        const cited = reply.sources ?? [];
        if (fact) expect(cited.length).toBeGreaterThan(0);
        for (const source of cited) expect(allowedTitles).toContain(source.title);
        if (found) for (const title of titlesOf(found.file, found.fact.sources)) expect(cited.map((source) => source.title)).toContain(title);

        // Never volunteers a tier-D-only claim, never asks for the region it knows, never shows an internal label.
        expect(cited.every((source) => source.tier !== 'D' || allowedTitles.has(source.title))).toBe(true);
        for (const file of regions) for (const claim of file.unconfirmed) expect(reply.text).not.toContain(claim.claim);
        expect(reply.text).not.toMatch(/告诉我您在哪个城市|种子文件/);
      });
    }
  }

  it('limits: states the total, per-relationship and lifetime limits where a region has them, and says none is sourced otherwise', () => {
    for (const code of regionCodes) {
      const regions = context.content.regions;
      const text = answer('limits', code).text;
      const total = nearest(regions, code, 'totalLimit');
      if (total) expect(text).toContain(`${whoseRule(total.file.code)}，同一时间最多绑定${total.fact.value}位家人`);
      else expect(text).toContain('没有查到有可靠来源的总人数上限');
      const each = nearest(regions, code, 'relationshipLimits');
      if (each) for (const [relationship, max] of Object.entries(each.fact.value)) expect(text).toContain(`${labels[relationship as Relationship]}${max}人`);
      const lifetime = nearest(regions, code, 'lifetimeLimit');
      if (lifetime) expect(text).toContain(`累计最多绑定${lifetime.fact.value}人`);
      // How many authorizers one relative may have is the same question asked the other way round.
      const oneAuthorizer = nearest(regions, code, 'oneAuthorizer')!;
      expect(text).toContain(`${whoseRule(oneAuthorizer.file.code)}，${oneAuthorizer.fact.value.memberBoundOnce ? '一位家人同一时间只能被一位授权人绑定' : '一位家人可以被不止一位授权人关联'}`);
    }
  });

  it('limits: asked how many people may bind one relative, that comes first, and the member counts still follow', () => {
    const perMember = answer('limits', '210200', '我妈能同时被我和我姐绑吗？一个家人能被几个人绑？').text;
    const perAuthorizer = answer('limits', '210200', '最多能绑几个家人？').text;
    for (const text of [perMember, perAuthorizer]) {
      expect(text).toContain('一位家人同一时间只能被一位授权人绑定');
      expect(text).toContain('同一时间最多绑定6位家人');
    }
    expect(perMember.indexOf('只能被一位授权人')).toBeLessThan(perMember.indexOf('最多绑定6位'));
    expect(perAuthorizer.indexOf('最多绑定6位')).toBeLessThan(perAuthorizer.indexOf('只能被一位授权人'));
  });

  it('how to bind: a question naming a spouse also gets who of the two binds, the spouse limit and one-way binding where the region has them', () => {
    for (const code of regionCodes) {
      const regions = context.content.regions;
      const reply = answer('how_to_bind', code, '怎么给老伴绑定家庭共济？');
      expect(reply.text).toContain('关系选“配偶”');
      const each = nearest(regions, code, 'relationshipLimits');
      const spouses = (each?.fact.value as Partial<Record<Relationship, number>> | undefined)?.spouse;
      if (spouses !== undefined) expect(reply.text).toContain(`${whoseRule(each!.file.code)}，配偶只能绑${spouses}人`);
      else expect(reply.text).not.toContain('配偶只能绑');
      const oneAuthorizer = nearest(regions, code, 'oneAuthorizer')!;
      expect(reply.text.includes('绑定是单向的')).toBe(oneAuthorizer.fact.value.boundCannotBind === true);
      const allowedTitles = possibleSources(regions, code, 'how_to_bind');
      expect((reply.sources ?? []).every((source) => allowedTitles.has(source.title))).toBe(true);
      // Without a spouse named the steps stand alone.
      expect(answer('how_to_bind', code, '给我妈绑定怎么弄？').text).not.toContain('关系选“配偶”');
    }
  });

  it('how to bind: a question naming a child also gets that the child must be insured, the proofs for a child and which parent binds', () => {
    for (const code of regionCodes) {
      const regions = context.content.regions;
      const reply = answer('how_to_bind', code, '给我家孩子绑定共济咋弄？');
      expect(reply.text).toContain('关系选“子女”');
      const oneAuthorizer = nearest(regions, code, 'oneAuthorizer')!;
      expect(reply.text).toContain(oneAuthorizer.fact.value.memberBoundOnce ? '一个孩子同一时间只能被一位家长绑定' : '一位家人可以被不止一位授权人关联');
      const allowedTitles = possibleSources(regions, code, 'how_to_bind');
      expect((reply.sources ?? []).every((source) => allowedTitles.has(source.title))).toBe(true);
      expect(answer('how_to_bind', code, '给我爸绑定怎么弄？').text).not.toContain('关系选“子女”');
    }
    expect(answer('how_to_bind', '210200', '给未成年孩子绑定咋弄？').text).toContain('子女（未成年）提供户口簿或出生医学证明');
  });

  it('who can be bound: a region that narrows the list says which relationships are not allowed and why', () => {
    for (const code of regionCodes) {
      const found = nearest(context.content.regions, code, 'relationships')!;
      const refused = (Object.keys(labels) as Relationship[]).filter((relationship) => !found.fact.value.includes(relationship));
      const text = answer('who_can_bind', code).text;
      if (refused.length > 0) {
        expect(text).toContain(`${refused.map((relationship) => labels[relationship]).join('、')}目前不在可以绑定的范围内`);
        expect(text).toContain(found.fact.note!);
      } else {
        expect(text).not.toContain('目前不在可以绑定的范围内');
      }
    }
  });

  it('a region without its own fact gets the nearest one up the chain and says whose rule it is', () => {
    // 广州 has no channels of its own: 广东省's apply. 天津 has none: the national ones apply.
    expect(answer('how_to_bind', '440100').text).toContain('按广东省的规定，可以在这些地方办理：粤医保');
    expect(answer('how_to_bind', '120000').text).toContain('按全国一般规定，可以在这些地方办理：国家医保服务平台APP');
    // A district with no file of its own finds its city.
    expect(answer('limits', '210202').text).toContain('按大连市的规定，同一时间最多绑定6位家人');
  });

  it('asks for the region only while it is unknown', () => {
    expect(answer('limits', null).text).toContain('告诉我您在哪个城市参保');
    expect(answer('limits', '210200').text).not.toContain('告诉我您在哪个城市参保');
  });

  it('answers a tier-D claim only when the question names it, and then as unconfirmed', () => {
    const named = answer('limits', '130000', '河北家庭共济最多绑8个人吗？');
    expect(named.text).toContain('网上有“河北最多可以绑定8人”的说法');
    expect(named.text).toContain('我们没有查到官方或可靠来源证实');
    expect(named.text).not.toMatch(/按河北省的规定[^。]*8/);
    expect(named.sources?.some((source) => source.tier === 'D')).toBe(true);
    expect(answer('limits', '130000', '河北能绑几个人？').text).not.toContain('8人');
    expect(answer('limits', '500000', '一个家人能被几个人关联？').text).toContain('仅能被绑定（关联）一次');
  });

  it('materials: per relationship and age band, from the region file', () => {
    const adult = answer('materials', '210200', '绑定成年子女需要提交什么材料？').text;
    expect(adult).toContain('子女（已成年）不用提供关系证明');
    expect(adult).not.toContain('出生医学证明；');
    const minor = answer('materials', '210200', '给未成年孩子绑定要什么证明材料？').text;
    expect(minor).toContain('子女（未成年）提供户口簿或出生医学证明');
    // Pledge regions say so; others leave it to the page (承诺制 is sourced for 江苏, 甘肃, 安徽 only).
    expect(answer('materials', '320000').text).toContain('承诺制');
    expect(answer('materials', '310000').text).not.toContain('承诺制');
  });

  it('money model: 福建 and 甘肃 move money into a family account, others authorise use', () => {
    expect(answer('money_model', '350000').text).toContain('只有超过2000元的那部分余额可以划拨');
    expect(answer('money_model', '620000').text).toContain('划拨');
    expect(answer('money_model', '210200').text).toContain('钱一直留在您自己的个人账户里');
  });
});

function mutated(change: (dalian: RegionFile) => RegionFile): EngineContext {
  const regions = context.content.regions.map((file) => (file.code === '210200' ? change(structuredClone(file)) : file));
  return { ...context, content: { ...context.content, regions } };
}

function converse(on: EngineContext, region: string, texts: readonly string[]): { state: ConversationState; replies: Reply[] } {
  let state = initialState(on, `region-${region}`, region);
  let replies: Reply[] = [];
  for (const text of texts) {
    const result = step(on, state, { type: 'text', text }, now);
    state = result.state;
    replies = result.effects.flatMap((effect) => (effect.type === 'reply' ? [effect.reply] : []));
  }
  return { state, replies };
}

const applicant = makeIdNumber({ region: '210202', birthDate: '1975-03-15', sex: 'male' });
const toRelationship = ['我要绑定', '张伟', applicant, '13812345678'];

describe('mutation: the region file alone decides the answer and the form', () => {
  it('changing a limit changes the rendered answer and where the form stops adding members', () => {
    const fewer = mutated((dalian) => ({ ...dalian, facts: { ...dalian.facts, relationshipLimits: { ...dalian.facts.relationshipLimits!, value: { spouse: 1, father: 1, mother: 1, child: 1 } } } }));
    expect(answer('limits', '210200', undefined, fewer).text).toContain('子女1人');
    expect(answer('limits', '210200').text).toContain('子女3人');

    const child = (name: string, birthDate: string, sequence: number) => ['子女', name, makeIdNumber({ region: '210202', birthDate, sequence }), '13912345678'];
    const twoChildren = [...toRelationship, ...child('张小明', '2005-01-02', 311), '继续添加', ...child('张小红', '2008-05-06', 412)];
    const original = converse(context, '210200', twoChildren);
    const limited = converse(fewer, '210200', twoChildren);
    expect(original.state.form?.members).toHaveLength(2);
    expect(limited.state.form?.members).toHaveLength(1);
    // The limit is told as soon as the relationship is given, before a name, ID or phone is asked.
    const refused = converse(fewer, '210200', twoChildren.slice(0, twoChildren.indexOf('继续添加') + 2));
    expect(refused.replies.map((reply) => reply.text).join('\n')).toContain('最多只能绑定1');
    expect(refused.state.form?.pending).toBe('member.relationship');
  });

  it('changing the allowed relationships changes the answer, the form’s choices and what it accepts', () => {
    const widened = mutated((dalian) => ({ ...dalian, facts: { ...dalian.facts, relationships: { ...dalian.facts.relationships!, value: ['spouse', 'father', 'mother', 'child', 'sibling'] } } }));
    expect(answer('who_can_bind', '210200').text).toContain('兄弟姐妹、祖父母/外祖父母、孙子女/外孙子女目前不在可以绑定的范围内');
    const wider = answer('who_can_bind', '210200', undefined, widened).text;
    expect(wider).toContain('子女、兄弟姐妹（');
    expect(wider).toContain('\n祖父母/外祖父母、孙子女/外孙子女目前不在可以绑定的范围内');

    const choices = (on: EngineContext) => converse(on, '210200', toRelationship).replies.at(-1)?.quickReplies ?? [];
    expect(choices(context)).not.toContain('兄弟姐妹');
    expect(choices(widened)).toContain('兄弟姐妹');
    const asked = (on: EngineContext) => converse(on, '210200', [...toRelationship, '我哥哥']).state.form?.current.relationship;
    expect(asked(context)).toBeUndefined();
    expect(asked(widened)).toBe('sibling');
  });
});

describe('the form uses the same facts: each region’s relationship choices and proof line', () => {
  for (const code of regionCodes) {
    it(`${code}: offers exactly the allowed relationships and states the proofs for a minor child and a spouse`, () => {
      const regions = context.content.regions;
      const allowed = nearest(regions, code, 'relationships')!.fact.value;
      const person = makeIdNumber({ region: code === '110000' ? '110101' : `${code.slice(0, 4)}02`, birthDate: '1975-03-15', sex: 'male' });
      const opening = ['我要绑定', '张伟', person, '13812345678'];
      const choices = converse(context, code, opening).replies.at(-1)?.quickReplies ?? [];
      const expected = ['配偶', '父亲', '母亲', '子女', '兄弟姐妹', '祖父母', '孙子女'].filter((_, index) => allowed.includes((Object.keys(labels) as Relationship[])[index]!));
      expect(choices).toEqual(expected);

      const proofs = nearest(regions, code, 'proofs')!.fact.value as Partial<Record<Relationship, { when: string; documents: string[] }[]>>;
      const pledge = nearest(regions, code, 'pledge')!.fact.value;
      const child = makeIdNumber({ region: '110101', birthDate: '2015-06-01', sequence: 222 });
      const line = converse(context, code, [...opening, '子女', '张小明', child, '13912345678']).replies.map((reply) => reply.text).join('\n');
      const listed = proofs.child;
      if (listed) {
        const documents = listed.filter((proof) => proof.when !== 'adult').flatMap((proof) => proof.documents);
        for (const document of documents) expect(line).toContain(document);
        if (documents.length === 0) expect(line).toContain('不需要额外的关系证明');
      } else if (pledge.replacesProofsOnline) {
        expect(line).toContain(`签署《${pledge.name}》即可`);
      } else {
        expect(line).toContain('线上按办理页面的提示提供');
        expect(line).not.toContain('承诺制');
      }
    });
  }
});

describe('the person’s region, once known', () => {
  it('is never asked for again, by any FAQ answer, in any region', () => {
    for (const code of regionCodes) {
      for (const entry of context.content.faq) expect(faqReply(context.content, entry, code).text, `${entry.id} in ${code}`).not.toMatch(/告诉我您在哪个城市/);
    }
  });

  it('still decides the rules when the question names where a relative is insured', () => {
    const asked = step(context, initialState(context, 'relative-place', '210200'), { type: 'text', text: '我妈在沈阳参保能绑吗' }, now);
    const text = asked.effects.flatMap((effect) => (effect.type === 'reply' ? [effect.reply.text] : [])).join('\n');
    expect(text).toContain('按大连市的规定，授权人和家人都要在大连市参加基本医保');
    expect(asked.state.region).toBe('210200');
    // Naming one's own region still switches to it.
    const own = step(context, initialState(context, 'own-place', '210200'), { type: 'text', text: '河北家庭共济最多绑8个人吗？' }, now);
    expect(own.state.region).toBe('130000');
  });
});
