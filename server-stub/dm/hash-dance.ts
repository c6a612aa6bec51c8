// request=enterprise_check: Chromium's privacy-preserving membership check ("hash dance", forced
// enrollment flavour). The device sends the low `power` bits of its identifier hash (SHA-256 of
// `brand_code + "_" + serial`, first 8 bytes: protocol/forced-enrollment-hash.ts) as `remainder`,
// with `modulus` = 2^power. The set is the hash of every device with server-backed state
// (PRE_PROVISIONED or MANAGED).
//
// The stub picks its own power: the smallest p such that no bucket of the set holds more than
// `maxHashBucket` hashes (DEFAULT_MAX_HASH_BUCKET). A client asking with a smaller power gets
// `expected_modulus` = 2^p (Chromium then asks again, once); a client asking with p or more gets the
// `hashes` of its bucket. So a device not in the set never sends its serial number.
//
// ENROLLMENT_CHECK_TYPE_FRE (and an unset type, the proto's default) asks about forced
// re-enrollment, keyed by server-backed state keys, which the stub does not keep: it answers an empty
// bucket. ENROLLMENT_CHECK_TYPE_UNSPECIFIED is a 400.
//   400 modulus not a power of two (1 … 2^62), remainder outside [0, modulus), unspecified check type

import { create } from '@bufbuild/protobuf';
import {
  DeviceAutoEnrollmentRequest_EnrollmentCheckType as CheckType,
  type DeviceAutoEnrollmentRequest,
  type DeviceAutoEnrollmentResponse,
  DeviceAutoEnrollmentResponseSchema,
} from '../../protocol/dm.ts';
import {
  forcedEnrollmentHash,
  hashRemainder,
  MAX_MODULUS_POWER,
  modulusPower,
} from '../../protocol/forced-enrollment-hash.ts';
import type { Stores } from '../db/stores.ts';
import { DmError } from '../http/errors.ts';
import type { DmCall } from './call.ts';

/** Default most hashes per bucket (Chromium's servers answer buckets of a few hundred). */
export const DEFAULT_MAX_HASH_BUCKET = 500;

const FIELD = 'auto_enrollment_request';

interface HashSet {
  /** total_changes() of the database when computed: any write invalidates it. */
  version: number;
  maxBucket: number;
  hashes: Uint8Array[];
  power: number;
}

const cache = new WeakMap<Stores, HashSet>();

/** The smallest power whose largest bucket holds at most `maxBucket` hashes. */
export function choosePower(hashes: readonly Uint8Array[], maxBucket: number): number {
  for (let p = 0; p < MAX_MODULUS_POWER; p++) {
    const counts = new Map<bigint, number>();
    let fits = true;
    for (const h of hashes) {
      const r = hashRemainder(h, p);
      const n = (counts.get(r) ?? 0) + 1;
      counts.set(r, n);
      if (n > maxBucket) {
        fits = false;
        break;
      }
    }
    if (fits) return p;
  }
  return MAX_MODULUS_POWER;
}

function hashSet(stores: Stores, maxBucket: number): HashSet {
  const version = (stores.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const cached = cache.get(stores);
  if (cached !== undefined && cached.version === version && cached.maxBucket === maxBucket) return cached;
  const unique = new Map<string, Uint8Array>();
  for (const d of stores.devices.withServerBackedState()) {
    const h = forcedEnrollmentHash(d.brand_code, d.serial_number);
    unique.set(Buffer.from(h).toString('hex'), h);
  }
  const hashes = [...unique.values()];
  const set: HashSet = { version, maxBucket, hashes, power: choosePower(hashes, maxBucket) };
  cache.set(stores, set);
  return set;
}

export function enterpriseCheck(
  call: DmCall,
  req: DeviceAutoEnrollmentRequest,
): DeviceAutoEnrollmentResponse {
  const type = req.enrollmentCheckType;
  if (type === CheckType.UNSPECIFIED) {
    throw new DmError(
      400,
      `${FIELD}.enrollment_check_type must be ENROLLMENT_CHECK_TYPE_FORCED_ENROLLMENT or ENROLLMENT_CHECK_TYPE_FRE`,
    );
  }
  const power = modulusPower(req.modulus);
  if (power === null)
    throw new DmError(400, `${FIELD}.modulus must be a power of two from 1 to 2^${MAX_MODULUS_POWER}`);
  if (req.remainder < 0n || req.remainder >= req.modulus) {
    throw new DmError(400, `${FIELD}.remainder must be at least 0 and less than modulus`);
  }
  if (type !== CheckType.FORCED_ENROLLMENT) return create(DeviceAutoEnrollmentResponseSchema, { hashes: [] });
  const maxBucket = call.options.maxHashBucket ?? DEFAULT_MAX_HASH_BUCKET;
  const set = hashSet(call.ctx.stores, maxBucket);
  if (power < set.power) {
    return create(DeviceAutoEnrollmentResponseSchema, { expectedModulus: 1n << BigInt(set.power) });
  }
  const bucket = set.hashes.filter((h) => hashRemainder(h, power) === req.remainder);
  return create(DeviceAutoEnrollmentResponseSchema, { hashes: bucket });
}
