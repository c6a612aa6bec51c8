// Hostile protobuf bodies on the DM endpoint (issue 12's chaos list): truncated messages, wrong wire
// types, huge length prefixes, deep group nesting, a flood of repeated entries. Each is a 400 with a
// DeviceManagementResponse error, never a crash, and memory stays bounded (the body is capped at
// 64 KiB and unknown fields are skipped, not kept).

import { create, toBinary } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceManagementRequestSchema } from '../../../protocol/dm.ts';
import { DM_BODY_LIMIT } from '../../../server-stub/dm/schemas.ts';
import {
  acerDevice,
  dm,
  dmStatusOf,
  initialState,
  preprovision,
  type StartedStub,
  startStub,
  zeroTouchRegister,
} from '../../helpers/stub.ts';

let s: StartedStub;
beforeAll(async () => {
  s = await startStub();
});
afterAll(async () => {
  await s.close();
});

const valid = toBinary(
  DeviceManagementRequestSchema,
  create(DeviceManagementRequestSchema, {
    deviceInitialEnrollmentStateRequest: { serialNumber: 'NXHOSTILE0001', brandCode: 'ABCD' },
  }),
);

function varint(n: bigint): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

/** Field 28 (device_initial_enrollment_state_request) as a length-delimited tag: 0xe2 0x01. */
const FIELD_28 = [0xe2, 0x01];
/** An unknown field 100, wire type 3 (start group) / 4 (end group). */
const START_GROUP_100 = varint((100n << 3n) | 3n);

const hostile: Array<[string, Uint8Array]> = [
  ['a truncated message', valid.subarray(0, valid.length - 3)],
  ['a wrong wire type for a message field (varint)', new Uint8Array([0xe0, 0x01, 0x05])],
  ['a huge length prefix', new Uint8Array([...FIELD_28, ...varint(0xffffffffn), 0x0a, 0x01, 0x41])],
  ['a length prefix past the end', new Uint8Array([...FIELD_28, ...varint(60_000n), 0x0a])],
  ['an overlong varint', new Uint8Array([0xe2, 0x01, ...new Array(11).fill(0xff), 0x01])],
  ['groups nested 30 000 deep', new Uint8Array(Array.from({ length: 30_000 }, () => START_GROUP_100).flat())],
  ['an end-group tag without a start', new Uint8Array([...varint((100n << 3n) | 4n)])],
  ['wire type 7 (invalid)', new Uint8Array([0x0f, 0x00])],
];

describe('hostile protobuf', () => {
  it.each(hostile)('%s → 400 DM_STATUS_REQUEST_INVALID', async (_what, body) => {
    expect(body.length).toBeLessThanOrEqual(DM_BODY_LIMIT);
    const r = await dm(s.url, 'device_initial_enrollment_state', 'hostile', {}, { rawBody: body });
    expect(r.status).toBe(400);
    expect(dmStatusOf(r)).toBe('DM_STATUS_REQUEST_INVALID');
    expect(r.body.errorMessage).not.toBe('');
    // The stub is still serving.
    expect((await initialState(s.url, 'NXHOSTILE0001', 'ABCD')).status).toBe(200);
  });

  it('refuses a flood of PolicyFetchRequests (400) without signing any', async () => {
    const d = acerDevice(1500);
    await preprovision(s.url, [d]);
    const reg = await zeroTouchRegister(s.url, d, 'hostile-flood');
    const token = reg.body.registerResponse?.deviceManagementToken ?? '';
    // 20 000 empty `requests` entries (field 3 of DevicePolicyRequest) inside policy_request (field 3).
    const inner = new Uint8Array(Array.from({ length: 20_000 }, () => [0x1a, 0x00]).flat());
    const body = new Uint8Array([0x1a, ...varint(BigInt(inner.length)), ...inner]);
    const r = await dm(
      s.url,
      'policy',
      'hostile-flood',
      {},
      { rawBody: body, auth: `GoogleDMToken token=${token}` },
    );
    expect(r.status).toBe(400);
    expect(r.body.errorMessage).toContain('policy_request.requests holds more than');
  });

  it('keeps memory bounded over hundreds of hostile bodies', async () => {
    const before = process.memoryUsage().heapUsed;
    for (let round = 0; round < 40; round++) {
      await Promise.all(
        hostile.map(([, body]) =>
          dm(s.url, 'device_initial_enrollment_state', `mem-${round}`, {}, { rawBody: body }),
        ),
      );
    }
    globalThis.gc?.();
    const grown = process.memoryUsage().heapUsed - before;
    expect(grown).toBeLessThan(64 * 1024 * 1024);
    expect((await initialState(s.url, 'NXHOSTILE0001', 'ABCD')).status).toBe(200);
  });
});
