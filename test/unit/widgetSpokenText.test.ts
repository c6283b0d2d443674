import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { spokenText, type Say } from '../../src/widget/spokenText.js';

const messages = (parse(await readFile(fileURLToPath(new URL('../../prompts/messages/widget.yaml', import.meta.url)), 'utf8')) as { messages: Record<string, string> }).messages;
/** The widget's own wording, as the bundle has it. */
const say: Say = (id, values = {}) => (messages[id] ?? id).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

describe('what read-aloud says', () => {
  it('reads a masked number by its last digits, never as stars', () => {
    const text = '请核对：\n身份证号：210202********123X\n手机号：138****2420';
    const spoken = spokenText(text, say);
    expect(spoken).toBe('请核对：\n身份证号：尾号123X\n手机号：尾号2420');
    expect(spoken).not.toContain('*');
  });

  it('reads a citation with its date as words, without the web address', () => {
    expect(spokenText('近亲属都可以绑定。\n参考：国家医保局《关于做好家庭共济的通知》（核实于2026-03-05）https://www.nhsa.gov.cn/a.html', say)).toBe(
      '近亲属都可以绑定。\n参考：国家医保局《关于做好家庭共济的通知》（核实于2026年3月5日）',
    );
  });

  it('says a number masked whole as a hidden number, and drops any other star', () => {
    expect(spokenText('号码 ******** 已隐藏，*注意*', say)).toBe('号码 一个已隐藏的号码 已隐藏，注意');
  });
});
