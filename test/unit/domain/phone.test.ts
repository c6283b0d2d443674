import { describe, expect, it } from 'vitest';
import { parsePhone } from '../../../src/domain/phone.js';

describe('parsePhone', () => {
  it('accepts an 11-digit mobile number', () => {
    expect(parsePhone('13812345678')).toEqual({ ok: true, value: '13812345678' });
    expect(parsePhone('19912345678')).toEqual({ ok: true, value: '19912345678' });
  });

  it('drops +86, 0086 and 86 in front', () => {
    for (const typed of ['+86 138 1234 5678', '+8613812345678', '0086-138-1234-5678', '8613812345678', '(+86)13812345678']) {
      expect(parsePhone(typed)).toEqual({ ok: true, value: '13812345678' });
    }
  });

  it('accepts full-width digits, spaces and dashes', () => {
    expect(parsePhone('１３８－１２３４－５６７８')).toEqual({ ok: true, value: '13812345678' });
    expect(parsePhone(' 138 1234 5678 ')).toEqual({ ok: true, value: '13812345678' });
  });

  it('reports nothing typed as empty', () => {
    expect(parsePhone(' ')).toEqual({ ok: false, problem: 'empty' });
  });

  it('reports letters and other symbols', () => {
    expect(parsePhone('138abcd5678')).toEqual({ ok: false, problem: 'characters' });
    expect(parsePhone('电话13812345678')).toEqual({ ok: false, problem: 'characters' });
  });

  it('reports a wrong number of digits', () => {
    expect(parsePhone('1381234567')).toEqual({ ok: false, problem: 'length' });
    expect(parsePhone('138123456789')).toEqual({ ok: false, problem: 'length' });
  });

  it('reports numbers that are no mobile numbers', () => {
    expect(parsePhone('12812345678')).toEqual({ ok: false, problem: 'prefix' });
    expect(parsePhone('01012345678')).toEqual({ ok: false, problem: 'prefix' });
  });
});
