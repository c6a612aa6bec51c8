// Random identifiers and secret digests. Secrets the stub only verifies (admin session tokens, partner
// keys, DM tokens) are stored as SHA-256 digests; tokens an admin must be able to list
// (pre-provisioning and enrollment tokens) are stored as issued.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
