// The fleet's scenarios are pure: same seed, same devices, same expectations; a device's plan depends
// only on (seed, index); every catalog row is reachable; and each planned hardware identifies the way
// its expectation says (checked through the agent's own identity code, no server needed).

import { describe, expect, it } from 'vitest';
import { CATALOG, SMART_DISPLAY_MODELS } from '../../agent/catalog/index.ts';
import {
  DEVICE_SCENARIOS,
  MIXED_GUARANTEED,
  planDevice,
  planFleet,
  SCENARIO_NAMES,
} from '../../simulator/scenarios/index.ts';
import { fleetStubSeed } from '../../simulator/scenarios/stub-seed.ts';
import type { DevicePlan } from '../../simulator/scenarios/types.ts';
import { identifyDescribed } from '../helpers/identity.ts';

/** Reasons the server or the key store decide, not the identity. */
const NOT_FROM_IDENTITY = new Set([
  'not-pre-provisioned',
  'attestation-unavailable',
  'smart-unassigned',
  'too-many-attempts',
]);

describe('scenario plans', () => {
  it('are the same for the same seed, and differ for another seed', () => {
    const a = planFleet({ scenario: 'mixed', seed: 7, devices: 120 });
    const b = planFleet({ scenario: 'mixed', seed: 7, devices: 120 });
    expect(b).toEqual(a);
    const c = planFleet({ scenario: 'mixed', seed: 8, devices: 120 });
    expect(c.map((p) => p.hardware.identity.serialNumber)).not.toEqual(
      a.map((p) => p.hardware.identity.serialNumber),
    );
  });

  it("give a device the same plan whatever the fleet's size or shard", () => {
    const whole = planFleet({ scenario: 'mixed', seed: 3, devices: 50 });
    expect(planFleet({ scenario: 'mixed', seed: 3, devices: 20 })).toEqual(whole.slice(0, 20));
    const shards = [1, 2, 3].flatMap((index) =>
      planFleet({ scenario: 'mixed', seed: 3, devices: 50, shard: { index, count: 3 } }),
    );
    expect(shards.sort((x, y) => x.index - y.index)).toEqual(whole);
    expect(planDevice('mixed', 3, 41)).toEqual(whole[41]);
  });

  it('all-models walks through every catalog row and every SMART series', () => {
    const rows = CATALOG.length + SMART_DISPLAY_MODELS.length;
    const plans = planFleet({ scenario: 'all-models', seed: 11, devices: rows });
    const models = new Set(plans.map((p) => p.model));
    for (const entry of [...CATALOG, ...SMART_DISPLAY_MODELS])
      expect(models, entry.name).toContain(entry.name);
    expect(plans.every((p) => p.expected.outcome === 'managed')).toBe(true);
  });

  it('a mixed fleet has every scenario and every device class (300 devices, and the guaranteed head of any seed)', () => {
    const big = planFleet({ scenario: 'mixed', seed: 1, devices: 300 });
    expect(new Set(big.map((p) => p.scenario))).toEqual(new Set(DEVICE_SCENARIOS));
    expect(new Set(big.map((p) => p.deviceClass))).toEqual(
      new Set(['chromebook', 'chromebox', 'chromebase', 'tablet', 'smart-display']),
    );
    for (const seed of [0, 2, 99, 123_456]) {
      const head = planFleet({ scenario: 'mixed', seed, devices: MIXED_GUARANTEED });
      expect(new Set(head.map((p) => p.scenario)), `seed ${seed}`).toEqual(new Set(DEVICE_SCENARIOS));
    }
    expect(SCENARIO_NAMES).toContain('mixed');
  });

  it('every Chrome device identifies as its expectation says (the plan and the agent agree)', async () => {
    const plans = DEVICE_SCENARIOS.flatMap((s) => planFleet({ scenario: s, seed: 5, devices: 40 }));
    const chrome = plans.filter(
      (p): p is DevicePlan & { hardware: { kind: 'chrome' } } => p.hardware.kind === 'chrome',
    );
    let checked = 0;
    for (const plan of chrome) {
      const report = await identifyDescribed(plan.hardware.spec);
      const reason = typeof plan.expected.reason === 'string' ? plan.expected.reason : null;
      if (plan.expected.outcome === 'manual' && reason !== null && !NOT_FROM_IDENTITY.has(reason)) {
        expect(report.eligible, `${plan.id} ${plan.variant}`).toBe(false);
        expect(report.reasons[0]?.code, `${plan.id} ${plan.variant}`).toBe(reason);
      } else {
        // Eligible, and the ID the agent derives is the one the partner uploads and the key certifies.
        expect(report.eligible, `${plan.id} ${plan.variant}: ${JSON.stringify(report.reasons)}`).toBe(true);
        expect(report.certifiedDeviceId).toBe(plan.hardware.identity.certifiedDeviceId);
        if (plan.preprovision && plan.variant !== 'typo-in-upload') {
          expect(plan.preprovision.deviceId).toBe(report.certifiedDeviceId);
          const wrongModel = plan.scenario === 'wrong-model-name';
          expect(plan.preprovision.model === report.model, `${plan.id} ${plan.variant}`).toBe(!wrongModel);
        }
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('the stub seed lists every planned SMART display on its invoice, one key per invoice', () => {
    const plans = planFleet({ scenario: 'mixed', seed: 1, devices: 300 });
    const seed = fleetStubSeed(plans);
    const invoices = seed.smart?.invoices ?? [];
    const onInvoice = new Map(
      invoices.flatMap((inv) => inv.displays.map((d) => [d.serial_number, inv] as const)),
    );
    for (const p of plans) {
      if (p.smart?.invoice) {
        const inv = onInvoice.get(p.hardware.identity.serialNumber);
        expect(inv?.invoice_id).toBe(p.smart.invoice.id);
        // Credits on enrollment (seed 002's purchase e-mail): no product key to claim.
        const byKey = p.smart.invoice.creditsVia !== 'enrollment';
        expect(inv?.product_key).toBe(byKey ? p.smart.invoice.productKey : undefined);
      } else if (p.hardware.kind === 'smart') {
        expect(onInvoice.has(p.hardware.identity.serialNumber)).toBe(false);
      }
    }
    const keyed = invoices.filter((i) => i.product_key !== undefined);
    expect(new Set(keyed.map((i) => i.product_key)).size).toBe(keyed.length);
  });
});
