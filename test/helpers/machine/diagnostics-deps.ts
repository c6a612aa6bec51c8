// Diagnostics dependencies answering from a script: the DM client's look-up, SMART check-in, network
// links, key store. The live look-up of the diagnostics screen runs against these, next to a machine
// started with `startMachine`.

import { create } from '@bufbuild/protobuf';
import type { DiagnosticsDeps } from '../../../agent/diagnostics/index.ts';
import type { DmClient } from '../../../agent/dm-client/index.ts';
import type { EnrollmentState } from '../../../agent/machine/types.ts';
import type { Availability, NetworkInterfaceInfo } from '../../../hal/interface.ts';
import {
  DeviceAutoEnrollmentResponseSchema,
  DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode,
  DeviceStateRetrievalResponseSchema,
} from '../../../protocol/dm.ts';
import { forcedEnrollmentHash } from '../../../protocol/forced-enrollment-hash.ts';
import { eligibleIdentity, NOT_IN_SET } from './fixtures.ts';
import { type Outcome, scriptError } from './script.ts';

export interface FakeDepsOptions {
  /**
   * What the state determination finds, in order (the last repeats): `enterprise_check` answers the
   * device's hash only for a state whose source is `state-retrieval`, which `device_state_retrieval`
   * then returns; an error is the enterprise_check's.
   */
  enrollmentState?: Array<Outcome<EnrollmentState>>;
  /** The device the fake server knows (default eligibleIdentity()'s serial and brand code). */
  device?: { serialNumber: string; brandCode: string };
  smartCheckin?: Array<Outcome<{ assignedDomain: string | null }>>;
  interfaces?: NetworkInterfaceInfo[];
  keyStore?: Availability;
}

export interface FakeDeps {
  deps: DiagnosticsDeps;
  /** How many times the server was asked. */
  lookups(): number;
}

const MODE: Readonly<
  Record<EnrollmentState['mode'], DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode>
> = {
  none: DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode.NONE,
  'enrollment-enforced': DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode.ENROLLMENT_ENFORCED,
  'zero-touch-enforced': DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode.ZERO_TOUCH_ENFORCED,
  disabled: DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode.DISABLED,
  'token-enrollment-enforced':
    DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode.TOKEN_ENROLLMENT_ENFORCED,
};

/** The device_state_retrieval answer a DM server gives for a scripted state. */
function stateRetrievalAnswer(state: EnrollmentState | null) {
  if (state === null) return {};
  return {
    initialStateResponse: {
      initialEnrollmentMode: MODE[state.mode],
      ...(state.managementDomain !== null ? { managementDomain: state.managementDomain } : {}),
      ...(state.orgUnitPath !== null ? { orgUnitPath: state.orgUnitPath } : {}),
      ...(state.licensePackaged !== null ? { isLicensePackagedWithDevice: state.licensePackaged } : {}),
    },
  };
}

const ETH0: NetworkInterfaceInfo = {
  name: 'eth0',
  mac: '00:1a:2b:3c:4d:5e',
  type: 1,
  operstate: 'up',
  virtual: false,
  wireless: false,
};
const WLAN0: NetworkInterfaceInfo = {
  name: 'wlan0',
  mac: '00:1a:2b:3c:4d:5f',
  type: 1,
  operstate: 'down',
  virtual: false,
  wireless: true,
};

/** Diagnostics dependencies answering from a script: the DM client's look-up, SMART check-in, links, key store. */
export function fakeDiagnosticsDeps(options: FakeDepsOptions = {}): FakeDeps {
  let count = 0;
  const take = <T>(list: Array<Outcome<T>> | undefined, fallback: Outcome<T>): Promise<T> => {
    count++;
    const next = list && list.length > 1 ? list.shift() : (list?.[0] ?? fallback);
    if (next === undefined) return Promise.reject(scriptError({ code: 'internal' }));
    return 'error' in next ? Promise.reject(scriptError(next.error)) : Promise.resolve(next.ok);
  };
  const states = options.enrollmentState ? [...options.enrollmentState] : undefined;
  const checkins = options.smartCheckin ? [...options.smartCheckin] : undefined;
  const unused = () => Promise.reject(scriptError({ code: 'internal', message: 'not scripted' }));
  const known = eligibleIdentity();
  const device = options.device ?? {
    serialNumber: known.serialNumber ?? '',
    brandCode: known.brandCode ?? '',
  };
  let current: EnrollmentState | null = null;
  const dm = (deviceId: string): DmClient => ({
    serverUrl: 'http://scripted.invalid',
    deviceId,
    encoding: 'proto',
    serverDate: () => null,
    enterpriseCheck: async () => {
      current = await take(states, { ok: NOT_IN_SET });
      const hashes =
        current.source === 'state-retrieval'
          ? [forcedEnrollmentHash(device.brandCode, device.serialNumber)]
          : [];
      return create(DeviceAutoEnrollmentResponseSchema, { hashes });
    },
    deviceStateRetrieval: async () =>
      create(DeviceStateRetrievalResponseSchema, stateRetrievalAnswer(current)),
    initialEnrollmentState: unused,
    certificateBasedRegister: unused,
    register: unused,
    tokenBasedRegister: unused,
    policy: unused,
    unregister: unused,
  });
  const enrollmentHttp: DiagnosticsDeps['enrollmentHttp'] = {
    smartCheckin: () => take(checkins, { ok: { assignedDomain: null } }),
  };
  return {
    deps: {
      createDmClient: dm,
      enrollmentHttp,
      network: { name: 'memory', listInterfaces: async () => options.interfaces ?? [ETH0, WLAN0] },
      keyStore: {
        name: 'attestation-file',
        availability: async () => options.keyStore ?? { available: true },
      },
      now: () => new Date(),
    },
    lookups: () => count,
  };
}
