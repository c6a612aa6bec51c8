// Chrome devices whose own identity is at fault (placeholder, blank, padded or non-ASCII serials, a
// swapped board, mismatched or missing ADIDs, short service tags, unlisted models, no attestation key),
// and the outcome the agent must reach for each. The SMART identity faults are in smart-scenarios.ts.

import type { CatalogEntry } from '../../agent/catalog/types.ts';
import { randomMac, randomString } from '../profiles/random.ts';
import {
  basePlan,
  CHROME_ROWS,
  type GenuineChrome,
  genuineChrome,
  MANAGED_MAIN,
  type PlanContext,
  pick,
  upload,
} from './build.ts';
import {
  ASUS_ROWS,
  DELL_ROWS,
  LENOVO_MTM_ROWS,
  M60Q_ROWS,
  ROWS_WITH_CUTOFF,
  SAMSUNG_ROWS,
  SERIAL_ROWS,
} from './chrome-rows.ts';
import type { DevicePlan } from './types.ts';

const PLACEHOLDER = 'To be filled by O.E.M.';

/** Chrome identity faults (the SMART ones are in smart-scenarios.ts). */
export const CHROME_IDENTITY_FAULTS = [
  'placeholder-serial',
  'blank-serial',
  'whitespace-padded-serial',
  'non-ascii-serial',
  'm60q-board-swapped',
  'lenovo-adid-mismatch',
  'asus-missing-adid',
  'dell-short-service-tag',
  'samsung-14-character-serial',
  'missing-manufacture-date',
  'unlisted-model',
  'no-attestation-key',
] as const;
export type ChromeIdentityFault = (typeof CHROME_IDENTITY_FAULTS)[number];

export function chromeIdentityFault(ctx: PlanContext, fault: ChromeIdentityFault): DevicePlan {
  const manual = (reason: string) => ({ outcome: 'manual', reason }) as const;
  const make = (
    entry: CatalogEntry,
    g: GenuineChrome,
    expected: DevicePlan['expected'],
    why: string,
    uploaded = true,
  ) => {
    const plan = basePlan(ctx, 'identity-faults', fault, entry, g.hardware, expected, why);
    if (uploaded) plan.preprovision = upload(g, 'main');
    return plan;
  };
  switch (fault) {
    case 'placeholder-serial': {
      const entry = pick(ctx.random, SERIAL_ROWS);
      const g = genuineChrome(entry, ctx.random);
      const { vpd, dmi } = g.hardware.spec;
      if (vpd) vpd.serial_number = PLACEHOLDER;
      if (dmi) dmi.product_serial = PLACEHOLDER;
      return make(
        entry,
        g,
        manual('missing-serial'),
        `VPD and DMI say "${PLACEHOLDER}", a placeholder: no serial.`,
      );
    }
    case 'blank-serial': {
      const entry = pick(ctx.random, SERIAL_ROWS);
      const g = genuineChrome(entry, ctx.random);
      const { vpd, dmi } = g.hardware.spec;
      if (vpd) vpd.serial_number = '';
      if (dmi) dmi.product_serial = ' ';
      return make(
        entry,
        g,
        manual('missing-serial'),
        'VPD serial_number is empty and DMI product_serial blank.',
      );
    }
    case 'whitespace-padded-serial': {
      const entry = pick(ctx.random, SERIAL_ROWS);
      const g = genuineChrome(entry, ctx.random);
      const serial = g.hardware.identity.serialNumber;
      const { vpd, dmi } = g.hardware.spec;
      if (vpd) vpd.serial_number = `  ${serial}\t `;
      if (dmi) dmi.product_serial = ` ${serial}   `;
      return make(
        entry,
        g,
        MANAGED_MAIN,
        'Padding around the serial is trimmed (DESIGN §3): the identity is intact, it enrolls.',
      );
    }
    case 'non-ascii-serial': {
      const entry = pick(ctx.random, SERIAL_ROWS);
      const g = genuineChrome(entry, ctx.random);
      const bad = `${g.hardware.identity.serialNumber.slice(0, 4)}\u00c9\u00df${g.hardware.identity.serialNumber.slice(4)}`;
      const { vpd, dmi } = g.hardware.spec;
      if (vpd) vpd.serial_number = bad;
      if (dmi) dmi.product_serial = bad;
      return make(
        entry,
        g,
        manual('invalid-identifier'),
        'The serial holds bytes outside printable ASCII: not a usable identifier.',
      );
    }
    case 'm60q-board-swapped': {
      const entry = pick(ctx.random, M60Q_ROWS);
      const g = genuineChrome(entry, ctx.random);
      const eth = g.hardware.spec.net?.find((n) => n.name === 'eth0');
      if (eth) eth.address = randomMac(ctx.random);
      return make(
        entry,
        g,
        manual('identity-mismatch'),
        'The mainboard was swapped: the MAC in the M60q ADID is not an Ethernet MAC of this device.',
      );
    }
    case 'lenovo-adid-mismatch': {
      const entry = pick(ctx.random, LENOVO_MTM_ROWS);
      const g = genuineChrome(entry, ctx.random);
      const { vpd } = g.hardware.spec;
      if (vpd)
        vpd.attested_device_id = `1S${randomString(ctx.random, 10)}${g.hardware.identity.serialNumber}`;
      return make(
        entry,
        g,
        manual('identity-mismatch'),
        'VPD attested_device_id differs from 1S + MTM + serial: the board or its VPD was changed.',
      );
    }
    case 'asus-missing-adid': {
      const entry = pick(ctx.random, ASUS_ROWS);
      const g = genuineChrome(entry, ctx.random);
      if (g.hardware.spec.vpd) delete g.hardware.spec.vpd.attested_device_id;
      return make(
        entry,
        g,
        manual('missing-attested-device-id'),
        'An ASUS model that enrolls by certified ID with no VPD attested_device_id.',
      );
    }
    case 'dell-short-service-tag': {
      const entry = pick(ctx.random, DELL_ROWS);
      const g = genuineChrome(entry, ctx.random);
      const short = g.hardware.identity.serialNumber.slice(0, 6);
      const { vpd, dmi } = g.hardware.spec;
      if (vpd) vpd.serial_number = short;
      if (dmi) dmi.product_serial = short;
      return make(
        entry,
        g,
        manual('invalid-identifier'),
        `"${short}" is not a Dell service tag (7 characters, 5 on old models).`,
      );
    }
    case 'samsung-14-character-serial': {
      const entry = pick(ctx.random, SAMSUNG_ROWS);
      const g = genuineChrome(entry, ctx.random, { samsungSerialLength: 14 });
      return make(
        entry,
        g,
        manual('serial-incomplete'),
        'Footnote 2: a 14-character Samsung serial is never eligible.',
        false,
      );
    }
    case 'missing-manufacture-date': {
      const entry = pick(ctx.random, ROWS_WITH_CUTOFF);
      const g = genuineChrome(entry, ctx.random);
      if (g.hardware.spec.vpd) delete g.hardware.spec.vpd.mfg_date;
      return make(
        entry,
        g,
        manual('manufacture-date-unknown'),
        `Compatible only from ${entry.eligibleFrom}, and VPD mfg_date is missing.`,
      );
    }
    case 'unlisted-model': {
      const g = genuineChrome(pick(ctx.random, SERIAL_ROWS), ctx.random);
      const name = `Chromebook Contoso ${10 + Math.floor(ctx.random() * 80)} (CTS${randomString(ctx.random, 3, '0123456789')}Q)`;
      const { vpd, dmi } = g.hardware.spec;
      if (vpd) vpd.model_name = name;
      if (dmi) {
        dmi.sys_vendor = 'Contoso';
        delete dmi.product_sku;
      }
      const entry = { name, manufacturer: 'Contoso', deviceClass: 'chromebook' as const };
      const plan = basePlan(
        ctx,
        'identity-faults',
        fault,
        entry,
        g.hardware,
        manual('model-not-listed'),
        'Not in the compatible-device table.',
      );
      return plan;
    }
    case 'no-attestation-key': {
      const entry = pick(ctx.random, CHROME_ROWS);
      const g = genuineChrome(entry, ctx.random);
      const plan = make(
        entry,
        g,
        manual('attestation-unavailable'),
        'Pre-provisioned, but the TPM holds no attestation key: the manual path stays open.',
      );
      plan.key = { kind: 'none' };
      return plan;
    }
  }
}
