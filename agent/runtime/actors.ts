// The real implementations of the machine's actor contracts, over the HAL, the DM client and the
// enrollment HTTP calls. Each passes its actor's `signal` on, so leaving a state aborts its request.

import { fromPromise } from 'xstate';
import { DeviceRegisterRequest_Flavor as Flavor } from '../../protocol/dm.ts';
import { buildCertificateBasedRegisterRequest, deviceRegisterRequest } from '../attestation/index.ts';
import {
  DEVICE_POLICY_TYPE,
  type DmClient,
  determineEnrollmentState,
  verifyPolicy,
} from '../dm-client/index.ts';
import type { VpdLocaleFields } from '../i18n/index.ts';
import type { IdentityReport } from '../identity/report.ts';
import { checkClockAgainstAnswer, judgeClock } from '../machine/clock.ts';
import type { ActorContracts, Enrollment, IdentityReading, Registration } from '../machine/types.ts';
import type { AgentDeps } from './deps.ts';
import { linkLooksUp } from './link-state.ts';

/** The actor system a machine actor and its children run in (one per boot). */
export type BootSystem = Parameters<Parameters<typeof fromPromise>[0]>[0]['system'];

type Impl<K extends keyof ActorContracts> = (args: {
  input: ActorContracts[K]['input'];
  signal: AbortSignal;
  /** The boot this actor runs for. */
  env: BootEnv;
}) => Promise<ActorContracts[K]['output']>;

/** Hooks the runtime uses to keep the durable record in step with what actors do. */
export interface ActorHooks {
  onIdentity(identity: {
    report: IdentityReport;
    ethernetMac: string | null;
    /** VPD `initial_locale` and `region`: the language the device's screens start in (DESIGN §3). */
    vpdLocale: VpdLocaleFields;
  }): void;
  /**
   * Resolves once the record of the current state (the registration checkpoint: "a registration may
   * reach the server") is durably written; rejects if it cannot be.
   */
  checkpointRegistration(): Promise<void>;
}

/** What the actors of one boot work with. */
export interface BootEnv {
  deps: AgentDeps;
  /**
   * Asked for on each DM call, after the identity is read: the runtime may only then know which
   * `deviceid` this installation uses (see agent.ts).
   */
  dmClient: () => DmClient;
  hooks: ActorHooks;
}

/**
 * The real actors, for every boot of the process: each finds the boot it runs for (`envOf`) from the
 * actor system it runs in, so the machine is provided with them once (see agent.ts).
 */
export function createActors(envOf: (system: BootSystem) => BootEnv) {
  const actor = <K extends keyof ActorContracts>(impl: Impl<K>) =>
    fromPromise<ActorContracts[K]['output'], ActorContracts[K]['input']>(({ input, signal, system }) =>
      impl({ input, signal, env: envOf(system) }),
    );

  const readIdentity = async ({ deps, hooks }: BootEnv): Promise<IdentityReading> => {
    const { report, snapshot, smartInfo } = await deps.readIdentity();
    const smartModelNumber = smartInfo?.modelNumber ?? null;
    const eth = snapshot.network.filter((i) => !i.virtual && !i.wireless && i.type === 1 && i.mac !== null);
    eth.sort((a, b) => a.name.localeCompare(b.name));
    const ethernetMac = eth[0]?.mac ?? null;
    const vpdLocale = {
      initialLocale: snapshot.vpd.initial_locale.value,
      region: snapshot.vpd.region.value,
    };
    hooks.onIdentity({ report, ethernetMac, vpdLocale });
    return { report, ethernetMac, smartModelNumber };
  };

  const registerRequest = (
    { report: identity, ethernetMac }: Omit<IdentityReading, 'smartModelNumber'>,
    flavor: Flavor,
    reregister: boolean,
    expectedDomain: string | null,
  ) =>
    deviceRegisterRequest({
      machineId: identity.serialNumber ?? identity.certifiedDeviceId ?? '',
      machineModel: identity.model ?? '',
      attestedDeviceId: identity.certifiedDeviceId,
      brandCode: identity.brandCode,
      manufactureDate: identity.manufactureDate,
      ethernetMac,
      expectedDomain,
      reregister,
      flavor,
    });

  // The display's model number as `get modelnum` said it; the report keeps the series name.
  const smartBody = (identity: IdentityReport, smartModelNumber: string | null) => ({
    serial_number: identity.serialNumber ?? '',
    model_number: smartModelNumber ?? identity.model ?? '',
  });

  const toRegistration = (r: Awaited<ReturnType<DmClient['register']>>): Registration => ({
    dmToken: r.deviceManagementToken,
    orgUnitPath: r.orgUnitPath === '' ? null : r.orgUnitPath,
    licenseConsumed: r.licenseConsumed,
    bundledLicense: r.bundledLicense,
  });

  /** A manual registration: the domain is the state answer's, if any, until the policy names it. */
  const toEnrollment = (r: Registration, managementDomain: string | null): Enrollment => ({
    managementDomain: managementDomain ?? '',
    orgUnitPath: r.orgUnitPath ?? '',
    dmToken: r.dmToken,
    policyKey: null,
    ...(r.licenseConsumed !== null ? { licenseConsumed: r.licenseConsumed } : {}),
    ...(r.bundledLicense !== null ? { bundledLicense: r.bundledLicense } : {}),
  });

  return {
    readIdentity: actor<'readIdentity'>(async ({ env }) => readIdentity(env)),
    checkLink: actor<'checkLink'>(async ({ env }) => ({
      up: linkLooksUp(await env.deps.network.listInterfaces()),
    })),
    checkClock: actor<'checkClock'>(async ({ signal, env }) =>
      judgeClock(env.deps.now(), await env.deps.enrollmentHttp.serverTime(signal)),
    ),
    checkAttestation: actor<'checkAttestation'>(async ({ env }) => env.deps.keyStore.availability()),
    checkpoint: actor<'checkpoint'>(async ({ env }) => {
      await env.hooks.checkpointRegistration();
      return undefined;
    }),
    // Chromium's determination: the hash dance first, the serial only for a device in the set.
    fetchEnrollmentState: actor<'fetchEnrollmentState'>(async ({ input, signal, env }) => {
      const { serialNumber, brandCode } = input.identity;
      if (serialNumber === null || brandCode === null) {
        throw Object.assign(new Error('the device has no serial number or brand code to look up'), {
          code: 'identity-incomplete',
        });
      }
      const client = env.dmClient();
      // The clock the probe could not check is judged against the answers' Date header, whatever
      // they said: a clock years off goes to the clock screen, not on to register or to manual.
      const clockCheck = () => {
        if (input.judgeClock) checkClockAgainstAnswer(env.deps.now(), client.serverDate());
      };
      try {
        const state = await determineEnrollmentState(client, { serialNumber, brandCode }, { signal });
        clockCheck();
        return state;
      } catch (error) {
        clockCheck();
        throw error;
      }
    }),
    registerDevice: actor<'registerDevice'>(async ({ input, signal, env }) => {
      const { identity } = input;
      const signed = await buildCertificateBasedRegisterRequest({
        keyStore: env.deps.keyStore,
        attestedDeviceId: identity.certifiedDeviceId ?? '',
        machineId: identity.serialNumber ?? identity.certifiedDeviceId ?? '',
        machineModel: identity.model ?? '',
        brandCode: identity.brandCode,
        manufactureDate: identity.manufactureDate,
        ethernetMac: input.ethernetMac,
        expectedDomain: input.managementDomain,
        reregister: input.reregister,
      });
      return toRegistration(await env.dmClient().certificateBasedRegister(signed, { signal }));
    }),
    fetchPolicy: actor<'fetchPolicy'>(async ({ input, signal, env }) => {
      const client = env.dmClient();
      const answer = await client.policy(input.dmToken, {
        signal,
        publicKeyVersion: input.pinned?.version ?? null,
      });
      return verifyPolicy(answer, {
        pinned: input.pinned,
        dmToken: input.dmToken,
        deviceId: client.deviceId,
        policyType: DEVICE_POLICY_TYPE,
      });
    }),
    // As for the enrollment state: a clock the probe could not check is judged on the answer's Date.
    smartCheckin: actor<'smartCheckin'>(async ({ input, signal, env }) => {
      const http = env.deps.enrollmentHttp;
      const clockCheck = () => {
        if (input.judgeClock) checkClockAgainstAnswer(env.deps.now(), http.serverDate());
      };
      try {
        const answer = await http.smartCheckin(smartBody(input.identity, input.smartModelNumber), signal);
        clockCheck();
        return answer;
      } catch (error) {
        clockCheck();
        throw error;
      }
    }),
    smartEnroll: actor<'smartEnroll'>(async ({ input, signal, env }) => {
      await env.deps.enrollmentHttp.smartEnroll(
        { ...smartBody(input.identity, input.smartModelNumber), domain: input.domain },
        signal,
      );
      return { domain: input.domain };
    }),
    manualEnroll: actor<'manualEnroll'>(async ({ input, signal, env }) => {
      // Never read this boot (too many failed boots go straight to the manual screen): read it now.
      const reading: IdentityReading =
        input.identity !== null
          ? {
              report: input.identity,
              ethernetMac: input.ethernetMac,
              smartModelNumber: input.smartModelNumber,
            }
          : await readIdentity(env);
      const { request } = input;
      switch (request.method) {
        case 'credentials': {
          // The admin's session token is the OAuth token Chromium passes as `oauth_token`.
          const token = await env.deps.enrollmentHttp.login(request.email, request.password, signal);
          const req = registerRequest(
            reading,
            Flavor.ENROLLMENT_ATTESTATION_INITIAL_MANUAL_FALLBACK,
            false,
            input.managementDomain,
          );
          const answer = await env.dmClient().register(req, token, { signal });
          return toEnrollment(toRegistration(answer), input.managementDomain);
        }
        case 'enrollment-token': {
          const req = registerRequest(
            reading,
            Flavor.ENROLLMENT_TOKEN_INITIAL_MANUAL_FALLBACK,
            false,
            input.managementDomain,
          );
          const answer = await env.dmClient().tokenBasedRegister(req, request.token, { signal });
          return toEnrollment(toRegistration(answer), input.managementDomain);
        }
        case 'smart-domain': {
          await env.deps.enrollmentHttp.smartEnroll(
            { ...smartBody(reading.report, reading.smartModelNumber), domain: request.domain },
            signal,
          );
          return { managementDomain: request.domain, orgUnitPath: '/', dmToken: '' };
        }
      }
    }),
  };
}
