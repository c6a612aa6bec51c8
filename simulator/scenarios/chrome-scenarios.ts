// Chrome device scenarios: what the compatibility table, the partner's upload, the customer's licences
// and tokens, and the device's clock decide. Each expectation follows what the agent does
// (agent/machine/machine.ts, agent/identity/) against what the stub answers (server-stub/dm/). Faults of
// the device's own identity are in chrome-identity-faults.ts.

import type { CatalogEntry } from '../../agent/catalog/types.ts';
import { dayBefore } from '../profiles/chrome-device.ts';
import { randomString } from '../profiles/random.ts';
import {
  addDays,
  basePlan,
  CHROME_ROWS,
  CPU_N200,
  CPU_N305,
  FOOTNOTE4_ROWS,
  genuineChrome,
  MANAGED_MAIN,
  type PlanContext,
  pick,
  upload,
  weighted,
  wireModelName,
} from './build.ts';
import { ROWS_WITH_CUTOFF, SAMSUNG_CUTOFF_ROWS, SAMSUNG_ROWS, SERIAL_ROWS } from './chrome-rows.ts';
import type { DevicePlan, FleetToken } from './types.ts';
import { CUSTOMERS } from './world.ts';

const anyToken = (ctx: PlanContext): FleetToken => (ctx.random() < 0.8 ? 'main' : 'classrooms');

/** A genuine, eligible, pre-provisioned device of `entry`: it must enroll. */
export function happyChrome(
  ctx: PlanContext,
  entry: CatalogEntry,
  scenario: DevicePlan['scenario'] = 'all-models',
): DevicePlan {
  const g = genuineChrome(entry, ctx.random);
  const plan = basePlan(
    ctx,
    scenario,
    'pre-provisioned',
    entry,
    g.hardware,
    MANAGED_MAIN,
    'Listed, eligible and pre-provisioned by an authorised partner: zero-touch enrollment.',
  );
  plan.preprovision = upload(g, anyToken(ctx));
  return plan;
}

export function notPreProvisioned(ctx: PlanContext): DevicePlan {
  const expected = { outcome: 'manual', reason: 'not-pre-provisioned' } as const;
  if (ctx.random() < 0.5) {
    const entry = pick(ctx.random, CHROME_ROWS);
    const g = genuineChrome(entry, ctx.random);
    return basePlan(
      ctx,
      'not-pre-provisioned',
      'never-uploaded',
      entry,
      g.hardware,
      expected,
      'No partner uploaded this device: the server answers mode NONE, the manual screen says so.',
    );
  }
  // Serial-number rows: the mistyped upload is still a well-formed one the partner API accepts.
  const entry = pick(ctx.random, SERIAL_ROWS);
  const g = genuineChrome(entry, ctx.random);
  const plan = basePlan(
    ctx,
    'not-pre-provisioned',
    'typo-in-upload',
    entry,
    g.hardware,
    expected,
    'The partner uploaded a mistyped ID and serial: nothing matches this device, so it is not pre-provisioned.',
  );
  const typo = `${randomString(ctx.random, 4)}TYPO${randomString(ctx.random, 6)}`;
  plan.preprovision = upload(g, 'main', { deviceId: typo, serialNumber: typo });
  return plan;
}

export function noLicences(ctx: PlanContext): DevicePlan {
  const entry = pick(ctx.random, CHROME_ROWS);
  const g = genuineChrome(entry, ctx.random);
  const plan = basePlan(
    ctx,
    'no-licences',
    'customer-out-of-licences',
    entry,
    g.hardware,
    { outcome: 'error', reason: 'missing-licenses' },
    'Pre-provisioned for a customer with no Chrome Enterprise Upgrade left: 402, the error screen advises buying more.',
  );
  plan.preprovision = upload(g, 'no-licences');
  return plan;
}

export function bundled(ctx: PlanContext): DevicePlan {
  const entry = pick(ctx.random, CHROME_ROWS);
  const g = genuineChrome(entry, ctx.random);
  if (ctx.random() < 0.5) {
    const plan = basePlan(
      ctx,
      'bundled',
      'bundled-licence',
      entry,
      g.hardware,
      MANAGED_MAIN,
      'Sold with a bundled Chrome Enterprise Upgrade: enrolls on its own licence.',
    );
    plan.preprovision = upload(g, 'main', { bundled: true });
    return plan;
  }
  const plan = basePlan(
    ctx,
    'bundled',
    'bundled-customer-without-licences',
    entry,
    g.hardware,
    { outcome: 'managed', reason: 'enrolled', managementDomain: CUSTOMERS['no-licences'].domain },
    'Bundled licence, customer with none left: the bundled licence is enough (seed 000).',
  );
  plan.preprovision = upload(g, 'no-licences', { bundled: true });
  return plan;
}

export function revokedToken(ctx: PlanContext): DevicePlan {
  const entry = pick(ctx.random, CHROME_ROWS);
  const g = genuineChrome(entry, ctx.random);
  const plan = basePlan(
    ctx,
    'revoked-token',
    'token-revoked-after-upload',
    entry,
    g.hardware,
    { outcome: 'error', reason: 'management-not-supported' },
    'Uploaded with a pre-provisioning token the admin revoked since: the register is refused with 403.',
  );
  plan.preprovision = upload(g, 'revocable');
  return plan;
}

export function wrongModelName(ctx: PlanContext): DevicePlan {
  const expected = { outcome: 'manual', reason: 'not-pre-provisioned' } as const;
  const variant = weighted(ctx.random, [
    ['n305-uploaded-as-14e-gen3', 2],
    ['n200-uploaded-as-15w', 1],
    ['uploaded-under-another-model', 1],
  ] as const);
  if (variant === 'uploaded-under-another-model') {
    const entry = pick(ctx.random, CHROME_ROWS);
    const g = genuineChrome(entry, ctx.random);
    let other = pick(ctx.random, CHROME_ROWS);
    while (other === entry) other = pick(ctx.random, CHROME_ROWS);
    const plan = basePlan(
      ctx,
      'wrong-model-name',
      variant,
      entry,
      g.hardware,
      expected,
      `Uploaded as "${other.name}": a record for another model is not this device.`,
    );
    plan.preprovision = upload(g, 'main', { model: other.name });
    return plan;
  }
  const entry = pick(ctx.random, FOOTNOTE4_ROWS);
  const n305 = variant === 'n305-uploaded-as-14e-gen3';
  const g = genuineChrome(entry, ctx.random, { cpuModel: n305 ? CPU_N305 : CPU_N200 });
  const uploadedAs = n305 ? entry.name : wireModelName(entry, CPU_N305);
  const plan = basePlan(
    ctx,
    'wrong-model-name',
    variant,
    entry,
    g.hardware,
    expected,
    `Footnote 4: an ${n305 ? 'N305' : 'N200'} 14e Gen 3 is "${g.wireModel}", but the partner uploaded "${uploadedAs}".`,
  );
  plan.preprovision = upload(g, 'main', { model: uploadedAs });
  return plan;
}

export function beforeCutoff(ctx: PlanContext): DevicePlan {
  const expected = { outcome: 'manual', reason: 'made-before-cutoff' } as const;
  if (ctx.random() < 0.25) {
    const entry = pick(ctx.random, SAMSUNG_CUTOFF_ROWS);
    const date = addDays(entry.eligibleFrom ?? '', -(1 + Math.floor(ctx.random() * 300)));
    const g = genuineChrome(entry, ctx.random, { manufactureDate: date, samsungSerialLength: 14 });
    // The partner API refuses 14-character Samsung serials (SERIAL_INCOMPLETE): nothing to upload.
    return basePlan(
      ctx,
      'before-cutoff',
      'samsung-14-character-serial',
      entry,
      g.hardware,
      expected,
      `Footnote 2: made ${date}, before ${entry.eligibleFrom}, with the 14-character serial; the date is the first reason.`,
    );
  }
  const entry = pick(ctx.random, ROWS_WITH_CUTOFF);
  const date =
    ctx.random() < 0.3
      ? dayBefore(entry.eligibleFrom ?? '')
      : addDays(entry.eligibleFrom ?? '', -(1 + Math.floor(ctx.random() * 700)));
  const g = genuineChrome(entry, ctx.random, { manufactureDate: date });
  const plan = basePlan(
    ctx,
    'before-cutoff',
    'made-before-cutoff',
    entry,
    g.hardware,
    expected,
    `Made ${date}; the row is compatible from ${entry.eligibleFrom}: manual screen without asking the server.`,
  );
  plan.preprovision = upload(g, 'main');
  return plan;
}

/** Serial lengths a Samsung label can have that footnote 2 refuses (only exactly 15 is complete). */
export const SAMSUNG_WRONG_SERIAL_LENGTHS = [13, 14, 16] as const;

/**
 * Samsung serial lengths (seed 000, footnote 2): a serial of 13, 14 or 16 characters is never
 * eligible (`serial-incomplete`; the partner API refuses it too, so nothing is uploaded), while a
 * 15-character one, listed, made after the row's date and pre-provisioned, enrolls.
 */
export function samsungSerialLength(ctx: PlanContext): DevicePlan {
  const entry = pick(ctx.random, SAMSUNG_ROWS);
  if (ctx.random() < 0.25) {
    const g = genuineChrome(entry, ctx.random, { samsungSerialLength: 15 });
    const plan = basePlan(
      ctx,
      'samsung-serial-length',
      'samsung-15-character-serial',
      entry,
      g.hardware,
      MANAGED_MAIN,
      'Footnote 2: a 15-character Samsung serial, made after the listed date and pre-provisioned: zero-touch.',
    );
    plan.preprovision = upload(g, anyToken(ctx));
    return plan;
  }
  const length = pick(ctx.random, SAMSUNG_WRONG_SERIAL_LENGTHS);
  const g = genuineChrome(entry, ctx.random, { samsungSerialLength: length });
  return basePlan(
    ctx,
    'samsung-serial-length',
    `samsung-${length}-character-serial`,
    entry,
    g.hardware,
    { outcome: 'manual', reason: 'serial-incomplete' },
    `Footnote 2: a ${length}-character Samsung serial; only exactly 15 characters can be pre-provisioned.`,
  );
}

export function spoofedDevice(ctx: PlanContext): DevicePlan {
  const entry = pick(ctx.random, CHROME_ROWS);
  const victim = genuineChrome(entry, ctx.random);
  const rogue = ctx.random() < 0.5;
  const plan = basePlan(
    ctx,
    'spoofed-device',
    rogue ? 'copied-identity-rogue-ca' : 'certificate-of-another-device',
    entry,
    victim.hardware,
    { outcome: 'error', reason: 'management-not-supported' },
    rogue
      ? 'Serial and ADID copied from a pre-provisioned device, key certified by a CA the server does not trust: 403 attestation failed.'
      : 'Serial and ADID copied, with a genuine certificate of another device: its serialNumber differs, 403 attestation failed.',
  );
  plan.preprovision = upload(victim, 'main');
  plan.key = rogue
    ? { kind: 'rogue-ca' }
    : { kind: 'other-device', attestedDeviceId: `OTHER${randomString(ctx.random, 12)}` };
  return plan;
}

export function clockSkew(ctx: PlanContext): DevicePlan {
  const entry = pick(ctx.random, CHROME_ROWS);
  const g = genuineChrome(entry, ctx.random);
  const variant = weighted(ctx.random, [
    ['rtc-reset-to-1970', 2],
    ['clock-years-ahead', 2],
    ['clock-years-behind', 1],
    ['clock-hours-off', 2],
  ] as const);
  // The agent checks its clock before any enrollment request (agent/machine/clock.ts): a time before
  // its release, or more than a day off the server's Date header, ends on the distinct `clock` screen
  // (outcome error, reason `clock`). A few hours off is tolerated and enrolls.
  const hours = variant === 'clock-hours-off';
  const plan = basePlan(
    ctx,
    'clock-skew',
    variant,
    entry,
    g.hardware,
    hours ? MANAGED_MAIN : { outcome: 'error', reason: 'clock' },
    hours
      ? 'The device clock is a few hours off: within the day the agent tolerates, it enrolls.'
      : "The device clock is impossible (1970) or years off the server's Date header: the clock screen, no enrollment request.",
  );
  plan.preprovision = upload(g, anyToken(ctx));
  const sign = ctx.random() < 0.5 ? 1 : -1;
  const day = 86_400_000;
  switch (variant) {
    case 'rtc-reset-to-1970':
      plan.clock = { startsAt: '1970-01-01T00:00:00.000Z' };
      break;
    case 'clock-years-ahead':
      plan.clock = { offsetMs: (2 + Math.floor(ctx.random() * 8)) * 365 * day };
      break;
    case 'clock-years-behind':
      plan.clock = { offsetMs: -(2 + Math.floor(ctx.random() * 8)) * 365 * day };
      break;
    case 'clock-hours-off':
      plan.clock = { offsetMs: sign * (1 + Math.floor(ctx.random() * 6)) * 3_600_000 };
      break;
  }
  return plan;
}
