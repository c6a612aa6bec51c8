// Admin password hashes: scrypt with a random salt, encoded `scrypt$N$r$p$<salt b64>$<key b64>`.

import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
const COST = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const PREFIX = `scrypt$${COST.N}$${COST.r}$${COST.p}`;

function encode(salt: Buffer, key: Buffer): string {
  return `${PREFIX}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Synchronous: used while seeding, before the server listens. */
export function hashPasswordSync(password: string): string {
  const salt = randomBytes(16);
  return encode(salt, scryptSync(password, salt, KEY_LENGTH, COST));
}

/** Verified against when the e-mail is unknown, so both paths cost one scrypt. */
export const DUMMY_PASSWORD_HASH = encode(Buffer.alloc(16), Buffer.alloc(KEY_LENGTH));

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts.slice(0, 4).join('$') !== PREFIX) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, COST, (err, k) => (err ? reject(err) : resolve(k)));
  });
  return timingSafeEqual(key, expected);
}
