// The `samsung-serial-length` fleet scenario (seed 000, footnote 2: only exactly 15 characters): every
// planned Samsung identifies the way its expectation says through the agent's own identity code, and
// the fleet covers 13, 14, 16 and 15 characters. The end-to-end run is `npm run -s fleet -- --scenario
// samsung-serial-length --devices N`.

import { describe, expect, it } from 'vitest';
import { planFleet } from '../../simulator/scenarios/index.ts';
import { identifyDescribed } from '../helpers/identity.ts';

describe('samsung-serial-length scenario', () => {
  const plans = planFleet({ scenario: 'samsung-serial-length', seed: 3, devices: 60 });

  it('covers 13-, 14-, 16- and 15-character Samsung serials', () => {
    const lengths = new Set(plans.map((p) => p.hardware.identity.serialNumber?.length));
    expect([...lengths].sort()).toEqual([13, 14, 15, 16]);
    expect(new Set(plans.map((p) => p.manufacturer))).toEqual(new Set(['Samsung']));
  });

  it('expects serial-incomplete exactly when the serial is not 15 characters, and the identity agrees', async () => {
    for (const plan of plans) {
      if (plan.hardware.kind !== 'chrome') throw new Error('a Chrome device was expected');
      const length = plan.hardware.identity.serialNumber?.length;
      const report = await identifyDescribed(plan.hardware.spec);
      if (length === 15) {
        expect(plan.expected, plan.id).toMatchObject({ outcome: 'managed' });
        expect(plan.preprovision, plan.id).not.toBeNull();
        expect(report.eligible, plan.id).toBe(true);
      } else {
        expect(plan.expected, plan.id).toEqual({ outcome: 'manual', reason: 'serial-incomplete' });
        expect(plan.preprovision, plan.id).toBeNull();
        expect(
          report.reasons.map((r) => r.code),
          plan.id,
        ).toEqual(['serial-incomplete']);
      }
    }
  });
});
