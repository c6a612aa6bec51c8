// The demo's devices: one per screen a newcomer should be able to see (issue 5 item 6).

import { CATALOG } from '../../agent/catalog/index.ts';
import type { DeviceDepsOptions } from '../../agent/runtime/create-deps.ts';
import { materializeDeviceTree } from '../device-tree.ts';
import { buildSimulatedChromeDevice, preprovisionEntry } from '../devices/chrome.ts';
import type { StubClient } from '../devices/stub-client.ts';
import { chromeDeviceProfile } from '../profiles/chrome-device.ts';
import { seededRandom } from '../profiles/random.ts';
import { createMockDisplayPort } from '../smart-display/mock-binding.ts';

export const DEMO_DEVICES = ['pre-provisioned', 'not-pre-provisioned', 'no-licences', 'smart-board'] as const;
export type DemoDevice = (typeof DEMO_DEVICES)[number];

export interface DemoSetup {
  /** What the agent reads for this device (root, state dir, SMART port). */
  deps: Omit<DeviceDepsOptions, 'server'>;
  /** One line for the newcomer: what this device will show. */
  story: string;
}

const ACER = 'Chromebook Acer 311 (C722/C722T)';

export async function setUpDemoDevice(kind: DemoDevice, dir: string, stub: StubClient): Promise<DemoSetup> {
  const root = `${dir}/${kind}`;
  const stateDir = `${root}/var/lib/zte-agent`;
  if (kind === 'smart-board') return setUpSmartBoard(root, stateDir, stub);

  const entry = CATALOG.find((e) => e.name === ACER);
  if (!entry) throw new Error(`catalog row ${ACER} missing`);
  const profile = chromeDeviceProfile(entry, seededRandom(Date.now() % 1_000_000));
  await buildSimulatedChromeDevice(root, profile, stub);
  if (kind === 'not-pre-provisioned') {
    return {
      deps: { root, stateDir },
      story: `${ACER}, never pre-provisioned: it ends on the manual enrollment screen.`,
    };
  }
  await stub.preprovision({
    partnerKey: 'partner-demo-key',
    customerId: 'C00demo01',
    token: 'ppt-demo-0001',
    devices: [preprovisionEntry(profile)],
  });
  if (kind === 'no-licences') {
    const admin = await stub.login('admin@demo.example', 'demo-password');
    const { chrome_enterprise_upgrade } = await stub.licenses(admin.token, 'C00demo01');
    await stub.setLicenses(admin.token, 'C00demo01', chrome_enterprise_upgrade.used);
    return {
      deps: { root, stateDir },
      story: `${ACER}, pre-provisioned, but demo.example has no licence left: the error screen.`,
    };
  }
  return {
    deps: { root, stateDir },
    story: `${ACER}, pre-provisioned for demo.example: it walks to Managed.`,
  };
}

/** A SMART Board MX on a redeemed invoice: a school signs up, activates, redeems the product key. */
async function setUpSmartBoard(root: string, stateDir: string, stub: StubClient): Promise<DemoSetup> {
  // Through the stub client: plain or over the demo's TLS alike.
  const post = (path: string, body: unknown, bearer?: string) => stub.request('POST', path, body, bearer);
  const email = 'it@demoschool.example';
  await post('/smart/v1/domains', {
    name: 'demoschool',
    organization: 'Demo School',
    contact_name: 'Ada',
    phone: '+1 555 0100',
    email,
    password: 'demo-smart-password',
  });
  const outbox = await stub.request<{ messages: Array<{ activation_code: string }> }>(
    'GET',
    `/smart/v1/outbox?email=${encodeURIComponent(email)}`,
  );
  await post('/smart/v1/domains/demoschool/activate', { code: outbox.messages[0]?.activation_code });
  const { token } = await post('/smart/v1/login', { email, password: 'demo-smart-password' });
  // Seed 002: claim the invoice's key in SMART Admin Portal, redeem it in SRM Billing (PIN code box).
  await post('/smart/v1/admin-portal/claims', { claim_code: 'SRMC-DEMO-0001' });
  await post(
    '/smart/v1/domains/demoschool/billing/redeem',
    { product_key: 'SRMK-DEMO-0001-AAAA' },
    String(token),
  );

  await materializeDeviceTree(root, {
    dmi: { sys_vendor: 'SMART Technologies ULC' },
    usb: [
      { id: '1-3', vendorId: 0x0b8c, productId: 0x0502, serial: 'SBID1DEMO0001', product: 'SMART Touch' },
    ],
  });
  const port = createMockDisplayPort({
    serialNumber: 'SBID1DEMO0001',
    modelNumber: 'sbid-mx065-v2',
    firmwareVersion: '3.9.2',
    partNumber: '1031421',
    powerState: 'on',
    // An MX (V2) speaks the V2/V3 dialect: CRLF-framed replies, `invalid cmd: …`.
    dialect: 'v2-v3',
  });
  return {
    deps: { root, stateDir, smartSerial: port.path, smartBinding: port.binding },
    story:
      'SMART Board MX065 (RS-232 on a simulated port), on an invoice whose key demoschool redeemed: it enrolls there.',
  };
}
