// request=enterprise_check: Chromium's hash dance (forced enrollment). The stub answers
// expected_modulus when the client's power is below its own, else the hashes of the client's bucket;
// a device not in the set learns it without ever sending its serial number.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceAutoEnrollmentRequest_EnrollmentCheckType as CheckType } from '../../../protocol/dm.ts';
import { forcedEnrollmentHash, hashRemainder, sameHash } from '../../../protocol/forced-enrollment-hash.ts';
import { choosePower } from '../../../server-stub/dm/hash-dance.ts';
import {
  acerDevice,
  DEMO,
  dm,
  http,
  login,
  preprovision,
  type StartedStub,
  startStub,
} from '../../helpers/stub.ts';

const MAX_BUCKET = 2;
let s: StartedStub;
beforeEach(async () => {
  s = await startStub({ dm: { maxHashBucket: MAX_BUCKET } });
});
afterEach(async () => {
  await s.close();
});

const check = (
  power: number,
  remainder: bigint,
  type = CheckType.FORCED_ENROLLMENT,
  encoding: 'proto' | 'json' = 'proto',
) =>
  dm(
    s.url,
    'enterprise_check',
    'dance-client',
    { autoEnrollmentRequest: { remainder, modulus: 1n << BigInt(power), enrollmentCheckType: type } },
    { encoding },
  );

/** What Chromium's client does: ask with `power`, follow one expected_modulus, look for its hash. */
async function dance(
  brand: string,
  serial: string,
  power = 0,
): Promise<{ inSet: boolean; requests: number; powers: number[] }> {
  const hash = forcedEnrollmentHash(brand, serial);
  const powers = [power];
  let r = await check(power, hashRemainder(hash, power));
  expect(r.status).toBe(200);
  const expected = r.body.autoEnrollmentResponse?.expectedModulus ?? 0n;
  if (expected !== 0n) {
    const p = expected.toString(2).length - 1;
    powers.push(p);
    r = await check(p, hashRemainder(hash, p));
    expect(r.status).toBe(200);
    expect(r.body.autoEnrollmentResponse?.expectedModulus ?? 0n).toBe(0n);
  }
  const hashes = r.body.autoEnrollmentResponse?.hashes ?? [];
  return { inSet: hashes.some((h) => sameHash(h, hash)), requests: powers.length, powers };
}

describe('enterprise_check (forced enrollment)', () => {
  it('answers the whole (small) set in one bucket when it fits', async () => {
    // The demo seed's two pre-provisioned devices: the bucket at power 0 holds both.
    const r = await check(0, 0n);
    expect(r.status).toBe(200);
    expect(r.body.autoEnrollmentResponse?.hashes).toHaveLength(2);
    expect(
      r.body.autoEnrollmentResponse?.hashes.some((h) =>
        sameHash(h, forcedEnrollmentHash('LUSR', 'N3NXCV01D0001')),
      ),
    ).toBe(true);
  });

  it('asks for a larger modulus once the set outgrows a bucket, then answers the bucket', async () => {
    const devices = Array.from({ length: 12 }, (_, i) => acerDevice(1200 + i));
    await preprovision(s.url, devices);
    const one = devices[5];
    if (one === undefined) throw new Error('no device');
    const first = await check(0, 0n);
    const expected = first.body.autoEnrollmentResponse?.expectedModulus ?? 0n;
    expect(expected).toBeGreaterThan(1n);
    expect(first.body.autoEnrollmentResponse?.hashes).toEqual([]);
    const result = await dance('RJIA', one.serial_number);
    expect(result).toMatchObject({ inSet: true, requests: 2 });
    // Every bucket at the stub's power holds at most MAX_BUCKET hashes.
    const p = result.powers[1] ?? 0;
    expect(p).toBe(
      choosePower(
        [
          ...devices.map((d) => forcedEnrollmentHash('RJIA', d.serial_number)),
          forcedEnrollmentHash('LUSR', 'N3NXCV01D0001'),
          forcedEnrollmentHash('XENV', 'NXDEMOACER00001'),
        ],
        MAX_BUCKET,
      ),
    );
    for (let r = 0n; r < 1n << BigInt(p); r++) {
      expect((await check(p, r)).body.autoEnrollmentResponse?.hashes.length ?? 0).toBeLessThanOrEqual(
        MAX_BUCKET,
      );
    }
  });

  it('tells a device that is not in the set, from its hash alone (it never sends its serial)', async () => {
    await preprovision(
      s.url,
      Array.from({ length: 6 }, (_, i) => acerDevice(1300 + i)),
    );
    expect((await dance('RJIA', 'NXNOTUPLOADED1')).inSet).toBe(false);
    expect((await dance('RJIA', acerDevice(1303).serial_number)).inSet).toBe(true);
    // A client asking with more bits than needed gets its (smaller) bucket directly.
    expect(await dance('RJIA', acerDevice(1304).serial_number, 20)).toMatchObject({
      inSet: true,
      requests: 1,
    });
  });

  it('finds a device uploaded after the set was last answered (the set follows every upload)', async () => {
    expect((await check(0, 0n)).status).toBe(200);
    const d = acerDevice(1450);
    expect((await dance('RJIA', d.serial_number)).inSet).toBe(false);
    await preprovision(s.url, [d]);
    expect((await dance('RJIA', d.serial_number)).inSet).toBe(true);
  });

  it('drops a device from the set once its admin deletes the record', async () => {
    const admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
    const d = acerDevice(1400);
    await preprovision(s.url, [d]);
    expect((await dance('RJIA', d.serial_number)).inSet).toBe(true);
    await http(s.url, 'DELETE', `/v1/customers/${DEMO.customer}/devices/${d.device_id}`, { bearer: admin });
    expect((await dance('RJIA', d.serial_number)).inSet).toBe(false);
  });

  it('answers an empty bucket for the FRE check type (no state keys are kept)', async () => {
    const r = await check(0, 0n, CheckType.FRE, 'json');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ auto_enrollment_response: {} });
  });

  it('answers 400 naming the field for a modulus that is not a power of two, or a remainder outside it', async () => {
    const notPower = await dm(s.url, 'enterprise_check', 'c', {
      autoEnrollmentRequest: { remainder: 0n, modulus: 3n, enrollmentCheckType: 2 },
    });
    expect(notPower.status).toBe(400);
    expect(notPower.body.errorMessage).toContain('auto_enrollment_request.modulus');
    const outside = await dm(s.url, 'enterprise_check', 'c', {
      autoEnrollmentRequest: { remainder: 4n, modulus: 4n, enrollmentCheckType: 2 },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.errorMessage).toContain('auto_enrollment_request.remainder');
    const unspecified = await check(0, 0n, CheckType.UNSPECIFIED);
    expect(unspecified.status).toBe(400);
    expect(unspecified.body.errorMessage).toContain('enrollment_check_type');
  });
});
