// A simulated Chrome device ready to boot: its filesystem root (DESIGN §3) and a TPM-sim attestation
// key minted by the stub's manufacturer CA for its certified device ID.

import { materializeDeviceTree } from '../device-tree.ts';
import type { ChromeDeviceProfile } from '../profiles/chrome-device.ts';
import type { PreprovisionDevice, StubClient } from './stub-client.ts';
import { writeAttestationMaterial } from './tpm-sim.ts';

export interface SimulatedDevice {
  root: string;
  profile: ChromeDeviceProfile;
}

export async function buildSimulatedChromeDevice(
  root: string,
  profile: ChromeDeviceProfile,
  stub: StubClient,
  options: { withAttestationKey?: boolean } = {},
): Promise<SimulatedDevice> {
  await materializeDeviceTree(root, profile.spec);
  if (options.withAttestationKey !== false) {
    const minted = await stub.mintDevice(profile.expected.certifiedDeviceId, profile.entry.manufacturer);
    await writeAttestationMaterial(root, {
      privateKeyPem: minted.private_key_pem,
      certificateChainPem: minted.certificate_chain_pem,
    });
  }
  return { root, profile };
}

/** The partner upload for this device: the certified ID of §4 and the listed model name. */
export function preprovisionEntry(
  profile: ChromeDeviceProfile,
  extra: { bundled?: boolean; model?: string } = {},
): PreprovisionDevice {
  return {
    device_id: profile.expected.certifiedDeviceId,
    id_kind: profile.entry.idKind,
    serial_number: profile.expected.serialNumber,
    manufacturer: profile.entry.manufacturer,
    model: extra.model ?? profile.entry.name,
    ...(extra.bundled ? { bundled_license: true } : {}),
  };
}
