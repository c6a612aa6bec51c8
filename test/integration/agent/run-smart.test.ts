// SMART Board displays against the real stub (issue 4): identity over RS-232 (the simulator's display
// on serialport's mock binding), check-in, enrollment into the domain that redeemed the invoice's key
// (claimed in the SMART Admin Portal, redeemed in SRM Billing).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../../../agent/runtime/agent.ts';
import { createDeviceDeps } from '../../../agent/runtime/create-deps.ts';
import { materializeDeviceTree } from '../../../simulator/device-tree.ts';
import { createMockDisplayPort } from '../../../simulator/smart-display/mock-binding.ts';
import { treeDir } from '../../helpers/identity.ts';
import { http, type StartedStub, startStub } from '../../helpers/stub.ts';

let stub: StartedStub;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  stub = await startStub();
  ({ dir, cleanup } = await treeDir('zte-smart-'));
  // A school signs up, activates through the e-mail, and redeems the demo invoice's product key.
  const signUp = {
    name: 'school1',
    organization: 'School 1',
    contact_name: 'Ada',
    phone: '+1 555 0100',
    email: 'it@school1.example',
    password: 'correct horse battery',
  };
  expect((await http(stub.url, 'POST', '/smart/v1/domains', { body: signUp })).status).toBe(201);
  const outbox = await http<{ messages: Array<{ activation_code: string }> }>(
    stub.url,
    'GET',
    '/smart/v1/outbox?email=it%40school1.example',
  );
  const code = outbox.body.messages[0]?.activation_code;
  expect(
    (await http(stub.url, 'POST', '/smart/v1/domains/school1/activate', { body: { code } })).status,
  ).toBe(200);
  const login = await http<{ token: string }>(stub.url, 'POST', '/smart/v1/login', {
    body: { email: signUp.email, password: signUp.password },
  });
  // Seed 002: the invoice's key is claimed in the SMART Admin Portal, then redeemed in SRM Billing.
  const claim = await http<{ product_key: string }>(stub.url, 'POST', '/smart/v1/admin-portal/claims', {
    body: { claim_code: 'SRMC-DEMO-0001' },
  });
  expect(claim.status).toBe(200);
  const redeem = await http(stub.url, 'POST', '/smart/v1/domains/school1/billing/redeem', {
    body: { product_key: claim.body.product_key },
    bearer: login.body.token,
  });
  expect(redeem.status).toBe(200);
});
afterAll(async () => {
  await stub.close();
  await cleanup();
});

interface BootOptions {
  touchSerial?: string;
  modelNumber?: string;
  now?: () => Date;
  /** The server-time probe timed out (a loaded server): it gives no time, as the real one then does. */
  probeFails?: boolean;
}

async function bootDisplay(name: string, serialNumber: string, options: BootOptions = {}) {
  const touchSerial = options.touchSerial ?? serialNumber;
  const root = `${dir}/${name}`;
  await materializeDeviceTree(root, {
    dmi: { sys_vendor: 'SMART Technologies ULC' },
    usb: [{ id: '1-3', vendorId: 0x0b8c, productId: 0x0502, serial: touchSerial, product: 'SMART Touch' }],
  });
  const port = createMockDisplayPort({
    serialNumber,
    modelNumber: options.modelNumber ?? 'sbid-mx065-v2',
    firmwareVersion: '3.9.2',
    partNumber: '1031421',
    powerState: 'on',
    powerOnGarbage: '\x00\xffBOOT diag 0x1f\r\n',
  });
  const deps = createDeviceDeps({
    server: stub.url,
    root,
    stateDir: `${root}/state`,
    smartSerial: port.path,
    smartBinding: port.binding,
  });
  const agent = await startAgent({
    ...deps,
    ...(options.now ? { now: options.now } : {}),
    ...(options.probeFails
      ? { enrollmentHttp: { ...deps.enrollmentHttp, serverTime: async () => null } }
      : {}),
  });
  const outcome = await agent.settled;
  await agent.stop();
  return outcome;
}

describe('SMART display enrollment', () => {
  it('enrolls a display on a redeemed invoice into the domain that redeemed it, and grants its credits', async () => {
    const outcome = await bootDisplay('assigned', 'SBID1DEMO0001');
    expect(outcome).toMatchObject({
      outcome: 'managed',
      managementDomain: 'school1',
      idKind: 'smart-serial',
      certifiedDeviceId: 'SBID1DEMO0001',
    });
    const login = await http<{ token: string }>(stub.url, 'POST', '/smart/v1/login', {
      body: { email: 'it@school1.example', password: 'correct horse battery' },
    });
    const devices = await http<{ devices: Array<{ serial_number: string }> }>(
      stub.url,
      'GET',
      '/smart/v1/domains/school1/devices',
      {
        bearer: login.body.token,
      },
    );
    expect(devices.body.devices.map((d) => d.serial_number)).toContain('SBID1DEMO0001');
  });

  it('asks for a domain on the manual screen when no redeemed key covers the display', async () => {
    expect(await bootDisplay('unassigned', 'SBID9NOTONINVOICE')).toMatchObject({
      outcome: 'manual',
      reason: 'smart-unassigned',
    });
  });

  it('refuses a display whose touch controller reports another serial (identity-mismatch)', async () => {
    expect(await bootDisplay('swapped', 'SBID1DEMO0002', { touchSerial: 'SBID1OTHER999' })).toMatchObject({
      outcome: 'manual',
      reason: 'identity-mismatch',
    });
  });

  it("refuses a clock years ahead by the check-in answer's Date when the probe gets no time, before enrolling", async () => {
    const outcome = await bootDisplay('ahead-probe-failed', 'SBID1DEMO0003', {
      modelNumber: 'sbid-mx086-v2',
      now: () => new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000),
      probeFails: true,
    });
    expect(outcome).toMatchObject({ outcome: 'error', reason: 'clock' });
    const states = outcome.history.map((h) => h.state);
    expect(states).toContain('automatic.smartCheckin');
    expect(states).not.toContain('automatic.smartEnrolling');
  });

  it('enrolls a display with a right clock even when the probe gets no time', async () => {
    expect(
      await bootDisplay('right-probe-failed', 'SBID1DEMO0003', {
        modelNumber: 'sbid-mx086-v2',
        probeFails: true,
      }),
    ).toMatchObject({ outcome: 'managed', managementDomain: 'school1' });
  });
});
