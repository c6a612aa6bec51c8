// The `smart-rs232-dialects` fleet scenario, down to the identity the agent reads: every variant's
// display (over the mock binding, through the real smart-rs232 backend and the agent's identity code)
// gives the identity its plan expects — eligible when it must enroll (woken when it was asleep), the
// manual screen's `missing-serial` with `display-not-ready` when it is updating its firmware.

import { describe, expect, it } from 'vitest';
import { SMART_DISPLAY_MODELS } from '../../../agent/catalog/index.ts';
import { readDeviceIdentity } from '../../../agent/identity/read-device.ts';
import { MemoryIdentitySource } from '../../../hal/backends/memory/identity.ts';
import { openSmartDisplay } from '../../../hal/backends/smart-rs232/index.ts';
import { seededRandom } from '../../../simulator/profiles/random.ts';
import { smartDisplayProfile } from '../../../simulator/profiles/smart-display.ts';
import { planContext } from '../../../simulator/scenarios/build.ts';
import { planDevice } from '../../../simulator/scenarios/index.ts';
import {
  SMART_DIALECT_VARIANTS,
  smartRs232Dialects,
} from '../../../simulator/scenarios/smart-dialect-scenarios.ts';
import type { DevicePlan, SmartHardware } from '../../../simulator/scenarios/types.ts';
import { createMockDisplayPort } from '../../../simulator/smart-display/mock-binding.ts';

function smartHardware(plan: DevicePlan): SmartHardware {
  if (plan.hardware.kind !== 'smart') throw new Error(`${plan.id} is not a SMART display`);
  return plan.hardware;
}

async function identify(plan: DevicePlan, wake = true) {
  const hw = smartHardware(plan);
  const port = createMockDisplayPort(hw.responder);
  const commands: string[] = [];
  port.responder.onCommand((line) => commands.push(line));
  try {
    const identity = await readDeviceIdentity({
      primary: new MemoryIdentitySource(hw.spec),
      // The agent's default is to wake: only the opt-out is passed.
      ...(wake ? {} : { wakeSmartDisplay: false }),
      openSmartDisplay: () =>
        openSmartDisplay({ path: port.path, binding: port.binding, timeoutMs: 100, wakePollMs: 1 }),
    });
    return { ...identity, commands, finalPowerState: port.responder.powerState };
  } finally {
    port.unplug();
  }
}

describe('smart-rs232-dialects scenario', () => {
  it.each(SMART_DIALECT_VARIANTS)('%s: the identity the plan expects', async (variant) => {
    const plan = smartRs232Dialects(planContext(7, 3), variant);
    const hw = smartHardware(plan);
    expect(plan.scenario).toBe('smart-rs232-dialects');
    expect(hw.responder.dialect).toBe('v2-v3');
    const { report, commands, finalPowerState } = await identify(plan);
    const woken = commands.some((c) => c.replace(/\s+/g, '').toLowerCase() === 'setpowerstate=on');
    if (plan.expected.outcome === 'managed') {
      expect(report).toMatchObject({ eligible: true, certifiedDeviceId: hw.identity.certifiedDeviceId });
      expect(woken).toBe(['standby', 'powersave'].includes(String(hw.responder.powerState)));
      if (woken) expect(finalPowerState).toBe('on');
    } else {
      expect(plan.expected).toEqual({ outcome: 'manual', reason: 'missing-serial' });
      expect(report.reasons.map((r) => r.code)).toEqual(['missing-serial']);
      expect(report.reasons[0]?.message).toContain('display-not-ready');
      expect(woken).toBe(false);
      expect(finalPowerState).toBe(hw.responder.powerState);
    }
  });

  it('without waking, a display in standby is display-not-ready, not a malformed reply', async () => {
    const plan = smartRs232Dialects(planContext(7, 4), 'standby');
    const { report, commands } = await identify(plan, false);
    expect(report.eligible).toBe(false);
    expect(report.reasons[0]?.code).toBe('missing-serial');
    expect(report.reasons[0]?.message).toContain('display-not-ready');
    expect(report.reasons[0]?.message).toContain('standby');
    expect(commands.some((c) => c.toLowerCase().startsWith('set'))).toBe(false);
  });

  it('is a registered scenario whose plans are all SMART displays of this scenario', () => {
    const variants = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const plan = planDevice('smart-rs232-dialects', 11, i);
      expect(plan.deviceClass).toBe('smart-display');
      expect(plan.smart?.redeemBy).toBe('trial');
      variants.add(plan.variant);
    }
    expect([...variants].sort()).toEqual([...SMART_DIALECT_VARIANTS].sort());
  });
});

describe('SMART series profiles', () => {
  it('speak the V2/V3 dialect and are found ON or READY unless a scenario says otherwise', () => {
    let n = 0;
    for (const entry of SMART_DISPLAY_MODELS) {
      for (let k = 0; k < 8; k++) {
        const p = smartDisplayProfile(entry, seededRandom(n++));
        expect(p.responder.dialect).toBe('v2-v3');
        expect(['on', 'ready']).toContain(p.powerState);
      }
      const asleep = smartDisplayProfile(entry, seededRandom(n++), {
        powerState: 'powersave',
        refusal: 'silent',
      });
      expect(asleep.responder).toMatchObject({ powerState: 'powersave', refusal: 'silent' });
    }
  });
});
