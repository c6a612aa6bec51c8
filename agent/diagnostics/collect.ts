// Collects the diagnostics of a running agent: identity and eligibility, the ZTE✓ mark, the live
// server answer, the network, the state timeline, the last error with its advice and the backends.

import type { NetworkInterfaceInfo } from '../../hal/interface.ts';
import { keyFingerprint } from '../dm-client/policy-verify.ts';
import type { IdentityReport } from '../identity/report.ts';
import type { AgentContext } from '../machine/types.ts';
import { flowStateOf } from '../machine/view.ts';
import { createServerLookup, type ServerLookup, type ServerLookupOptions } from './server-lookup.ts';
import type { AgentView, BackendProbe, Diagnostics, DiagnosticsDeps, PolicyDiagnostics } from './types.ts';
import { adviceText } from './words.ts';

export interface CollectOptions extends ServerLookupOptions {
  agentVersion: string;
  /** HAL backends to report; the attestation key store of `deps` is always added. */
  backends?: readonly BackendProbe[];
  /** A cached look-up shared between calls (the web UI keeps one); a fresh one asks every time. */
  server?: ServerLookup;
  /** Ask the server again even when `server` holds an answer. */
  refresh?: boolean;
}

/**
 * ChromeOS's `ZTE✓`: "this device can be zero-touch enrolled". All three must hold:
 * - the certified device ID is present and valid (no identifier reason);
 * - the model is listed in seed 000's table (no `model-not-listed`);
 * - it was made on or after the row's cut-off (no `made-before-cutoff`, and for a row with a
 *   cut-off a known date: no `manufacture-date-unknown`).
 * Any eligibility reason therefore clears the mark: it is exactly DESIGN §4's "eligible" plus a
 * certified device ID to show after `ADID:`.
 */
export function isZteReady(identity: IdentityReport | null): boolean {
  if (identity === null || identity.certifiedDeviceId === null || identity.model === null) return false;
  return identity.eligible && identity.reasons.length === 0;
}

export async function collectDiagnostics(
  agent: AgentView,
  deps: DiagnosticsDeps,
  options: CollectOptions,
): Promise<Diagnostics> {
  const snapshot = agent.actor.getSnapshot();
  const { identity, lastError } = snapshot.context;
  const server = options.server ?? createServerLookup(agent, deps, options);
  const [answer, network, backends] = await Promise.all([
    server.current({ refresh: options.refresh === true }),
    listNetwork(deps),
    backendStates([...(options.backends ?? []), deps.keyStore]),
  ]);
  return {
    agentVersion: options.agentVersion,
    identity,
    zteReady: isZteReady(identity),
    server: answer,
    network,
    state: flowStateOf(snapshot.value),
    history: agent.history.map((h) => ({ state: h.state, at: h.at })),
    lastError: lastError
      ? {
          code: lastError.code,
          message: lastError.message,
          advice: adviceText(lastError.code, lastError.message),
          // A server that failed TLS verification: the certificate it presented (issue 17).
          ...(lastError.certificate !== undefined ? { certificate: lastError.certificate } : {}),
        }
      : null,
    policy: policyDiagnostics(snapshot.context),
    backends,
  };
}

/** The verified policy of this boot; else, for a managed device, at least the key it has pinned. */
function policyDiagnostics(context: AgentContext): PolicyDiagnostics | null {
  const { policy, enrollment } = context;
  if (policy !== null) {
    return {
      timestamp: policy.timestamp,
      keyFingerprint: policy.keyFingerprint,
      keyVersion: policy.pin.version,
      managedBy: policy.managedBy,
      settings: { ...policy.settings },
    };
  }
  const pin = enrollment?.policyKey;
  if (!pin) return null;
  return {
    timestamp: null,
    keyFingerprint: keyFingerprint(Buffer.from(pin.spki, 'base64')),
    keyVersion: pin.version,
    managedBy: null,
    settings: {},
  };
}

async function listNetwork(deps: DiagnosticsDeps): Promise<NetworkInterfaceInfo[]> {
  try {
    return await deps.network.listInterfaces();
  } catch {
    return [];
  }
}

async function backendStates(probes: readonly BackendProbe[]): Promise<Record<string, string>> {
  const entries = await Promise.all(
    probes.map(async (probe): Promise<[string, string]> => {
      try {
        const a = await probe.availability();
        return [probe.name, a.available ? 'available' : `unavailable: ${a.reason}`];
      } catch (error) {
        return [probe.name, `unavailable: ${error instanceof Error ? error.message : String(error)}`];
      }
    }),
  );
  const out: Record<string, string> = {};
  for (const [name, state] of entries) if (!(name in out)) out[name] = state;
  return out;
}
