import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords hashed with scrypt (node:crypto), stored as `scrypt$N$r$p$salt$hash` so that stronger parameters
 * later still verify old hashes. N = 2^15 costs about 50 ms and 32 MiB per hash: cheap for a sign-in, expensive for
 * a guesser with a stolen file.
 */
const cost = 2 ** 15;
const blockSize = 8;
const parallelization = 1;
const keyLength = 32;
const saltLength = 16;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const { N = cost, r = blockSize } = options;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { ...options, maxmem: 128 * N * r * 2 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, { N: cost, r: blockSize, p: parallelization });
  return ['scrypt', cost, blockSize, parallelization, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return expected.length === key.length && timingSafeEqual(expected, key);
}

let unusable: Promise<string> | undefined;

/**
 * A hash of a random password, checked against when the login does not exist, so timing does not tell logins apart.
 * Made on first use rather than at start, where its 32 MiB and CPU would only slow the start down.
 */
export function unusableHash(): Promise<string> {
  unusable ??= hashPassword(randomBytes(16).toString('base64url'));
  return unusable;
}

/** Readable one-time passwords: no 0/O, 1/l/I to misread when handed over. */
const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function oneTimePassword(length = 14): string {
  const bytes = randomBytes(length * 2);
  let password = '';
  for (const byte of bytes) {
    // rejection sampling keeps every character equally likely
    if (byte >= Math.floor(256 / alphabet.length) * alphabet.length) continue;
    password += alphabet[byte % alphabet.length];
    if (password.length === length) return password;
  }
  return password + oneTimePassword(length - password.length);
}
