import { describe, expect, it } from 'vitest';
import { ageOn, normaliseDigits, parseIdNumber } from '../../../src/domain/idNumber.js';
import { breakCheckDigit, makeIdNumber } from '../../helpers/idNumbers.js';

const today = new Date('2026-03-15T12:00:00Z');

describe('parseIdNumber', () => {
  it('accepts the example number printed in GB 11643 and reads birth date and sex from it', () => {
    expect(parseIdNumber('11010519491231002X', today)).toEqual({
      ok: true,
      value: { value: '11010519491231002X', provinceCode: '11', birthDate: '1949-12-31', sex: 'female' },
    });
  });

  it('agrees with the test helper on check digits across many numbers', () => {
    for (const region of ['210202', '371326', '659004', '445381', '130984']) {
      for (const birthDate of ['1937-11-28', '1987-06-05', '2019-09-19']) {
        for (let sequence = 0; sequence < 1000; sequence += 97) {
          const id = makeIdNumber({ region, birthDate, sequence });
          expect(parseIdNumber(id, today).ok).toBe(true);
          expect(parseIdNumber(breakCheckDigit(id), today)).toEqual({ ok: false, problem: 'checksum' });
        }
      }
    }
  });

  it('reads the sex from the 17th digit', () => {
    const male = parseIdNumber(makeIdNumber({ birthDate: '1990-01-01', sex: 'male' }), today);
    const female = parseIdNumber(makeIdNumber({ birthDate: '1990-01-01', sex: 'female' }), today);
    expect(male.ok && male.value.sex).toBe('male');
    expect(female.ok && female.value.sex).toBe('female');
  });

  it('accepts a lower-case x and returns it upper-case', () => {
    const result = parseIdNumber('11010519491231002x', today);
    expect(result.ok && result.value.value).toBe('11010519491231002X');
  });

  it('accepts full-width digits and Ｘ', () => {
    const result = parseIdNumber('１１０１０５１９４９１２３１００２Ｘ', today);
    expect(result.ok && result.value.value).toBe('11010519491231002X');
  });

  it('accepts spaces and dashes typed inside the number', () => {
    for (const typed of ['110105 19491231 002X', '110105-1949-1231-002x', ' 110105　19491231 002X ']) {
      const result = parseIdNumber(typed, today);
      expect(result.ok && result.value.value).toBe('11010519491231002X');
    }
  });

  it('reports nothing typed as empty', () => {
    expect(parseIdNumber('  ', today)).toEqual({ ok: false, problem: 'empty' });
  });

  it('reports letters and other symbols', () => {
    expect(parseIdNumber('1101051949123100AB', today)).toEqual({ ok: false, problem: 'characters' });
    expect(parseIdNumber('X1010519491231002', today)).toEqual({ ok: false, problem: 'characters' });
    expect(parseIdNumber('身份证11010519491231002X', today)).toEqual({ ok: false, problem: 'characters' });
  });

  it('reports a wrong number of digits', () => {
    expect(parseIdNumber('1101051949123100', today)).toEqual({ ok: false, problem: 'length' });
    expect(parseIdNumber('110105194912310021X', today)).toEqual({ ok: false, problem: 'length' });
  });

  it('recognises a 15-digit legacy number', () => {
    expect(parseIdNumber('110105491231002', today)).toEqual({ ok: false, problem: 'legacy15' });
  });

  it('rejects an unknown province prefix such as 99 and accepts 71, 81, 82, 83', () => {
    expect(parseIdNumber(makeIdNumber({ region: '990101', birthDate: '1990-01-01' }), today)).toEqual({ ok: false, problem: 'region' });
    for (const region of ['710000', '810000', '820000', '830000']) {
      expect(parseIdNumber(makeIdNumber({ region, birthDate: '1990-01-01' }), today).ok).toBe(true);
    }
  });

  it('accepts 29 February in a leap year and rejects it in other years', () => {
    expect(parseIdNumber(makeIdNumber({ birthDate: '2000-02-29' }), today).ok).toBe(true);
    expect(parseIdNumber(makeIdNumber({ birthDate: '1999-02-29' }), today)).toEqual({ ok: false, problem: 'date' });
    expect(parseIdNumber(makeIdNumber({ birthDate: '1900-02-29' }), today)).toEqual({ ok: false, problem: 'date' });
  });

  it('rejects impossible months and days and years before 1900', () => {
    expect(parseIdNumber(makeIdNumber({ birthDate: '1990-13-01' }), today)).toEqual({ ok: false, problem: 'date' });
    expect(parseIdNumber(makeIdNumber({ birthDate: '1990-04-31' }), today)).toEqual({ ok: false, problem: 'date' });
    expect(parseIdNumber(makeIdNumber({ birthDate: '1890-04-01' }), today)).toEqual({ ok: false, problem: 'date' });
  });

  it('rejects a birth date after today and accepts a baby born today', () => {
    expect(parseIdNumber(makeIdNumber({ birthDate: '2026-03-16' }), today)).toEqual({ ok: false, problem: 'future' });
    expect(parseIdNumber(makeIdNumber({ birthDate: '2026-03-15' }), today).ok).toBe(true);
  });

  it('compares the birth date with the UTC calendar date of today', () => {
    const lateEvening = new Date('2026-03-15T23:59:59Z');
    expect(parseIdNumber(makeIdNumber({ birthDate: '2026-03-15' }), lateEvening).ok).toBe(true);
    expect(parseIdNumber(makeIdNumber({ birthDate: '2026-03-16' }), lateEvening)).toEqual({ ok: false, problem: 'future' });
  });

  it('rejects a wrong check digit', () => {
    const id = makeIdNumber({ birthDate: '1985-07-20' });
    expect(parseIdNumber(breakCheckDigit(id), today)).toEqual({ ok: false, problem: 'checksum' });
  });

  it('rejects two swapped digits through the check digit', () => {
    const id = makeIdNumber({ birthDate: '1985-07-20', sequence: 123 });
    const swapped = `${id.slice(0, 14)}213${id.slice(17)}`;
    expect(parseIdNumber(swapped, today)).toEqual({ ok: false, problem: 'checksum' });
  });
});

describe('ageOn', () => {
  it('counts a year only from the birthday on', () => {
    expect(ageOn('1990-06-15', new Date('2026-06-14T00:00:00Z'))).toBe(35);
    expect(ageOn('1990-06-15', new Date('2026-06-15T00:00:00Z'))).toBe(36);
  });

  it('turns 16 exactly on the sixteenth birthday', () => {
    expect(ageOn('2010-03-15', new Date('2026-03-14T23:59:59Z'))).toBe(15);
    expect(ageOn('2010-03-15', new Date('2026-03-15T00:00:00Z'))).toBe(16);
  });

  it('lets someone born on 29 February turn a year older on 1 March in other years', () => {
    expect(ageOn('2008-02-29', new Date('2026-02-28T00:00:00Z'))).toBe(17);
    expect(ageOn('2008-02-29', new Date('2026-03-01T00:00:00Z'))).toBe(18);
    expect(ageOn('2008-02-29', new Date('2028-02-29T00:00:00Z'))).toBe(20);
  });

  it('is 0 on the day of birth', () => {
    expect(ageOn('2026-03-15', today)).toBe(0);
  });
});

describe('normaliseDigits', () => {
  it('turns full-width digits half-width and drops spaces and dashes', () => {
    expect(normaliseDigits('１３８ 1234－5678')).toBe('13812345678');
    expect(normaliseDigits('138—1234–5678\t')).toBe('13812345678');
  });
});
