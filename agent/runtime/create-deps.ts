// Real dependencies for a device: the assembled HAL (identity, links, attestation key store), the DM
// client and the state store.

import { join } from 'node:path';
import type { SerialBinding } from '../../hal/backends/smart-rs232/index.ts';
import type { DmEncoding } from '../../protocol/codec.ts';
import { createDmClient, type ServerTrust } from '../dm-client/index.ts';
import { assembleHal, type DeviceHal } from '../hal-assembly/index.ts';
import { readDeviceIdentity } from '../identity/read-device.ts';
import { StateStore } from '../persistence/index.ts';
import type { AgentDeps } from './deps.ts';
import { createEnrollmentHttp } from './enrollment-http.ts';

export interface DeviceDepsOptions {
  server: string;
  root: string;
  stateDir?: string;
  /** The SMART display's RS-232 port: given only on SMART displays. */
  smartSerial?: string;
  /** A serialport binding for that port (the simulator's mock); default the real one. */
  smartBinding?: SerialBinding;
  /** The DM wire encoding: `proto` (default, what Chromium sends) or the `json` debug encoding. */
  dmEncoding?: DmEncoding;
  /** The device's assembled HAL (`assembleHal`); assembled from `root` and `smartSerial` when absent. */
  hal?: DeviceHal;
  /**
   * Whom to trust over https (`loadDeviceTrust`, device-trust.ts): used by every HTTP call of the
   * agent. Without it, Node's default verification (its own roots) applies.
   */
  trust?: ServerTrust;
}

/** Where the agent keeps its record when `--state-dir` is not given (DESIGN §6). */
export function defaultStateDir(root: string): string {
  return join(root, 'var/lib/zte-agent');
}

export function createDeviceDeps(options: DeviceDepsOptions): AgentDeps {
  // The HAL comes from the one assembly (agent/hal-assembly): given by the caller that also runs its
  // keyboards and UIs, or assembled here for the root.
  const hal = options.hal ?? assembleHal(options);
  return {
    readIdentity: () => readDeviceIdentity(hal.identity),
    network: hal.network,
    keyStore: hal.keyStore,
    createDmClient: (deviceId) =>
      createDmClient({
        serverUrl: options.server,
        deviceId,
        encoding: options.dmEncoding ?? 'proto',
        ...(options.trust !== undefined ? { trust: options.trust } : {}),
      }),
    enrollmentHttp: createEnrollmentHttp(
      options.server,
      options.trust !== undefined ? { trust: options.trust } : {},
    ),
    store: new StateStore({ dir: options.stateDir ?? defaultStateDir(options.root) }),
    now: () => new Date(),
  };
}
