// The live half of the diagnostics: ask the enrollment server now whether this device is
// pre-provisioned, in which domain and with which licence — for Chrome devices the agent's own state
// determination (the `enterprise_check` hash dance, then `device_state_retrieval` only for a device in
// the set; never a registration), SMART Remote Management's check-in for SMART displays. Its own
// short time-out; the answer is cached until someone asks for a refresh.

import { determineEnrollmentState } from '../dm-client/determine-state.ts';
import { toErrorInfo } from '../machine/classify.ts';
import type { AgentView, DiagnosticsDeps, ServerAnswer } from './types.ts';

export const DEFAULT_SERVER_TIMEOUT_MS = 5_000;

export interface ServerLookupOptions {
  /** Bound on one look-up (default 5 s): a technician waits on it. */
  timeoutMs?: number;
}

export interface ServerLookup {
  /** The cached answer, asking the server first when it never was (or when `refresh` is set). */
  current(options?: { refresh?: boolean }): Promise<ServerAnswer>;
  /** The cached answer without asking (null when the server was never asked). */
  cached(): ServerAnswer | null;
}

export const NOT_ASKED: ServerAnswer = {
  reachable: null,
  preProvisioned: null,
  managementDomain: null,
  orgUnitPath: null,
  licensePackaged: null,
  enrollmentMode: null,
  checkedAt: null,
  error: null,
};

/** Transport failures: the server was not reached (anything else is an answer from it). */
const UNREACHED = new Set(['network', 'timeout', 'aborted']);

export function createServerLookup(
  agent: AgentView,
  deps: DiagnosticsDeps,
  options: ServerLookupOptions = {},
): ServerLookup {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SERVER_TIMEOUT_MS;
  let cache: ServerAnswer | null = null;
  let inFlight: Promise<ServerAnswer> | null = null;
  let smartModelNumber: string | null | undefined;

  async function ask(): Promise<ServerAnswer> {
    const identity = agent.actor.getSnapshot().context.identity;
    if (identity === null) {
      return {
        ...NOT_ASKED,
        error: {
          code: 'identity-unknown',
          message: 'The device identity has not been read yet: the server was not asked.',
        },
      };
    }
    const checkedAt = deps.now().toISOString();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    timer.unref?.();
    try {
      if (identity.deviceClass === 'smart-display') {
        const model = await smartModel(identity.model);
        const { assignedDomain } = await deps.enrollmentHttp.smartCheckin(
          { serial_number: identity.serialNumber ?? '', model_number: model },
          controller.signal,
        );
        return {
          reachable: true,
          preProvisioned: assignedDomain !== null,
          managementDomain: assignedDomain,
          orgUnitPath: null,
          licensePackaged: null,
          enrollmentMode: null,
          checkedAt,
          error: null,
        };
      }
      if (identity.serialNumber === null || identity.brandCode === null) {
        return {
          ...NOT_ASKED,
          error: {
            code: 'identity-incomplete',
            message: 'The device has no serial number or brand code: the server was not asked.',
          },
        };
      }
      const dm = deps.createDmClient(agent.deviceId);
      const state = await determineEnrollmentState(
        dm,
        { serialNumber: identity.serialNumber, brandCode: identity.brandCode },
        { signal: controller.signal },
      );
      return {
        reachable: true,
        preProvisioned: state.mode === 'zero-touch-enforced',
        managementDomain: state.managementDomain,
        orgUnitPath: state.orgUnitPath,
        licensePackaged: state.licensePackaged,
        enrollmentMode: state.mode,
        checkedAt,
        error: null,
      };
    } catch (error) {
      const info = toErrorInfo(error);
      const code = timedOut ? 'timeout' : info.code;
      const message = timedOut ? `The server did not answer within ${timeoutMs / 1000} s.` : info.message;
      const notFound = code === 'device-not-found';
      return {
        reachable: !UNREACHED.has(code),
        // 410: the server knows nothing of this device — an answer, and a "no".
        preProvisioned: notFound ? false : null,
        managementDomain: null,
        orgUnitPath: null,
        licensePackaged: null,
        enrollmentMode: null,
        checkedAt,
        error: { code, message },
      };
    } finally {
      clearTimeout(timer);
    }
  }

  /** A display's model number as it says it over RS-232 (the identity keeps the series name). */
  async function smartModel(series: string | null): Promise<string> {
    if (smartModelNumber === undefined && deps.readIdentity) {
      smartModelNumber = await deps
        .readIdentity()
        .then((d) => d.smartInfo?.modelNumber ?? null)
        .catch(() => null);
    }
    return smartModelNumber ?? series ?? '';
  }

  return {
    cached: () => cache,
    current(opts = {}) {
      if (inFlight) return inFlight;
      if (cache !== null && !opts.refresh) return Promise.resolve(cache);
      inFlight = ask().then((answer) => {
        // Not asked (identity unknown yet) is not an answer worth keeping.
        if (answer.checkedAt !== null) cache = answer;
        inFlight = null;
        return answer;
      });
      return inFlight;
    },
  };
}
