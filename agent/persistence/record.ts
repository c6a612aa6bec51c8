// The shape of the agent's durable record, `<state-dir>/state.json` (DESIGN §6). Types only: the store
// (state-file.ts), its validation (validate-state.ts) and the history (history.ts) all use it.

export interface PersistedAgentState {
  version: 1;
  /** Identifies the boot that last wrote the record. */
  bootId: string;
  /** Consecutive boots started without being managed (see restart-policy.ts). */
  bootAttempts: number;
  /** The machine's flow state when the record was written, e.g. `automatic.determining`. */
  phase: string;
  updatedAt: string;
  /** The DM `deviceid` this device's agent uses on every request (chosen once, kept across boots). */
  deviceId?: string;
  identity?: {
    certifiedDeviceId: string | null;
    idKind: string | null;
    serialNumber: string | null;
    model: string | null;
  };
  /** `inFlight` is true from just before a register request is sent until its answer is handled. */
  registration?: { inFlight: boolean; attemptedAt?: string };
  managed?: {
    dmToken: string;
    managementDomain: string;
    orgUnitPath: string;
    enrolledAt: string;
    /** The device policy key pinned at the first policy fetch: DER SPKI in base64, and its version. */
    policyKey?: { spki: string; version: number | null };
  };
  manual?: { reason: string };
  lastError?: { code: string; message: string } | null;
  /** Oldest first, at most HISTORY_CAP entries. */
  history: Array<{ state: string; at: string }>;
  /** The screens' language a person chose on the first screen (`en`, `fr`), kept across boots. */
  locale?: string;
}
