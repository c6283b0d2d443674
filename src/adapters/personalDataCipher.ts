import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal data at rest (ID and phone numbers, and the documents that hold them) is sealed with AES-256-GCM under
 * DATA_KEY. The key id — the first 8 hex characters of the key's SHA-256 — travels with each ciphertext, so after
 * a key rotation old ciphertexts still open with the old key while new ones are sealed with the new. Lookups by a
 * number (e.g. an applicant's applications) use a keyed hash, never the number itself.
 */

/** Sealed text: `gcm1.<key id>.<iv>.<tag>.<ciphertext>`, base64url parts. */
const prefix = 'gcm1';
const keyBytes = 32;
const ivBytes = 12;

export class DataKeyError extends Error {
  override name = 'DataKeyError';
}

/** A sealed text whose key is not in the key ring, or that was altered: never a silent wrong answer. */
export class UnreadableCiphertextError extends Error {
  override name = 'UnreadableCiphertextError';
}

export type DataKey = { id: string; bytes: Buffer };

export function dataKeyId(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 8);
}

/** DATA_KEY as configured: 32 random bytes in base64. */
export function parseDataKey(base64: string): DataKey {
  const bytes = Buffer.from(base64.trim(), 'base64');
  if (bytes.length !== keyBytes) throw new DataKeyError(`DATA_KEY 应为 ${keyBytes} 个随机字节的 base64（例如 openssl rand -base64 32 的输出），收到 ${bytes.length} 个字节`);
  return { id: dataKeyId(bytes), bytes };
}

export function generateDataKey(): DataKey {
  const bytes = randomBytes(keyBytes);
  return { id: dataKeyId(bytes), bytes };
}

export type PersonalDataCipher = {
  /** The id of the key new ciphertexts are sealed with. */
  readonly keyId: string;
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** Whether a text is sealed (stores migrate plain values written before encryption). */
  isSealed(text: string): boolean;
  /** The key a sealed text was sealed with, for re-encryption after a rotation. */
  keyIdOf(sealed: string): string;
  /** A stable keyed hash of a value, for finding records by it without storing it. */
  lookupKey(value: string): string;
};

/**
 * `current` seals; every key in `previous` still opens what it sealed. The lookup hash is keyed by the *first*
 * key the installation ever had (`lookup`, default `current`), so lookups keep working across rotations.
 */
export function createPersonalDataCipher(current: DataKey, options: { previous?: readonly DataKey[]; lookup?: DataKey } = {}): PersonalDataCipher {
  const ring = new Map<string, Buffer>([...(options.previous ?? []), current].map((key) => [key.id, key.bytes]));
  const lookupBytes = createHash('sha256').update('gongji lookup').update((options.lookup ?? current).bytes).digest();
  const parts = (sealed: string): string[] => {
    const split = sealed.split('.');
    if (split.length !== 5 || split[0] !== prefix) throw new UnreadableCiphertextError('not a sealed text');
    return split;
  };
  return {
    keyId: current.id,
    seal(plaintext) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', current.bytes, iv);
      // The key id is authenticated too: a ciphertext cannot be passed off as sealed by another key.
      cipher.setAAD(Buffer.from(current.id));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [prefix, current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
    },
    open(sealed) {
      const [, keyId = '', iv = '', tag = '', ciphertext = ''] = parts(sealed);
      const key = ring.get(keyId);
      if (key === undefined) throw new UnreadableCiphertextError(`sealed with key ${keyId}, which this installation does not have`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(keyId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new UnreadableCiphertextError(`a text sealed with key ${keyId} was altered`);
      }
    },
    isSealed: (text) => text.startsWith(`${prefix}.`) && text.split('.').length === 5,
    keyIdOf: (sealed) => parts(sealed)[1]!,
    lookupKey: (value) => createHmac('sha256', lookupBytes).update(value).digest('base64url'),
  };
}
