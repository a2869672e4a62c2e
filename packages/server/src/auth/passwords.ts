import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../http/errors.ts';

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));

const PARAMS = { N: 16384, r: 8, p: 1 };
const KEYLEN = 32;

/** Format: scrypt$N$r$p$salt(b64)$hash(b64) — parameters kept so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { ...PARAMS, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashB64, 'base64');
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

// verified against when the user does not exist, so that timing does not reveal usernames
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

const COMMON = new Set(['password123', 'qwerty12345', '1234567890', 'qwertyuiop', 'password1234', 'administrator', '11111111111']);

/** Password policy: 10–200 characters, letters and digits or symbols, not a common password. */
export function checkPasswordPolicy(password: string, path = 'password'): void {
  const problems: string[] = [];
  if (password.length < 10) problems.push('at least 10 characters');
  if (password.length > 200) problems.push('at most 200 characters');
  if (!/\p{L}/u.test(password) || !/[^\p{L}]/u.test(password)) problems.push('both letters and digits or symbols');
  if (COMMON.has(password.toLowerCase())) problems.push('not a common password');
  if (problems.length) {
    throw new AppError('weak_password', `The password must have ${problems.join(', ')}.`, [{ path, message: `must have ${problems.join(', ')}` }]);
  }
}
