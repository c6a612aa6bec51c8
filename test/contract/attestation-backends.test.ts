// The AttestationKeyStore contract on every backend that can run here: the file store (the simulator's
// TPM stand-in) on a device tree, that store on this host's own root when it holds a key, and a TPM
// when the host has one (skipped with the reason otherwise).

import { access } from 'node:fs/promises';
import { describe, it } from 'vitest';
import { AttestationFileKeyStore } from '../../hal/backends/attestation-file/index.ts';
import { makeDevicePki, writeAttestationTree } from '../unit/attestation/helpers/pki.ts';
import { describeAttestationKeyStoreContract, expectWorkingStore } from './attestation-key-store.contract.ts';

describeAttestationKeyStoreContract('attestation-file on a device tree', {
  async available() {
    const pki = await makeDevicePki('NXHQEAA0012345678');
    return new AttestationFileKeyStore({
      root: await writeAttestationTree({ key: pki.keyPem, chain: pki.chainPem }),
    });
  },
  async unavailable() {
    const pki = await makeDevicePki('NXHQEAA0012345678');
    // A chain without its key: what a half-provisioned device has.
    return new AttestationFileKeyStore({ root: await writeAttestationTree({ chain: pki.chainPem }) });
  },
});

// Real hardware: the host's own key, wherever a backend can read one.
const hostFile = new AttestationFileKeyStore({ root: '/' });
const hostFileState = await hostFile.availability();
describe('AttestationKeyStore contract: attestation-file on this host’s / (real hardware)', () => {
  if (!hostFileState.available) {
    it.skip(`skipped: ${hostFileState.reason}`, () => undefined);
    return;
  }
  it('works as the contract says', () => expectWorkingStore(hostFile));
});

const present = async (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );
const tpm = (await present('/dev/tpmrm0'))
  ? '/dev/tpmrm0'
  : (await present('/dev/tpm0'))
    ? '/dev/tpm0'
    : null;
describe('AttestationKeyStore contract: TPM (real hardware)', () => {
  it.skip(
    tpm === null
      ? 'skipped: no TPM on this host (/dev/tpmrm0 and /dev/tpm0 absent)'
      : `skipped: ${tpm} is present but the HAL has no TPM backend yet`,
    () => undefined,
  );
});
