import { loadRepoEngine } from './evaluateRouting.js';
import { countingIds, createLocalAssistant } from '../src/server/createLocalAssistant.js';

/**
 * `tsx bench/memberRemovalProbe.ts [--misses]`: a person has added their father and mother, then takes one out with a
 * reason told in the same message ("…已经被我弟绑走了，把我爸去掉吧"), or asks about it. Each message (written before
 * measuring, conversations engineer, ninth session; never training data) is sent once the two were accepted (at
 * "还要再添加其他家人吗？") and once at the summary; prints how many leave exactly the members expected.
 */
type Case = { text: string; left: ('父亲' | '母亲')[] };
const cases: Case[] = [
  { text: '我爸已经被我哥绑走了，把我爸去掉吧', left: ['母亲'] },
  { text: '不对，我爸让我姐绑过了，我爸删掉', left: ['母亲'] },
  { text: '我爸那边我弟已经给他绑了，我爸就不用办了', left: ['母亲'] },
  { text: '我爸单位给他办了别的，我爸不绑了', left: ['母亲'] },
  { text: '哎呀我爸不要了，他早就被我妹妹绑上了', left: ['母亲'] },
  { text: '把我爸去掉，我哥那边已经绑了他', left: ['母亲'] },
  { text: '我爸就算了吧，我弟给他弄过了', left: ['母亲'] },
  { text: '爸爸那个删了吧，已经被弟弟绑了', left: ['母亲'] },
  { text: '我爸不给他办了，已经让我大哥绑了', left: ['母亲'] },
  { text: '我妈已经被我姐姐绑了，我妈不用了', left: ['父亲'] },
  { text: '不对不对，我妈删掉，她已经被我哥绑了', left: ['父亲'] },
  { text: '我妈那个撤掉吧，我妹已经给她弄了', left: ['父亲'] },
  { text: '我妈先不办了，她让我弟绑了', left: ['父亲'] },
  { text: '我妈被我哥绑过了 把她去了吧', left: ['父亲'] },
  { text: '我爸已经被我弟绑了，还能再绑到我这吗？', left: ['父亲', '母亲'] },
  { text: '我爸被我哥绑了的话，我妈还能绑吗', left: ['父亲', '母亲'] },
];
const setups: { stage: string; turns: string[] }[] = [
  { stage: 'adding', turns: ['我要给爸妈办共济', '许文静 330106198305271466 13758129900', '我爸许国华，330106195510104399，13605712233', '我妈钱秀英，330106195707071308，13605714455'] },
  { stage: 'confirming', turns: ['我要给爸妈办共济', '许文静 330106198305271466 13758129900', '我爸许国华，330106195510104399，13605712233', '我妈钱秀英，330106195707071308，13605714455', '没有了', '同意'] },
];
const context = await loadRepoEngine();
const labels: Record<string, '父亲' | '母亲'> = { father: '父亲', mother: '母亲' };
let held = 0;
const misses: string[] = [];
for (const setup of setups) {
  for (const { text, left } of cases) {
    const { service } = await createLocalAssistant({ context, clock: { now: () => new Date('2026-11-22T02:00:00Z') }, ids: countingIds(), reviewDelayMs: 0 });
    let sessionId: string | undefined;
    let members: string[] = [];
    for (const message of [...setup.turns, text]) {
      const outcome = await service.chat({ ...(sessionId ? { sessionId } : { region: '330000' }), text: message });
      if (!outcome.ok) throw new Error(outcome.message);
      sessionId = outcome.response.sessionId;
      members = (outcome.response.form?.members ?? []).map((member) => labels[member.relationship ?? ''] ?? member.relationship ?? '');
    }
    if (members.join() === left.join()) held += 1;
    else misses.push(`  miss (${setup.stage}): ${text}  → ${members.join('、') || '无'}，应为 ${left.join('、')}`);
  }
}
console.log(`member removal probe: ${held}/${cases.length * setups.length} leave the members expected`);
if (process.argv.includes('--misses')) for (const miss of misses) console.log(miss);
