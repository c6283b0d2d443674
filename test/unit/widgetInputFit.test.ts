import { describe, expect, it } from 'vitest';
import { inputFit, lengthHint } from '../../src/widget/inputFit.js';

describe('input that fits the question', () => {
  it('gives an ID number a numeric keypad with an X key, a phone the phone keypad, a code one-time-code autofill', () => {
    expect(inputFit('id_number')).toMatchObject({ inputMode: 'numeric', autocomplete: 'off', length: 18, xKey: true });
    expect(inputFit('phone')).toMatchObject({ inputMode: 'tel', autocomplete: 'off', length: 11, xKey: false });
    expect(inputFit('code')).toMatchObject({ inputMode: 'numeric', autocomplete: 'one-time-code', length: 6, xKey: false });
    expect(inputFit('choice')).toMatchObject({ inputMode: 'text', length: null, placeholder: 'widget.expects.choice' });
    expect(inputFit(null)).toMatchObject({ inputMode: 'text', length: null, placeholder: 'widget.placeholder' });
  });

  it('counts what the person has typed towards the expected length, ignoring spaces and dashes', () => {
    const id = inputFit('id_number');
    expect(lengthHint(id, '')).toEqual({ messageId: 'widget.hint.length', values: { length: 18 } });
    expect(lengthHint(id, '210202 1985')).toEqual({ messageId: 'widget.hint.typing', values: { count: 10, left: 8 } });
    expect(lengthHint(id, '21020219850612123x')).toEqual({ messageId: 'widget.hint.complete', values: { count: 18 } });
    expect(lengthHint(id, '２１０２０２１９８５０６１２１２３Ｘ')).toEqual({ messageId: 'widget.hint.complete', values: { count: 18 } });
    expect(lengthHint(inputFit('phone'), '138-1234-56789')).toEqual({ messageId: 'widget.hint.tooMany', values: { count: 12, extra: 1 } });
    expect(lengthHint(inputFit('text'), '随便说点什么')).toBeNull();
  });
});
