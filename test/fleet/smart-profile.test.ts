// The SMART Board display profile: every series and model code, lower-case model numbers on the wire,
// a touch controller (USB 0b8c) whose serial matches, and identity faults the agent must catch — read
// through the real RS-232 backend over the mock binding and the agent's own identity code.

import { describe, expect, it } from 'vitest';
import { SMART_DISPLAY_MODELS } from '../../agent/catalog/index.ts';
import { readDeviceIdentity } from '../../agent/identity/read-device.ts';
import { MemoryIdentitySource } from '../../hal/backends/memory/identity.ts';
import { openSmartDisplay } from '../../hal/backends/smart-rs232/index.ts';
import { seededRandom } from '../../simulator/profiles/random.ts';
import {
  SMART_IDENTITY_FAULTS,
  SMART_USB_VENDOR,
  type SmartDisplayOptions,
  type SmartDisplayProfile,
  smartDisplayProfile,
} from '../../simulator/profiles/smart-display.ts';
import { createMockDisplayPort } from '../../simulator/smart-display/mock-binding.ts';

async function identify(profile: SmartDisplayProfile) {
  const port = createMockDisplayPort(profile.responder);
  try {
    return await readDeviceIdentity({
      primary: new MemoryIdentitySource(profile.spec),
      // A short prompt time-out: a soft-off display never answers, no need to wait 3 s for it here.
      openSmartDisplay: () =>
        openSmartDisplay({ path: port.path, binding: port.binding, promptTimeoutMs: 300 }),
    });
  } finally {
    port.unplug();
  }
}

const MX_V2 = SMART_DISPLAY_MODELS.find((e) => e.name === 'SMART Board MX (V2)');

describe('SMART display profile', () => {
  it('covers every series and code, with lower-case model numbers and a matching touch controller', () => {
    let n = 0;
    for (const entry of SMART_DISPLAY_MODELS) {
      for (const code of entry.variantCodes) {
        const p = smartDisplayProfile(entry, seededRandom(n++), { variantCode: code });
        expect(p.modelNumber).toBe(code.toLowerCase());
        expect(p.modelNumber).toMatch(/^sbid-[a-z0-9-]+$/);
        const touch = p.spec.usb?.find((u) => u.vendorId === SMART_USB_VENDOR);
        expect(touch?.serial).toBe(p.serialNumber);
        expect(p.expected.certifiedDeviceId).toBe(p.serialNumber);
        const mx = entry.name.startsWith('SMART Board MX');
        expect(mx ? ['on', 'ready', 'updateon', 'updateready'] : ['on', 'ready']).toContain(p.powerState);
      }
    }
    expect(n).toBeGreaterThanOrEqual(17);
  });

  it('a genuine display identifies as eligible over RS-232, with or without firmware quirks', async () => {
    if (!MX_V2) throw new Error('catalog row missing');
    for (const quirks of [false, true]) {
      const p = smartDisplayProfile(MX_V2, seededRandom(quirks ? 2 : 1), { quirks });
      const { report, smartInfo } = await identify(p);
      expect(report).toMatchObject({
        eligible: true,
        model: 'SMART Board MX (V2)',
        certifiedDeviceId: p.serialNumber,
      });
      expect(smartInfo?.modelNumber).toBe(p.modelNumber);
    }
  });

  const REASON: Record<(typeof SMART_IDENTITY_FAULTS)[number], string> = {
    'touch-serial-mismatch': 'identity-mismatch',
    'soft-off': 'missing-serial',
    'garbled-serial': 'missing-serial',
    'empty-serial': 'missing-serial',
    'unknown-model': 'model-not-listed',
  };

  it.each(SMART_IDENTITY_FAULTS)('fault %s is refused with its reason', async (fault) => {
    const entry = SMART_DISPLAY_MODELS[3];
    if (!entry) throw new Error('catalog row missing');
    const options: SmartDisplayOptions = { fault, quirks: false };
    const p = smartDisplayProfile(entry, seededRandom(40), options);
    const { report } = await identify(p);
    expect(report.eligible).toBe(false);
    expect(report.reasons[0]?.code).toBe(REASON[fault]);
    if (fault === 'touch-serial-mismatch') expect(p.touchSerial).not.toBe(p.serialNumber);
  });
});
