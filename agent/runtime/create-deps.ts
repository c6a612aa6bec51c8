// Real dependencies for a device: sysfs (+ systeminformation on `/`) for identity and links, the
// file attestation key store under the root, the DM client and the state store.

import { join } from 'node:path';
import { createAttestationFileKeyStore } from '../../hal/backends/attestation-file/index.ts';
import type { SerialBinding } from '../../hal/backends/smart-rs232/index.ts';
import { SysfsBackend } from '../../hal/backends/sysfs/index.ts';
import type { IdentitySource, SmartDisplayControl } from '../../hal/interface.ts';
import type { DmEncoding } from '../../protocol/codec.ts';
import { createDmClient } from '../dm-client/index.ts';
import { type DeviceIdentitySources, readDeviceIdentity } from '../identity/read-device.ts';
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
}

/** Where the agent keeps its record when `--state-dir` is not given (DESIGN §6). */
export function defaultStateDir(root: string): string {
  return join(root, 'var/lib/zte-agent');
}

export function createDeviceDeps(options: DeviceDepsOptions): AgentDeps {
  const sysfs = new SysfsBackend({ root: options.root });
  const sources: DeviceIdentitySources = { primary: sysfs };
  if (options.root === '/') {
    // systeminformation reads only `/`; it backs up DMI fields sysfs could not read there.
    sources.fallback = lazyIdentitySource(async () => {
      const { SystemInformationBackend } = await import('../../hal/backends/systeminformation/index.ts');
      return new SystemInformationBackend();
    });
  }
  const smartSerial = options.smartSerial;
  if (smartSerial !== undefined) {
    sources.openSmartDisplay = async (): Promise<SmartDisplayControl> => {
      const { openSmartDisplay } = await import('../../hal/backends/smart-rs232/index.ts');
      return openSmartDisplay({
        path: smartSerial,
        ...(options.smartBinding ? { binding: options.smartBinding } : {}),
      });
    };
  }
  return {
    readIdentity: () => readDeviceIdentity(sources),
    network: sysfs,
    keyStore: createAttestationFileKeyStore({ root: options.root }),
    createDmClient: (deviceId) =>
      createDmClient({ serverUrl: options.server, deviceId, encoding: options.dmEncoding ?? 'proto' }),
    enrollmentHttp: createEnrollmentHttp(options.server),
    store: new StateStore({ dir: options.stateDir ?? defaultStateDir(options.root) }),
    now: () => new Date(),
  };
}

/** Loads a backend on first use, so a boot that never needs it never pays for it. */
function lazyIdentitySource(load: () => Promise<IdentitySource>): IdentitySource {
  let loaded: Promise<IdentitySource> | null = null;
  const get = () => {
    loaded ??= load();
    return loaded;
  };
  return {
    name: 'lazy',
    limitations: {},
    availability: async () => (await get()).availability(),
    readIdentity: async () => (await get()).readIdentity(),
  };
}
