// Password hashing (scrypt), session tokens and activation codes. Nothing secret is stored in clear:
// passwords as scrypt hashes, session tokens as SHA-256 digests.

import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
const COST = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const PREFIX = `scrypt$${COST.N}$${COST.r}$${COST.p}`;

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, COST, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function encode(salt: Buffer, key: Buffer): string {
  return `${PREFIX}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** `scrypt$N$r$p$<salt b64>$<key b64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return encode(salt, await scryptAsync(password, salt));
}

/** Synchronous variant for seeding (runs before the server listens). */
export function hashPasswordSync(password: string): string {
  const salt = randomBytes(16);
  return encode(salt, scryptSync(password, salt, KEY_LENGTH, COST));
}

function parse(stored: string): { salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || `${parts[0]}$${parts[1]}$${parts[2]}$${parts[3]}` !== PREFIX) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || key.length !== KEY_LENGTH) return null;
  return { salt, key };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (parsed === null) return false;
  const key = await scryptAsync(password, parsed.salt);
  return timingSafeEqual(key, parsed.key);
}

/** A hash of nothing, verified against when the e-mail is unknown so both paths cost one scrypt. */
export const DUMMY_PASSWORD_HASH = encode(Buffer.alloc(16), Buffer.alloc(KEY_LENGTH));

/** 32 random bytes, base64url (43 characters). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 20 upper-case hex characters: what the activation e-mail carries. */
export function newActivationCode(): string {
  return randomBytes(10).toString('hex').toUpperCase();
}

/** Constant-time comparison of two short strings. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
