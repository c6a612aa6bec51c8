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
import { judgeClock } from '../machine/clock.ts';
import type { ActorContracts, Enrollment, Registration } from '../machine/types.ts';
import type { AgentDeps } from './deps.ts';
import { linkLooksUp } from './link-state.ts';

type Impl<K extends keyof ActorContracts> = (args: {
  input: ActorContracts[K]['input'];
  signal: AbortSignal;
}) => Promise<ActorContracts[K]['output']>;

const actor = <K extends keyof ActorContracts>(impl: Impl<K>) =>
  fromPromise<ActorContracts[K]['output'], ActorContracts[K]['input']>(impl);

/** Hooks the runtime uses to keep the durable record in step with what actors do. */
export interface ActorHooks {
  onIdentity(identity: {
    report: IdentityReport;
    ethernetMac: string | null;
    /** VPD `initial_locale` and `region`: the language the device's screens start in (DESIGN §3). */
    vpdLocale: VpdLocaleFields;
  }): void;
  /** Persist "a registration may reach the server" before it is sent; rejects if it cannot. */
  checkpointRegistration(reregister: boolean): Promise<void>;
  /** The server answered the registration (success or a verdict): it is no longer in flight. */
  registrationSettled(): void;
}

/**
 * `dmClient()` is asked for on each DM call, after the identity is read: the runtime may only then
 * know which `deviceid` this installation uses (see agent.ts).
 */
export function createActors(deps: AgentDeps, dmClient: () => DmClient, hooks: ActorHooks) {
  let ethernetMac: string | null = null;
  let smartModelNumber: string | null = null;

  const readIdentity = async () => {
    const { report, snapshot, smartInfo } = await deps.readIdentity();
    smartModelNumber = smartInfo?.modelNumber ?? null;
    const eth = snapshot.network.filter((i) => !i.virtual && !i.wireless && i.type === 1 && i.mac !== null);
    eth.sort((a, b) => a.name.localeCompare(b.name));
    ethernetMac = eth[0]?.mac ?? null;
    const vpdLocale = {
      initialLocale: snapshot.vpd.initial_locale.value,
      region: snapshot.vpd.region.value,
    };
    hooks.onIdentity({ report, ethernetMac, vpdLocale });
    return report;
  };

  const registerRequest = (
    identity: IdentityReport,
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
  const smartBody = (identity: IdentityReport) => ({
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
    readIdentity: actor<'readIdentity'>(readIdentity),
    checkLink: actor<'checkLink'>(async () => ({ up: linkLooksUp(await deps.network.listInterfaces()) })),
    checkClock: actor<'checkClock'>(async ({ signal }) =>
      judgeClock(deps.now(), await deps.enrollmentHttp.serverTime(signal)),
    ),
    checkAttestation: actor<'checkAttestation'>(async () => deps.keyStore.availability()),
    checkpoint: actor<'checkpoint'>(async ({ input }) => {
      await hooks.checkpointRegistration(input.reregister);
      return undefined;
    }),
    // Chromium's determination: the hash dance first, the serial only for a device in the set.
    fetchEnrollmentState: actor<'fetchEnrollmentState'>(async ({ input, signal }) => {
      const { serialNumber, brandCode } = input.identity;
      if (serialNumber === null || brandCode === null) {
        throw Object.assign(new Error('the device has no serial number or brand code to look up'), {
          code: 'identity-incomplete',
        });
      }
      return determineEnrollmentState(dmClient(), { serialNumber, brandCode }, { signal });
    }),
    registerDevice: actor<'registerDevice'>(async ({ input, signal }) => {
      const { identity } = input;
      const signed = await buildCertificateBasedRegisterRequest({
        keyStore: deps.keyStore,
        attestedDeviceId: identity.certifiedDeviceId ?? '',
        machineId: identity.serialNumber ?? identity.certifiedDeviceId ?? '',
        machineModel: identity.model ?? '',
        brandCode: identity.brandCode,
        manufactureDate: identity.manufactureDate,
        ethernetMac,
        expectedDomain: input.managementDomain,
        reregister: input.reregister,
      });
      try {
        const answer = await dmClient().certificateBasedRegister(signed, { signal });
        hooks.registrationSettled();
        return toRegistration(answer);
      } catch (error) {
        // A status code is the server's verdict; without one the request may still have landed.
        if (typeof (error as { httpStatus?: unknown }).httpStatus === 'number') hooks.registrationSettled();
        throw error;
      }
    }),
    fetchPolicy: actor<'fetchPolicy'>(async ({ input, signal }) => {
      const client = dmClient();
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
    smartCheckin: actor<'smartCheckin'>(async ({ input, signal }) =>
      deps.enrollmentHttp.smartCheckin(smartBody(input.identity), signal),
    ),
    smartEnroll: actor<'smartEnroll'>(async ({ input, signal }) => {
      await deps.enrollmentHttp.smartEnroll({ ...smartBody(input.identity), domain: input.domain }, signal);
      return { domain: input.domain };
    }),
    manualEnroll: actor<'manualEnroll'>(async ({ input, signal }) => {
      const identity = input.identity ?? (await readIdentity());
      const { request } = input;
      switch (request.method) {
        case 'credentials': {
          // The admin's session token is the OAuth token Chromium passes as `oauth_token`.
          const token = await deps.enrollmentHttp.login(request.email, request.password, signal);
          const req = registerRequest(
            identity,
            Flavor.ENROLLMENT_ATTESTATION_INITIAL_MANUAL_FALLBACK,
            false,
            input.managementDomain,
          );
          const answer = await dmClient().register(req, token, { signal });
          return toEnrollment(toRegistration(answer), input.managementDomain);
        }
        case 'enrollment-token': {
          const req = registerRequest(
            identity,
            Flavor.ENROLLMENT_TOKEN_INITIAL_MANUAL_FALLBACK,
            false,
            input.managementDomain,
          );
          const answer = await dmClient().tokenBasedRegister(req, request.token, { signal });
          return toEnrollment(toRegistration(answer), input.managementDomain);
        }
        case 'smart-domain': {
          await deps.enrollmentHttp.smartEnroll({ ...smartBody(identity), domain: request.domain }, signal);
          return { managementDomain: request.domain, orgUnitPath: '/', dmToken: '' };
        }
      }
    }),
  };
}
