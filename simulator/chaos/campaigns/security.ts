// Security, whole devices against the real stub: nobody is let in where they do not belong and a
// refusal leaves no trace.
//  - spoofed device: a copy of a pre-provisioned device's tree (serial, ADID) with its own key, from a
//    CA the stub does not trust, or from the trusted CA but certified for another ID → 403, error
//    screen, no MANAGED record, no licence; nor can it take over the device once enrolled;
//  - replayed registration: a signed certificate_based_register captured by a recording proxy from a
//    real enrollment, posted again (same and other deviceid) → 403 (nonce), nothing changed;
//  - revoked pre-provisioning token → 403 error screen, nothing consumed;
//  - unauthorised partner (`partner-unlisted-key`) → 403, nothing stored, the device then finds itself
//    not pre-provisioned;
//  - another customer's admin: every admin call on C00demo01 → 403 with nothing changed, and manual
//    enrollment with its credentials of a device pre-provisioned for C00demo01 → refused (406);
//  - the diagnostics bundle of real devices (zero-touch, credentials, enrollment token) never holds a
//    DM token, a password, an admin or enrollment token or a private key.
// SQL-injection and path-traversal strings in every field are the stub property tests' (test/property).
// The checks themselves are in ./security/, this file runs them.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { finishWithLedger } from '../lib/devices.ts';
import { createRng } from '../lib/rng.ts';
import { startInProcessStub } from '../lib/stub.ts';
import { Tally } from '../lib/tally.ts';
import type { Campaign, CampaignOptions, CampaignResult } from '../types.ts';
import type { Ctx } from './security/context.ts';
import { diagnosticsBundle } from './security/diagnostics-secrets.ts';
import { replayedRegistration, spoofedDevice } from './security/impostors.ts';
import { otherCustomersAdmin, revokedToken, unauthorisedPartner } from './security/unauthorised.ts';

const NAME = 'security';

export async function runSecurityCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const tally = new Tally(NAME, options.log);
  const dir = join(options.workDir, NAME);
  await mkdir(dir, { recursive: true });
  const stub = await startInProcessStub();
  const ctx: Ctx = {
    stub,
    dir,
    entry: await options.shared.agentBundle(),
    rng: createRng(options.seed, NAME),
    n: 0,
  };
  try {
    const reps = Math.max(1, Math.ceil(options.runs / 100));
    for (let i = 0; i < reps; i++) {
      await tally.run(`spoofed device, key from an untrusted CA (${i})`, (v) =>
        spoofedDevice(ctx, i, false, v),
      );
      await tally.run(`spoofed device, trusted CA but certified for another ID (${i})`, (v) =>
        spoofedDevice(ctx, i, true, v),
      );
      await tally.run(`replayed signed registration (${i})`, (v) => replayedRegistration(ctx, i, v));
      await tally.run(`revoked pre-provisioning token (${i})`, (v) => revokedToken(ctx, i, v));
      await tally.run(`unauthorised partner (${i})`, (v) => unauthorisedPartner(ctx, i, v));
      await tally.run(`another customer's admin token (${i})`, (v) => otherCustomersAdmin(ctx, i, v));
      for (const way of ['zero-touch', 'credentials', 'enrollment-token'] as const)
        await tally.run(`diagnostics bundle of a device enrolled by ${way} (${i})`, (v) =>
          diagnosticsBundle(ctx, i, way, v),
        );
    }
    return await finishWithLedger(tally, stub);
  } finally {
    await stub.close();
  }
}

export const securityCampaign: Campaign = {
  name: NAME,
  description:
    'spoofed device, replayed registration, revoked token, unauthorised partner, another customer’s admin: refused, no trace; diagnostics bundle without secrets',
  run: runSecurityCampaign,
};
