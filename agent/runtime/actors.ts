// The real implementations of the machine's actor contracts, over the HAL, the DM client and the
// enrollment HTTP calls. Each passes its actor's `signal` on, so leaving a state aborts its request.

import { fromPromise } from 'xstate';
import { type DeviceRegisterRequest, REGISTER_TYPE_DEVICE, RegisterFlavor } from '../../protocol/dm.ts';
import { buildCertificateBasedRegisterRequest } from '../attestation/index.ts';
import type { DmClient } from '../dm-client/index.ts';
import type { IdentityReport } from '../identity/report.ts';
import { judgeClock } from '../machine/clock.ts';
import type { ActorContracts, Enrollment } from '../machine/types.ts';
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
  onIdentity(identity: { report: IdentityReport; ethernetMac: string | null }): void;
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
    hooks.onIdentity({ report, ethernetMac });
    return report;
  };

  const registerRequest = (
    identity: IdentityReport,
    flavor: number,
    reregister: boolean,
  ): DeviceRegisterRequest => ({
    type: REGISTER_TYPE_DEVICE,
    machine_id: identity.serialNumber ?? identity.certifiedDeviceId ?? '',
    machine_model: identity.model ?? '',
    flavor,
    device_register_identification: { attested_device_id: identity.certifiedDeviceId ?? '' },
    ...(identity.manufactureDate ? { manufacture_date: identity.manufactureDate } : {}),
    ...(ethernetMac ? { ethernet_mac_address: ethernetMac } : {}),
    ...(reregister ? { reregister: true } : {}),
  });

  // The display's model number as `get modelnum` said it; the report keeps the series name.
  const smartBody = (identity: IdentityReport) => ({
    serial_number: identity.serialNumber ?? '',
    model_number: smartModelNumber ?? identity.model ?? '',
  });

  const toEnrollment = (r: Awaited<ReturnType<DmClient['register']>>): Enrollment => ({
    managementDomain: r.management_domain,
    orgUnitPath: r.org_unit_path,
    dmToken: r.device_management_token,
    licenseConsumed: r.license_consumed,
    bundledLicense: r.bundled_license,
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
    fetchEnrollmentState: actor<'fetchEnrollmentState'>(async ({ input, signal }) =>
      dmClient().initialEnrollmentState(
        {
          serial_number: input.identity.serialNumber ?? '',
          model: input.identity.model ?? '',
          ...(input.identity.certifiedDeviceId
            ? { attested_device_id: input.identity.certifiedDeviceId }
            : {}),
        },
        { signal },
      ),
    ),
    registerDevice: actor<'registerDevice'>(async ({ input, signal }) => {
      const request = registerRequest(
        input.identity,
        RegisterFlavor.ATTESTATION_INITIAL_SERVER_FORCED,
        input.reregister,
      );
      const signed = await buildCertificateBasedRegisterRequest({
        keyStore: deps.keyStore,
        attestedDeviceId: request.device_register_identification.attested_device_id,
        machineId: request.machine_id,
        machineModel: request.machine_model,
        ...(request.manufacture_date ? { manufactureDate: request.manufacture_date } : {}),
        ...(request.ethernet_mac_address ? { ethernetMac: request.ethernet_mac_address } : {}),
        reregister: input.reregister,
        ...(input.managementDomain ? { managementDomain: input.managementDomain } : {}),
      });
      try {
        const answer = await dmClient().certificateBasedRegister(signed, { signal });
        hooks.registrationSettled();
        return answer;
      } catch (error) {
        // A status code is the server's verdict; without one the request may still have landed.
        if (typeof (error as { httpStatus?: unknown }).httpStatus === 'number') hooks.registrationSettled();
        throw error;
      }
    }),
    fetchPolicy: actor<'fetchPolicy'>(async ({ input, signal }) =>
      dmClient().policy(input.dmToken, { signal }),
    ),
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
          const token = await deps.enrollmentHttp.login(request.email, request.password, signal);
          const req = registerRequest(identity, RegisterFlavor.ATTESTATION_INITIAL_MANUAL_FALLBACK, false);
          return toEnrollment(await dmClient().register(req, token, { signal }));
        }
        case 'enrollment-token': {
          const req = registerRequest(identity, RegisterFlavor.ATTESTATION_INITIAL_MANUAL_FALLBACK, false);
          return toEnrollment(await dmClient().tokenBasedRegister(req, request.token, { signal }));
        }
        case 'smart-domain': {
          await deps.enrollmentHttp.smartEnroll({ ...smartBody(identity), domain: request.domain }, signal);
          return { managementDomain: request.domain, orgUnitPath: '/', dmToken: '' };
        }
      }
    }),
  };
}
