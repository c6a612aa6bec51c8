// The privacy-preserving membership check of `enterprise_check` (Chromium's "hash dance", forced
// enrollment flavour). The device's identifier hash is SHA-256 of `brand_code + "_" + serial`,
// truncated to its first 8 bytes. It sends only the low `power` bits of that hash (`remainder`, with
// `modulus` = 2^power); the server answers every hash in that bucket, and the device looks for its own
// among them, so its serial number never leaves it unless it is in the set.

import { createHash } from 'node:crypto';

/** Bytes of a forced-enrollment hash on the wire. */
export const FORCED_ENROLLMENT_HASH_BYTES = 8;
/** Largest modulus power an int64 can carry (Chromium's AutoEnrollmentClient::kMaximumPower). */
export const MAX_MODULUS_POWER = 62;

export function forcedEnrollmentHash(brandCode: string, serialNumber: string): Uint8Array {
  const digest = createHash('sha256').update(`${brandCode}_${serialNumber}`, 'utf8').digest();
  return new Uint8Array(digest.subarray(0, FORCED_ENROLLMENT_HASH_BYTES));
}

/**
 * The low `power` bits of a hash read as a big-endian integer: Chromium takes the hash's last bytes,
 * the last one lowest, and masks the result to `power` bits.
 */
export function hashRemainder(hash: Uint8Array, power: number): bigint {
  if (!Number.isInteger(power) || power < 0 || power > MAX_MODULUS_POWER) {
    throw new RangeError(`modulus power must be an integer from 0 to ${MAX_MODULUS_POWER}, not ${power}`);
  }
  let value = 0n;
  for (const byte of hash.subarray(Math.max(0, hash.length - 8))) value = (value << 8n) | BigInt(byte);
  return value & ((1n << BigInt(power)) - 1n);
}

/** The power p with 2^p = modulus, or null when the modulus is not a power of two within range. */
export function modulusPower(modulus: bigint): number | null {
  for (let p = 0; p <= MAX_MODULUS_POWER; p++) if (1n << BigInt(p) === modulus) return p;
  return null;
}

export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
