import { describe, expect, it } from 'vitest';
import { UnreadableCiphertextError, createPersonalDataCipher, dataKeyId, generateDataKey, parseDataKey } from '../../src/adapters/personalDataCipher.js';

const idNumber = '210202196803150310';

describe('personal data cipher', () => {
  it('seals so that the number is not in the stored text, and opens it again', () => {
    const cipher = createPersonalDataCipher(generateDataKey());
    const sealed = cipher.seal(`{"idNumber":"${idNumber}","phone":"13800138000"}`);
    expect(sealed).not.toContain(idNumber);
    expect(sealed).not.toContain('13800138000');
    expect(cipher.open(sealed)).toContain(idNumber);
    expect(cipher.seal(idNumber)).not.toBe(cipher.seal(idNumber));
  });

  it('names the key in each ciphertext; after a rotation old texts still open and new ones use the new key', () => {
    const old = generateDataKey();
    const sealedBefore = createPersonalDataCipher(old).seal(idNumber);
    const rotated = createPersonalDataCipher(generateDataKey(), { previous: [old], lookup: old });
    expect(rotated.keyIdOf(sealedBefore)).toBe(old.id);
    expect(rotated.open(sealedBefore)).toBe(idNumber);
    expect(rotated.keyIdOf(rotated.seal(idNumber))).toBe(rotated.keyId);
    expect(rotated.lookupKey(idNumber)).toBe(createPersonalDataCipher(old).lookupKey(idNumber));
  });

  it('refuses an altered ciphertext or an unknown key instead of answering wrongly', () => {
    const cipher = createPersonalDataCipher(generateDataKey());
    const sealed = cipher.seal(idNumber);
    const parts = sealed.split('.');
    const altered = [...parts.slice(0, 4), `${parts[4]!.slice(0, -2)}AA`].join('.');
    expect(() => cipher.open(altered)).toThrow(UnreadableCiphertextError);
    expect(() => createPersonalDataCipher(generateDataKey()).open(sealed)).toThrow(UnreadableCiphertextError);
  });

  it('reads DATA_KEY as 32 bytes of base64 and derives the key id from its SHA-256', () => {
    const base64 = Buffer.alloc(32, 7).toString('base64');
    const key = parseDataKey(base64);
    expect(key.id).toBe(dataKeyId(Buffer.alloc(32, 7)));
    expect(key.id).toMatch(/^[0-9a-f]{8}$/);
    expect(() => parseDataKey(Buffer.alloc(16).toString('base64'))).toThrow(/32/);
  });

  it('hashes lookups with the key: stable for one installation, different for another', () => {
    const cipher = createPersonalDataCipher(generateDataKey());
    expect(cipher.lookupKey(idNumber)).toBe(cipher.lookupKey(idNumber));
    expect(cipher.lookupKey(idNumber)).not.toContain(idNumber);
    expect(createPersonalDataCipher(generateDataKey()).lookupKey(idNumber)).not.toBe(cipher.lookupKey(idNumber));
  });
});
