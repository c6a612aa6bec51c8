// Every way the attestation files can be unusable: availability() says why in plain words, and
// sign()/certificateChainPem() reject with code `attestation-unavailable`.

import { createPrivateKey } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AttestationFileKeyStore,
  isAttestationError,
  isAttestationUnavailable,
} from '../../../hal/backends/attestation-file/index.ts';
import { openPathTo, runUnprivileged } from '../../helpers/unprivileged.ts';
import {
  CHAIN_FILE,
  generateKeys,
  KEY_FILE,
  makeCa,
  makeDeviceCert,
  makeDevicePki,
  pkcs8Pem,
  writeAttestationTree,
} from './helpers/pki.ts';

const good = await makeDevicePki('ADID-0001');
const p384 = await generateKeys('P-384');
const otherP256 = await generateKeys('P-256');
const strangerCa = await makeCa('CN=Some Other CA');
const deviceFromStranger = await makeDeviceCert(strangerCa, 'ADID-0001', good.deviceKeys.publicKey);

interface Case {
  name: string;
  files: () => Promise<{ key?: string | Uint8Array; chain?: string | Uint8Array }>;
  reason: RegExp;
}

const cases: Case[] = [
  {
    name: 'missing key file',
    files: async () => ({ chain: good.chainPem }),
    reason: /attestation key .* is missing/,
  },
  {
    name: 'missing chain file',
    files: async () => ({ key: good.keyPem }),
    reason: /certificate chain .* is missing/,
  },
  { name: 'no files at all', files: async () => ({}), reason: /is missing/ },
  {
    name: 'key file is not PEM',
    files: async () => ({ key: 'hello, not a key', chain: good.chainPem }),
    reason: /not a PKCS#8 PEM private key/,
  },
  {
    name: 'key PEM is garbage inside',
    files: async () => ({
      key: '-----BEGIN PRIVATE KEY-----\nAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n',
      chain: good.chainPem,
    }),
    reason: /cannot be parsed/,
  },
  {
    name: 'key is SEC1, not PKCS#8',
    files: async () => ({
      key: createPrivateKey(good.keyPem).export({ type: 'sec1', format: 'pem' }).toString(),
      chain: good.chainPem,
    }),
    reason: /SEC1/,
  },
  {
    name: 'key is P-384',
    files: async () => ({ key: await pkcs8Pem(p384.privateKey), chain: good.chainPem }),
    reason: /not P-256/,
  },
  {
    name: 'chain file is empty',
    files: async () => ({ key: good.keyPem, chain: '' }),
    reason: /contains no certificate/,
  },
  {
    name: 'chain holds only the device certificate',
    files: async () => ({ key: good.keyPem, chain: good.device.toString('pem') }),
    reason: /manufacturer CA must follow/,
  },
  {
    name: 'chain certificate is garbage',
    files: async () => ({
      key: good.keyPem,
      chain: '-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n',
    }),
    reason: /certificate 1 of .* cannot be parsed/,
  },
  {
    name: 'device certificate not issued by the CA that follows',
    files: async () => ({
      key: good.keyPem,
      chain: `${deviceFromStranger.toString('pem')}\n${good.ca.cert.toString('pem')}\n`,
    }),
    reason: /not signed by the manufacturer CA/,
  },
  {
    name: 'key does not match the certificate',
    files: async () => ({ key: await pkcs8Pem(otherP256.privateKey), chain: good.chainPem }),
    reason: /does not match the device certificate's public key/,
  },
  {
    name: 'key file too large',
    files: async () => ({ key: `${good.keyPem}${'#'.repeat(70_000)}`, chain: good.chainPem }),
    reason: /too large/,
  },
];

describe('attestation-file key store, unusable trees', () => {
  it.each(cases)('$name', async ({ files, reason }) => {
    const store = new AttestationFileKeyStore({ root: await writeAttestationTree(await files()) });
    const availability = await store.availability();
    expect(availability.available).toBe(false);
    if (!availability.available) expect(availability.reason).toMatch(reason);

    const signing = await store.sign(new Uint8Array([1])).catch((e: unknown) => e);
    expect(isAttestationError(signing)).toBe(true);
    expect(isAttestationUnavailable(signing)).toBe(true);
    const chain = await store.certificateChainPem().catch((e: unknown) => e);
    expect(isAttestationUnavailable(chain)).toBe(true);
  });

  it('a directory where the key file should be', async () => {
    const root = await writeAttestationTree({ chain: good.chainPem });
    await mkdir(join(root, KEY_FILE));
    const availability = await new AttestationFileKeyStore({ root }).availability();
    expect(availability).toEqual({ available: false, reason: expect.stringMatching(/not a regular file/) });
  });

  it('an unreadable chain file', async () => {
    const root = await writeAttestationTree({ key: good.keyPem, chain: good.chainPem });
    await chmod(join(root, KEY_FILE), 0o644);
    await chmod(join(root, CHAIN_FILE), 0o000);
    await openPathTo(join(root, 'var/lib/tpm-sim'), dirname(root));
    const { uid, result } = await runUnprivileged<unknown>('attestation-availability', [root]);
    expect(uid).not.toBe(0);
    expect(result).toEqual({ available: false, reason: expect.stringMatching(/cannot be read \(EACCES\)/) });
  });

  it('picks up files provisioned after construction', async () => {
    const root = await writeAttestationTree({});
    const store = new AttestationFileKeyStore({ root });
    expect((await store.availability()).available).toBe(false);
    await mkdir(join(root, 'var/lib/tpm-sim'), { recursive: true });
    await writeFile(join(root, KEY_FILE), good.keyPem);
    await writeFile(join(root, CHAIN_FILE), good.chainPem);
    expect(await store.availability()).toEqual({ available: true });
  });
});
