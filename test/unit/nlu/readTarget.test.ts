import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/engineContext.js';
import { read } from '../../../src/nlu/read.js';
import { loadEngineContext } from '../../../src/server/loadEngineContext.js';

/**
 * What a message points at — the detail a correction names, whether the person's own, whether a cancel ends the
 * whole application — learned from flows/nlu/fields.yaml, whose.yaml and scope.yaml. None of these phrasings is an
 * example there (a test below keeps it so), so they show what was learned rather than what was written down.
 */
let context: EngineContext;
beforeAll(async () => {
  context = await loadEngineContext(fileURLToPath(new URL('../../../', import.meta.url)));
});
const target = (text: string) => read(text, context.reader, { pending: null }).target;

const fields: [string, 'name' | 'idNumber' | 'phone' | null][] = [
  ['电话号码填错了一位', 'phone'],
  ['我闺女的手机不对', 'phone'],
  ['本人身份证有误', 'idNumber'],
  ['老妈的身份证号输错啦', 'idNumber'],
  ['我闺女的名字打错了', 'name'],
  ['姓名写得不对', 'name'],
  ['有处信息得改改', null],
];
const owners: [string, boolean][] = [
  ['我自个的手机号不对', true],
  ['是我本人的电话', true],
  ['我闺女的名字打错了', false],
  ['老妈的身份证号输错啦', false],
];
const scopes: [string, boolean][] = [
  ['整个都不办了', true],
  ['这个申请我不要了', true],
  ['算了，不绑了', true],
  ['她就算了吧', false],
  ['我妈那个就算了', false],
];

describe('what a message points at', () => {
  it.each(fields)('"%s" names the detail %s', (text, field) => expect(target(text).field).toBe(field));
  it.each(owners)('"%s" speaks of the person\'s own: %s', (text, own) => expect(target(text).own).toBe(own));
  it.each(scopes)('"%s" ends the whole application: %s', (text, whole) => expect(target(text).whole).toBe(whole));

  it('is tested on phrasings that are not examples', () => {
    const examples = new Set(context.content.nlu.examples.flatMap((group) => group.texts));
    for (const [text] of [...fields, ...owners, ...scopes]) expect(examples.has(text), text).toBe(false);
  });
});
