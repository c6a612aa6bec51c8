import type { AttestationKeyStore, NetworkSource } from '../../hal/interface.ts';
import type { DmClient } from '../dm-client/index.ts';
import type { DeviceIdentity } from '../identity/read-device.ts';
import type { StateStore } from '../persistence/index.ts';
import type { EnrollmentHttp } from './enrollment-http.ts';

/** Everything the agent touches outside itself, chosen by the caller (CLI, simulator, tests). */
export interface AgentDeps {
  readIdentity: () => Promise<DeviceIdentity>;
  network: NetworkSource;
  keyStore: AttestationKeyStore;
  /** The DM client for this device's persisted `deviceid`. */
  createDmClient: (deviceId: string) => DmClient;
  enrollmentHttp: EnrollmentHttp;
  /** Null runs without persistence (nothing survives a restart). */
  store: StateStore | null;
  now: () => Date;
}
