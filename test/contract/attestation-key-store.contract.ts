// The AttestationKeyStore contract (DESIGN §5 registration, §7): a store that is available serves a
// PEM chain whose first certificate is the device's and whose every certificate is signed by the next,
// and signs any bytes with the device key (ECDSA P-256, SHA-256, DER) so that the device certificate
// verifies exactly those bytes. A store that is not available says why, and its calls fail with the
// stable code `attestation-unavailable` (the agent then offers manual enrollment).

import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isAttestationUnavailable } from '../../hal/backends/attestation-file/index.ts';
import type { AttestationKeyStore } from '../../hal/interface.ts';

export interface AttestationStores {
  /** A store holding a device identity. */
  available(): Promise<AttestationKeyStore>;
  /** A store of the same backend without usable key material (absent where that cannot be arranged). */
  unavailable?(): Promise<AttestationKeyStore>;
}

export function chainOf(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new X509Certificate(block));
}

/** What every available store must do (also run on real hardware). */
export async function expectWorkingStore(store: AttestationKeyStore): Promise<void> {
  expect(await store.availability()).toEqual({ available: true });
  const chain = chainOf(await store.certificateChainPem());
  expect(chain.length).toBeGreaterThanOrEqual(2);
  for (let i = 0; i + 1 < chain.length; i++) {
    const [cert, issuer] = [chain[i], chain[i + 1]];
    if (!cert || !issuer) throw new Error('unreachable');
    expect(cert.checkIssued(issuer)).toBe(true);
    expect(cert.verify(issuer.publicKey)).toBe(true);
  }
  expect(chain.at(-1)?.ca).toBe(true);
  const device = chain[0];
  if (!device) throw new Error('no device certificate');
  const key = createPublicKey(device.publicKey.export({ format: 'pem', type: 'spki' }));
  expect(key.asymmetricKeyType).toBe('ec');
  expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  const data = new TextEncoder().encode('certificate_based_register data + nonce');
  const signature = await store.sign(data);
  expect(signature[0]).toBe(0x30); // DER SEQUENCE, not a raw r||s
  expect(verify('sha256', data, { key, dsaEncoding: 'der' }, signature)).toBe(true);
  expect(
    verify('sha256', new TextEncoder().encode('other bytes'), { key, dsaEncoding: 'der' }, signature),
  ).toBe(false);
}

export function describeAttestationKeyStoreContract(name: string, stores: AttestationStores): void {
  describe(`AttestationKeyStore contract: ${name}`, () => {
    it('serves a chain from the device certificate up, each signed by the next, and signs with the device key', async () => {
      const store = await stores.available();
      expect(store.name).toMatch(/\S/);
      await expectWorkingStore(store);
    });

    it('signs empty, large and concurrent inputs, each verifiable on its own', async () => {
      const store = await stores.available();
      const device = chainOf(await store.certificateChainPem())[0];
      if (!device) throw new Error('no device certificate');
      const inputs = [
        new Uint8Array(0),
        new Uint8Array(256 * 1024).fill(7),
        ...Array.from({ length: 8 }, (_, i) => Uint8Array.of(i)),
      ];
      const signatures = await Promise.all(inputs.map((data) => store.sign(data)));
      inputs.forEach((data, i) => {
        expect(
          verify(
            'sha256',
            data,
            { key: device.publicKey, dsaEncoding: 'der' },
            signatures[i] ?? new Uint8Array(),
          ),
        ).toBe(true);
      });
    });

    it('says why it is unavailable, and fails every call with attestation-unavailable', async (context) => {
      if (!stores.unavailable) {
        context.skip('this backend cannot be made unavailable here');
        return;
      }
      const store = await stores.unavailable();
      const state = await store.availability();
      expect(state.available).toBe(false);
      if (!state.available) expect(state.reason).toMatch(/\S/);
      const chain = await store.certificateChainPem().then(
        () => null,
        (e: unknown) => e,
      );
      const sign = await store.sign(Uint8Array.of(1)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isAttestationUnavailable(chain)).toBe(true);
      expect(isAttestationUnavailable(sign)).toBe(true);
    });
  });
}
