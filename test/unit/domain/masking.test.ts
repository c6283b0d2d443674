import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone, maskSensitiveText } from '../../../src/domain/masking.js';

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters of an 18-character number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('keeps the first 6 and last 3 digits of a 15-digit number', () => {
    expect(maskIdNumber('110105491231002')).toBe('110105******002');
  });

  it('masks a number typed with spaces, full-width digits or a lower-case x the same way', () => {
    expect(maskIdNumber('110105 19491231 002x')).toBe('110105********002X');
    expect(maskIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe('110105********002X');
  });

  it('masks a short fragment completely', () => {
    expect(maskIdNumber('110105')).toBe('******');
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
  });

  it('masks a short fragment completely', () => {
    expect(maskPhone('1381')).toBe('****');
  });
});

describe('maskName', () => {
  it('keeps the surname only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王小明')).toBe('王**');
  });

  it('keeps a compound surname whole', () => {
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('欧阳')).toBe('欧*');
  });

  it('keeps the first part of a name with a middle dot', () => {
    expect(maskName('阿依·买买提')).toBe('阿依·***');
  });

  it('masks a single character', () => {
    expect(maskName('张')).toBe('*');
  });
});

describe('maskSensitiveText', () => {
  it('masks an ID number and a phone number inside a sentence', () => {
    expect(maskSensitiveText('我的身份证是11010519491231002X，电话13812345678')).toBe('我的身份证是110105********002X，电话138****5678');
  });

  it('masks numbers typed with spaces, dashes, +86, full-width digits or a lower-case x', () => {
    expect(maskSensitiveText('号码 110105 19491231 002x 好了')).toBe('号码 110105********002X 好了');
    expect(maskSensitiveText('手机+86 138-1234-5678')).toBe('手机138****5678');
    expect(maskSensitiveText('１３８１２３４５６７８')).toBe('138****5678');
  });

  it('tells apart an ID number and a phone number typed one after the other', () => {
    expect(maskSensitiveText('13812345678 11010519491231002X')).toBe('138****5678 110105********002X');
  });

  it('masks a mistyped or legacy ID number as well', () => {
    expect(maskSensitiveText('老号码110105491231002')).toBe('老号码110105******002');
    expect(maskSensitiveText('1101051949123100')).toBe('110105******3100');
  });

  it('leaves record numbers glued to letters as they are', () => {
    expect(maskSensitiveText('记录号GJ2102002026112200001已受理')).toBe('记录号GJ2102002026112200001已受理');
  });

  it('leaves dates, times, amounts and already masked values as they are', () => {
    const text = '2026-03-15 10:20 余额2000元 记录GJ2102002026 110105********002X 138****5678';
    expect(maskSensitiveText(text)).toBe(text);
  });
});
