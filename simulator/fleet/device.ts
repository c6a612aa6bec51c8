// One planned device: materialise its filesystem root and TPM-sim key (prepareDevice), then boot the
// real agent in-process against the server (bootInProcess): real sysfs reads, real attestation files,
// real HTTP, a SMART display behind @serialport/binding-mock. Runs inside a fleet worker thread, and in
// the main thread for `replay`.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  createDmClient,
  createServerTrust,
  type DmClient,
  isDmError,
  type ServerTrust,
} from '../../agent/dm-client/index.ts';
import type { IdentityReport } from '../../agent/identity/report.ts';
import { startAgent } from '../../agent/runtime/agent.ts';
import { createDeviceDeps } from '../../agent/runtime/create-deps.ts';
import type { AgentDeps } from '../../agent/runtime/deps.ts';
import type { EnrollmentHttp } from '../../agent/runtime/enrollment-http.ts';
import type { Outcome } from '../../agent/runtime/outcome.ts';
import { createManufacturerCa, type ManufacturerCa } from '../../server-stub/attestation/ca.ts';
import { caKeyFor } from '../../server-stub/attestation/ca-store.ts';
import { mintDeviceIdentity } from '../../server-stub/attestation/mint.ts';
import { materializeDeviceTree } from '../device-tree.ts';
import { createStubClient } from '../devices/stub-client.ts';
import { writeAttestationMaterial } from '../devices/tpm-sim.ts';
import { seededRandom } from '../profiles/random.ts';
import { type DevicePlan, describeExpected, matchesExpected } from '../scenarios/types.ts';
import { createMockDisplayPort, type MockDisplayPort } from '../smart-display/mock-binding.ts';
import { typeSmartDomain } from './technician.ts';
import type { ActualOutcome, BootEnv, DeviceResult, RequestRecord } from './types.ts';

/** A device that has not settled by then is stuck (the agent's own safeguard is 90 s). */
export const DEVICE_WATCHDOG_MS = 150_000;
/** Response time-out of flaky Chrome devices, so that a stalled answer costs seconds, not 20 s. */
export const FLAKY_RESPONSE_TIMEOUT_MS = 1_500;

export interface PreparedDevice {
  root: string;
  stateDir: string;
  prepareMs: number;
  cleanup(): Promise<void>;
}

let rogueCa: Promise<ManufacturerCa> | null = null;

async function mintFor(env: BootEnv, attestedDeviceId: string, manufacturer: string) {
  const ca = env.cas?.[caKeyFor(manufacturer)];
  if (ca !== undefined) {
    const id = await mintDeviceIdentity(ca, { attestedDeviceId, manufacturer });
    return { privateKeyPem: id.private_key_pem, certificateChainPem: id.certificate_chain_pem };
  }
  const minted = await createStubClient(env.serverUrl).mintDevice(attestedDeviceId, manufacturer);
  return { privateKeyPem: minted.private_key_pem, certificateChainPem: minted.certificate_chain_pem };
}

/** The device's root: its sysfs tree and, for Chrome devices, the key its plan says the TPM holds. */
export async function prepareDevice(plan: DevicePlan, env: BootEnv): Promise<PreparedDevice> {
  const started = performance.now();
  const root = join(env.workDir, 'devices', plan.id);
  // Synchronous, like the tree's materialisation: a few dozen local entries, faster done directly.
  rmSync(root, { recursive: true, force: true });
  await materializeDeviceTree(root, plan.hardware.spec);
  if (plan.hardware.kind === 'chrome') {
    const id = plan.hardware.identity.certifiedDeviceId;
    switch (plan.key.kind) {
      case 'genuine':
        await writeAttestationMaterial(root, await mintFor(env, id, plan.manufacturer));
        break;
      case 'other-device':
        await writeAttestationMaterial(
          root,
          await mintFor(env, plan.key.attestedDeviceId, plan.manufacturer),
        );
        break;
      case 'rogue-ca': {
        rogueCa ??= createManufacturerCa(`${plan.manufacturer} Clone Factory CA`);
        const minted = await mintDeviceIdentity(await rogueCa, {
          attestedDeviceId: id,
          manufacturer: plan.manufacturer,
        });
        await writeAttestationMaterial(root, {
          privateKeyPem: minted.private_key_pem,
          certificateChainPem: minted.certificate_chain_pem,
        });
        break;
      }
      case 'none':
        break;
    }
  }
  return {
    root,
    stateDir: join(root, 'var/lib/zte-agent'),
    prepareMs: performance.now() - started,
    cleanup: async () => {
      if (!env.keepRoots) rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Whether a device talks to the stub over HTTPS (issue 17): all with `--tls`, one in four in `mixed`
 * (index % 4 == 1, so the first 24 cover several scenarios); never a device behind the fault proxy,
 * which speaks plain HTTP on loopback.
 */
export function usesTls(plan: DevicePlan, env: BootEnv): boolean {
  if (env.tls == null || plan.network.proxyFaults.length > 0) return false;
  return env.tls.all || plan.index % 4 === 1;
}

/** The URL a device talks to: the fault proxy's per-device prefix when it has network faults. */
export function serverUrlFor(plan: DevicePlan, env: BootEnv): string {
  if (plan.network.proxyFaults.length > 0 && env.proxyUrl !== null) return `${env.proxyUrl}/d/${plan.index}`;
  if (env.tls != null && usesTls(plan, env)) return env.tls.url;
  return env.serverUrl;
}

/**
 * The trust of a TLS device: the system store plus the fleet CA, as `--server-ca` gives it. One per
 * device (its own connections and handshakes, as on a real device); Node keeps the roots parsed once.
 */
function deviceTrust(plan: DevicePlan, env: BootEnv): Promise<ServerTrust> | null {
  if (env.tls == null || !usesTls(plan, env)) return null;
  return createServerTrust({ extraCaPem: [env.tls.caPem] });
}

function statusOf(error: unknown): number | string {
  const e = error as { httpStatus?: unknown; code?: unknown };
  if (typeof e.httpStatus === 'number') return e.httpStatus;
  return typeof e.code === 'string' ? e.code : 'error';
}

/** Records every request the agent makes (for the report, requestsPerDevice and the herd chart). */
function recorder(env: BootEnv, requests: RequestRecord[], onError: (status: number | string) => void) {
  return <A extends unknown[], R>(type: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const t0 = Date.now();
      try {
        const answer = await call(...args);
        requests.push({ type, at: t0 - env.fleetStart, ms: Date.now() - t0, status: 200 });
        return answer;
      } catch (error) {
        const status = statusOf(error);
        requests.push({ type, at: t0 - env.fleetStart, ms: Date.now() - t0, status });
        if (status !== 'aborted') onError(status);
        throw error;
      }
    };
}

function recordingDmClient(inner: DmClient, record: ReturnType<typeof recorder>): DmClient {
  return {
    serverUrl: inner.serverUrl,
    deviceId: inner.deviceId,
    encoding: inner.encoding,
    serverDate: () => inner.serverDate(),
    enterpriseCheck: record('enterprise_check', inner.enterpriseCheck.bind(inner)),
    deviceStateRetrieval: record('device_state_retrieval', inner.deviceStateRetrieval.bind(inner)),
    initialEnrollmentState: record(
      'device_initial_enrollment_state',
      inner.initialEnrollmentState.bind(inner),
    ),
    certificateBasedRegister: record(
      'certificate_based_register',
      inner.certificateBasedRegister.bind(inner),
    ),
    register: record('register', inner.register.bind(inner)),
    tokenBasedRegister: record('token_based_register', inner.tokenBasedRegister.bind(inner)),
    policy: record('policy', inner.policy.bind(inner)),
    unregister: record('unregister', inner.unregister.bind(inner)),
  };
}

function recordingEnrollmentHttp(inner: EnrollmentHttp, record: ReturnType<typeof recorder>): EnrollmentHttp {
  return {
    smartCheckin: record('smart/displays/checkin', inner.smartCheckin.bind(inner)),
    smartEnroll: record('smart/displays/enroll', inner.smartEnroll.bind(inner)),
    login: record('auth/login', inner.login.bind(inner)),
    // Never throws: null when the server's Date header could not be read.
    serverTime: record('server-time', inner.serverTime.bind(inner)),
    // Not a request: what the latest answer said the time was.
    serverDate: () => inner.serverDate(),
  };
}

function deviceClock(plan: DevicePlan): () => Date {
  const clock = plan.clock;
  if (clock === null) return () => new Date();
  if ('offsetMs' in clock) return () => new Date(Date.now() + clock.offsetMs);
  const origin = Date.now();
  const start = Date.parse(clock.startsAt);
  return () => new Date(start + (Date.now() - origin));
}

export interface BootHooks {
  /** The first failed request of the device (the runner waits for the outage herd to have met the outage). */
  onFirstError?: (index: number, status: number | string) => void;
}

export function actualOf(outcome: Outcome): ActualOutcome {
  return {
    outcome: outcome.outcome,
    reason: outcome.reason,
    managementDomain: outcome.managementDomain,
    orgUnitPath: outcome.orgUnitPath,
    certifiedDeviceId: outcome.certifiedDeviceId,
    idKind: outcome.idKind,
  };
}

export function judge(plan: DevicePlan, actual: ActualOutcome | null): boolean {
  return actual !== null && matchesExpected(plan.expected, actual);
}

/** Prepares the device, boots the agent in-process until it settles, and says whether it met its plan. */
export async function bootInProcess(
  plan: DevicePlan,
  env: BootEnv,
  hooks: BootHooks = {},
): Promise<DeviceResult> {
  const startedAt = Date.now() - env.fleetStart;
  const t0 = performance.now();
  const log: string[] = [
    `${plan.id} ${plan.scenario}/${plan.variant} ${plan.model}: expect ${describeExpected(plan.expected)}`,
  ];
  const requests: RequestRecord[] = [];
  const timeline: DeviceResult['timeline'] = [];
  let prepared: PreparedDevice | null = null;
  let port: MockDisplayPort | null = null;
  let trust: ServerTrust | null = null;
  const result = (fields: Partial<DeviceResult>): DeviceResult => ({
    index: plan.index,
    id: plan.id,
    actual: null,
    passed: false,
    identity: null,
    timeline,
    timings: {
      startedAt,
      prepareMs: prepared?.prepareMs ?? 0,
      decisionMs: 0,
      totalMs: performance.now() - t0,
    },
    requests,
    boots: [],
    log,
    ...fields,
  });

  try {
    prepared = await prepareDevice(plan, env);
    const url = serverUrlFor(plan, env);
    if (plan.hardware.kind === 'smart') {
      port = createMockDisplayPort({ ...plan.hardware.responder, path: `/dev/ttySMART-${plan.id}` });
    }
    let firstError = true;
    const record = recorder(env, requests, (status) => {
      log.push(`  request failed: ${status}`);
      if (firstError) {
        firstError = false;
        hooks.onFirstError?.(plan.index, status);
      }
    });
    trust = await deviceTrust(plan, env);
    if (trust !== null) log.push(`  over HTTPS (${url}), trusting the fleet CA`);
    const base = createDeviceDeps({
      server: url,
      root: prepared.root,
      stateDir: prepared.stateDir,
      ...(port ? { smartSerial: port.path, smartBinding: port.binding } : {}),
      ...(trust !== null ? { trust } : {}),
    });
    const stalls = plan.network.proxyFaults.includes('stall');
    const deps: AgentDeps = {
      ...base,
      createDmClient: (deviceId) =>
        recordingDmClient(
          stalls
            ? createDmClient({
                serverUrl: url,
                deviceId,
                timeouts: { response: FLAKY_RESPONSE_TIMEOUT_MS, request: FLAKY_RESPONSE_TIMEOUT_MS * 2 },
              })
            : base.createDmClient(deviceId),
          record,
        ),
      enrollmentHttp: recordingEnrollmentHttp(base.enrollmentHttp, record),
      now: deviceClock(plan),
    };
    const bootStart = performance.now();
    const agent = await startAgent(deps, {
      random: seededRandom(plan.jitterSeed),
      onTransition: (state, snapshot) => {
        const atMs = performance.now() - bootStart;
        timeline.push({ state, atMs });
        const err = snapshot.context.lastError;
        log.push(`  +${atMs.toFixed(0)}ms ${state}${err ? ` (last error ${err.code})` : ''}`);
      },
    });
    let watchdog: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      watchdog = setTimeout(() => resolve('timeout'), DEVICE_WATCHDOG_MS);
    });
    const settled = await Promise.race([agent.settled, timedOut]);
    clearTimeout(watchdog);
    // SMART: a technician may type a domain on the manual screen (plan.smart.typedDomain).
    const typed =
      settled === 'timeout' ? null : await typeSmartDomain(plan, settled, agent.actor, DEVICE_WATCHDOG_MS);
    const decisionMs = performance.now() - bootStart;
    const identity: IdentityReport | null = agent.actor.getSnapshot().context.identity;
    await agent.stop();
    if (settled === 'timeout') {
      log.push(`  did not settle within ${DEVICE_WATCHDOG_MS} ms`);
      return result({
        identity,
        error: 'fleet-watchdog',
        timings: { startedAt, prepareMs: prepared.prepareMs, decisionMs, totalMs: performance.now() - t0 },
      });
    }
    const actual = typed ?? actualOf(settled);
    if (settled.internalError !== undefined) log.push(`  internal error: ${settled.internalError}`);
    log.push(
      `  settled ${actual.outcome}/${actual.reason ?? '-'}${actual.managementDomain ? `@${actual.managementDomain}` : ''} in ${decisionMs.toFixed(0)} ms`,
    );
    return result({
      actual,
      passed: judge(plan, actual),
      identity,
      boots: [{ boot: 1, killAfterStateWrites: null, killed: false, exitCode: null, ms: decisionMs }],
      timings: { startedAt, prepareMs: prepared.prepareMs, decisionMs, totalMs: performance.now() - t0 },
    });
  } catch (error) {
    const message = isDmError(error)
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
    log.push(`  fleet error: ${message}`);
    return result({ error: message });
  } finally {
    port?.unplug();
    trust?.destroy();
    await prepared?.cleanup().catch(() => undefined);
  }
}
