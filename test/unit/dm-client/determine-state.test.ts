// The hash dance of DESIGN §5 against a scripted DM server: the bucket the device asks for, one
// expected_modulus followed and no more, a bounded power, and the serial sent only for a member.

import { create } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import {
  type DmClient,
  determineEnrollmentState,
  INITIAL_MODULUS_POWER,
  isDmError,
  MODULUS_POWER_LIMIT,
} from '../../../agent/dm-client/index.ts';
import {
  DeviceAutoEnrollmentResponseSchema,
  DeviceStateRetrievalResponseSchema,
  DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode as Mode,
} from '../../../protocol/dm.ts';
import { forcedEnrollmentHash, hashRemainder } from '../../../protocol/forced-enrollment-hash.ts';

const device = { serialNumber: 'NXHPVEK0010123456789', brandCode: 'ACRA' };
const mine = forcedEnrollmentHash(device.brandCode, device.serialNumber);

type Check = { expectedModulus?: bigint; hashes?: Uint8Array[] };

/** A DM client answering enterprise_check from a list (the last repeats) and recording every call. */
function scripted(
  checks: Check[],
  retrieval: Parameters<typeof create<typeof DeviceStateRetrievalResponseSchema>>[1] = {},
) {
  const calls: Array<{ type: string; arg: unknown }> = [];
  const unused = () => Promise.reject(new Error('not expected'));
  const client: DmClient = {
    serverUrl: 'http://scripted.invalid',
    deviceId: 'd',
    encoding: 'proto',
    serverDate: () => null,
    enterpriseCheck: async (bucket) => {
      calls.push({ type: 'enterprise_check', arg: bucket });
      const next = checks.length > 1 ? checks.shift() : checks[0];
      return create(DeviceAutoEnrollmentResponseSchema, next ?? {});
    },
    deviceStateRetrieval: async (d) => {
      calls.push({ type: 'device_state_retrieval', arg: d });
      return create(DeviceStateRetrievalResponseSchema, retrieval);
    },
    initialEnrollmentState: unused,
    certificateBasedRegister: unused,
    register: unused,
    tokenBasedRegister: unused,
    policy: unused,
    unregister: unused,
  };
  return { client, calls };
}

describe('determineEnrollmentState', () => {
  it('starts with 2^4 buckets and sends only the remainder of the hash', async () => {
    const { client, calls } = scripted([{ hashes: [] }]);
    const state = await determineEnrollmentState(client, device);
    expect(state).toMatchObject({ source: 'hash-not-in-set', mode: 'none', managementDomain: null });
    expect(calls).toEqual([
      {
        type: 'enterprise_check',
        arg: {
          remainder: hashRemainder(mine, INITIAL_MODULUS_POWER),
          modulus: 1n << BigInt(INITIAL_MODULUS_POWER),
        },
      },
    ]);
  });

  it('a member sends serial + brand code and takes the initial state answer', async () => {
    const { client, calls } = scripted([{ hashes: [new Uint8Array(8), mine] }], {
      initialStateResponse: {
        initialEnrollmentMode: Mode.ZERO_TOUCH_ENFORCED,
        managementDomain: 'demo.example',
        isLicensePackagedWithDevice: true,
        licensePackagingSku: 2,
      },
    });
    const state = await determineEnrollmentState(client, device);
    expect(state).toEqual({
      source: 'state-retrieval',
      mode: 'zero-touch-enforced',
      managementDomain: 'demo.example',
      orgUnitPath: null,
      licensePackaged: true,
      licensePackagingSku: 'CHROME_EDUCATION',
      assignedUpgradeType: null,
      disabledMessage: null,
    });
    expect(calls[1]).toEqual({ type: 'device_state_retrieval', arg: device });
  });

  it('a member without initial_state_response is NONE (the retrieval’s domain kept)', async () => {
    const { client } = scripted([{ hashes: [mine] }], { managementDomain: 'x.example' });
    expect(await determineEnrollmentState(client, device)).toMatchObject({
      mode: 'none',
      managementDomain: 'x.example',
    });
  });

  it('follows expected_modulus once', async () => {
    const { client, calls } = scripted([{ expectedModulus: 1n << 12n }, { hashes: [mine] }]);
    await determineEnrollmentState(client, device);
    expect(calls.slice(0, 2).map((c) => c.arg)).toEqual([
      { remainder: hashRemainder(mine, 4), modulus: 16n },
      { remainder: hashRemainder(mine, 12), modulus: 4096n },
    ]);
  });

  it.each([
    ['asked twice', [{ expectedModulus: 256n }, { expectedModulus: 512n }]],
    ['not a power of two', [{ expectedModulus: 100n }]],
    ['beyond the bound', [{ expectedModulus: 1n << BigInt(MODULUS_POWER_LIMIT + 1) }]],
    ['negative', [{ expectedModulus: -16n }]],
  ] as const)(
    'an expected_modulus %s is invalid-response, and the serial never leaves',
    async (_, checks) => {
      const { client, calls } = scripted(checks.map((c) => ({ ...c })));
      const error = await determineEnrollmentState(client, device).catch((e: unknown) => e);
      expect(isDmError(error, 'invalid-response')).toBe(true);
      expect(calls.some((c) => c.type === 'device_state_retrieval')).toBe(false);
    },
  );
});
