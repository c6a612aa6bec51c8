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
import type { Statement } from 'better-sqlite3';
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

/**
 * A per-connection counter that moves whenever the set of devices with server-backed state, or the
 * brand code or serial of one of them, changes. TEMP objects live outside the database file (the
 * stub's tables and their contents stay exactly as before) and die with the connection, as the
 * cache below does; a registration (PRE_PROVISIONED → MANAGED) or any other write leaves it alone.
 */
const VERSION_DDL = `
CREATE TEMP TABLE IF NOT EXISTS hash_set_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT OR IGNORE INTO temp.hash_set_version (id, version) VALUES (1, 0);
CREATE TEMP TRIGGER IF NOT EXISTS devices_hash_set_insert AFTER INSERT ON main.devices
  WHEN NEW.status IN ('PRE_PROVISIONED', 'MANAGED')
  BEGIN UPDATE hash_set_version SET version = version + 1; END;
CREATE TEMP TRIGGER IF NOT EXISTS devices_hash_set_delete AFTER DELETE ON main.devices
  WHEN OLD.status IN ('PRE_PROVISIONED', 'MANAGED')
  BEGIN UPDATE hash_set_version SET version = version + 1; END;
CREATE TEMP TRIGGER IF NOT EXISTS devices_hash_set_update AFTER UPDATE OF status, serial_number, brand_code ON main.devices
  WHEN (OLD.status IN ('PRE_PROVISIONED', 'MANAGED')) <> (NEW.status IN ('PRE_PROVISIONED', 'MANAGED'))
    OR OLD.serial_number IS NOT NEW.serial_number OR OLD.brand_code IS NOT NEW.brand_code
  BEGIN UPDATE hash_set_version SET version = version + 1; END;
`;

interface HashSet {
  /** temp.hash_set_version when computed: a membership change invalidates it. */
  version: number;
  maxBucket: number;
  hashes: Uint8Array[];
  /** The low 32 bits of each hash (its last 4 bytes, big-endian): enough for any power ≤ 32. */
  low32: Uint32Array;
  power: number;
  /** Buckets by power, built on first ask: remainder → hashes. */
  buckets: Map<number, Map<bigint, Uint8Array[]>>;
}

const cache = new WeakMap<Stores, { version: Statement<[], { version: number }>; set: HashSet | null }>();

/** The remainder of hash `i` at `power`, without BigInt arithmetic for the usual small powers. */
function remainderOf(set: Pick<HashSet, 'hashes' | 'low32'>, i: number, power: number): bigint {
  if (power <= 32) return BigInt((set.low32[i] ?? 0) % 2 ** power);
  return hashRemainder(set.hashes[i] ?? new Uint8Array(), power);
}

/** The smallest power whose largest bucket holds at most `maxBucket` hashes. */
export function choosePower(hashes: readonly Uint8Array[], maxBucket: number): number {
  const set = { hashes: [...hashes], low32: lowWords(hashes) };
  // Fewer hashes than a bucket holds need no bits at all; otherwise no power below log2(n / max) can do.
  const start = hashes.length <= maxBucket ? 0 : Math.ceil(Math.log2(hashes.length / maxBucket));
  for (let p = start; p < MAX_MODULUS_POWER; p++) {
    const counts = new Map<bigint, number>();
    let fits = true;
    for (let i = 0; i < set.hashes.length; i++) {
      const r = remainderOf(set, i, p);
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

function lowWords(hashes: readonly Uint8Array[]): Uint32Array {
  const low = new Uint32Array(hashes.length);
  hashes.forEach((h, i) => {
    const n = h.length;
    low[i] =
      (((h[n - 4] ?? 0) << 24) | ((h[n - 3] ?? 0) << 16) | ((h[n - 2] ?? 0) << 8) | (h[n - 1] ?? 0)) >>> 0;
  });
  return low;
}

function hashSet(stores: Stores, maxBucket: number): HashSet {
  let entry = cache.get(stores);
  if (entry === undefined) {
    stores.db.exec(VERSION_DDL);
    const version = stores.db.prepare<[], { version: number }>('SELECT version FROM temp.hash_set_version');
    entry = { version, set: null };
    cache.set(stores, entry);
  }
  const version = entry.version.get()?.version ?? -1;
  const cached = entry.set;
  if (cached !== null && cached.version === version && cached.maxBucket === maxBucket) return cached;
  const unique = new Map<string, Uint8Array>();
  for (const d of stores.devices.withServerBackedState()) {
    const h = forcedEnrollmentHash(d.brand_code, d.serial_number);
    unique.set(Buffer.from(h).toString('hex'), h);
  }
  const hashes = [...unique.values()];
  const set: HashSet = {
    version,
    maxBucket,
    hashes,
    low32: lowWords(hashes),
    power: choosePower(hashes, maxBucket),
    buckets: new Map(),
  };
  entry.set = set;
  return set;
}

function bucketOf(set: HashSet, power: number, remainder: bigint): Uint8Array[] {
  let byRemainder = set.buckets.get(power);
  if (byRemainder === undefined) {
    byRemainder = new Map();
    for (let i = 0; i < set.hashes.length; i++) {
      const r = remainderOf(set, i, power);
      const bucket = byRemainder.get(r);
      const h = set.hashes[i] as Uint8Array;
      if (bucket === undefined) byRemainder.set(r, [h]);
      else bucket.push(h);
    }
    // A client may ask at any power up to 62: keep only a few indexes.
    if (set.buckets.size >= 4) set.buckets.clear();
    set.buckets.set(power, byRemainder);
  }
  return byRemainder.get(remainder) ?? [];
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
  return create(DeviceAutoEnrollmentResponseSchema, { hashes: bucketOf(set, power, req.remainder) });
}
