// Secrets never leave in a diagnostics bundle (issue 7 item 4): DM tokens, passwords, enrollment
// tokens, private keys, anything PEM — wherever they hide — while the facts a technician needs stay.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Diagnostics,
  exportBundle,
  REDACTED,
  redactDiagnostics,
  redactSecrets,
} from '../../../agent/diagnostics/index.ts';
import { eligibleIdentity } from '../../helpers/machine/index.ts';

function diagnostics(overrides: Partial<Diagnostics> = {}): Diagnostics {
  return {
    agentVersion: '0.1.0',
    identity: eligibleIdentity(),
    zteReady: true,
    server: {
      reachable: true,
      preProvisioned: true,
      managementDomain: 'demo.example',
      orgUnitPath: '/',
      licensePackaged: false,
      enrollmentMode: 'zero-touch-enforced',
      checkedAt: '2025-06-02T09:00:00.000Z',
      error: null,
    },
    network: [
      { name: 'eth0', mac: '00:1a:2b:3c:4d:5e', type: 1, operstate: 'up', virtual: false, wireless: false },
    ],
    state: 'managed.idle',
    history: [{ state: 'readingIdentity', at: '2025-06-02T09:00:00.000Z' }],
    lastError: null,
    policy: null,
    backends: { sysfs: 'available' },
    ...overrides,
  };
}

describe('redactDiagnostics', () => {
  it('keeps every fact a technician needs', () => {
    const d = diagnostics();
    expect(redactDiagnostics(d)).toEqual(d);
  });

  it('redacts values under secret-named keys, at any depth, and keeps null and empty ones', () => {
    const out = redactSecrets({
      managed: { dmToken: 'dmt-abcdef', managementDomain: 'demo.example' },
      device_management_token: 'dmt-123456',
      request: { password: 'hunter22', email: 'admin@demo.example', enrollmentToken: 'ent-demo-0001' },
      headers: { Authorization: 'GoogleLogin auth=xyz123' },
      privateKeyPem: 'whatever',
      partnerKey: 'partner-demo-key',
      none: { dmToken: null, password: '' },
    });
    expect(out).toEqual({
      managed: { dmToken: REDACTED, managementDomain: 'demo.example' },
      device_management_token: REDACTED,
      request: { password: REDACTED, email: 'admin@demo.example', enrollmentToken: REDACTED },
      headers: { Authorization: REDACTED },
      privateKeyPem: REDACTED,
      partnerKey: REDACTED,
      none: { dmToken: null, password: '' },
    });
  });

  it('takes credentials out of free text: PEM blocks, auth headers, key=value and quoted JSON', () => {
    const message = [
      'policy failed with Authorization: GoogleDMToken token=dmt-leaked-1',
      'GoogleEnrollmentToken token=ent-leaked-2 and GoogleLogin auth=adm-leaked-3',
      'url=/login?password=pw-leaked-4&user=x',
      'body {"dm_token":"dmt-leaked-5","ok":true}',
      '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIkey-leaked-6\n-----END EC PRIVATE KEY-----',
      '-----BEGIN CERTIFICATE-----\ntruncated-leaked-7',
    ].join('\n');
    const out = redactDiagnostics(diagnostics({ lastError: { code: 'internal', message, advice: '' } }));
    const text = out.lastError?.message ?? '';
    for (let i = 1; i <= 7; i++) expect(text).not.toContain(`leaked-${i}`);
    expect(text).toContain('GoogleDMToken token=[redacted]');
    expect(text).toContain('[redacted PEM]');
  });

  it('scrubs a known secret wherever else it shows up', () => {
    const out = redactSecrets({ note: 'token was s3cr3t-value-9 all along', nested: ['s3cr3t-value-9'] }, [
      's3cr3t-value-9',
    ]);
    expect(JSON.stringify(out)).not.toContain('s3cr3t-value-9');
  });
});

// ---- the property: whatever the secret, it is not in the exported file ----

const secretArb = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-.~'.split('')),
  minLength: 12,
  maxLength: 64,
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zte-redact-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('exported bundle', () => {
  it('never contains a DM token, password, enrollment token or PEM key, wherever it was placed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          dmToken: secretArb,
          password: secretArb,
          enrollmentToken: secretArb,
          pemBody: secretArb,
          adminToken: secretArb,
        }),
        fc.constantFrom('lastError', 'serverError', 'backend'),
        async (s, where) => {
          // The persisted record holds the DM token (and, were it ever there, a password).
          await writeFile(
            join(dir, 'state.json'),
            JSON.stringify({
              version: 1,
              managed: { dmToken: s.dmToken, managementDomain: 'demo.example' },
              manual: {
                request: { method: 'credentials', email: 'admin@demo.example', password: s.password },
              },
              enrollment: { token: s.enrollmentToken },
            }),
          );
          const leak = [
            `register: echoed GoogleLogin auth=${s.adminToken}`,
            `key -----BEGIN PRIVATE KEY-----\n${s.pemBody}\n-----END PRIVATE KEY-----`,
            `the device's token ${s.dmToken} and password ${s.password} (echoed by a hostile server)`,
          ].join('\n');
          const d = diagnostics({
            lastError:
              where === 'lastError' ? { code: 'invalid-response', message: leak, advice: 'x' } : null,
            server: {
              ...diagnostics().server,
              error: where === 'serverError' ? { code: 'invalid-response', message: leak } : null,
            },
            backends:
              where === 'backend' ? { 'attestation-file': `unavailable: ${leak}` } : { sysfs: 'available' },
          });
          const { path } = await exportBundle(d, dir, { secrets: [s.dmToken] });
          const text = await readFile(path, 'utf8');
          await rm(path);
          for (const secret of Object.values(s)) expect(text).not.toContain(secret);
          // …and what is not secret is still there.
          expect(text).toContain('NXHPVEK0010123456789');
          expect(text).toContain('demo.example');
        },
      ),
      { numRuns: 60 },
    );
  });
});
