// SMART Board displays for campaigns: a SMART RM domain that redeemed the demo invoice's product key
// (so its displays are assigned), and a display's computer (touch controller on USB) as a tree.

import { materializeDeviceTree } from '../../device-tree.ts';
import type { DisplayResponderOptions } from '../../smart-display/responder.ts';

/** The demo seed's invoice SRM-DEMO-0001: serial → model number. */
export const DEMO_INVOICE_MODELS: Readonly<Record<string, string>> = {
  SBID1DEMO0001: 'sbid-mx065-v2',
  SBID1DEMO0002: 'sbid-mx075-v2',
  SBID1DEMO0003: 'sbid-mx086-v2',
};
export const DEMO_INVOICE_DISPLAYS = Object.keys(DEMO_INVOICE_MODELS);
const DEMO_KEY = 'SRMK-DEMO-0001-AAAA';
const DEMO_CLAIM_CODE = 'SRMC-DEMO-0001';

async function post(url: string, path: string, body: unknown, bearer?: string) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`POST ${path} → ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Signs a school up, activates it through the stub's mailbox, claims and redeems the demo key; returns its name. */
export async function smartDomainWithDemoInvoice(url: string, name = 'chaosschool'): Promise<string> {
  const email = `it@${name}.example`;
  const password = 'correct horse battery';
  await post(url, '/smart/v1/domains', {
    name,
    organization: 'Chaos School',
    contact_name: 'Ada',
    phone: '+1 555 0100',
    email,
    password,
  });
  const outbox = (await (
    await fetch(`${url}/smart/v1/outbox?email=${encodeURIComponent(email)}`)
  ).json()) as {
    messages: Array<{ activation_code: string }>;
  };
  await post(url, `/smart/v1/domains/${name}/activate`, { code: outbox.messages[0]?.activation_code });
  const { token } = (await post(url, '/smart/v1/login', { email, password })) as { token: string };
  // Seed 002: the key is claimed in SMART Admin Portal, then redeemed in SRM Billing (the PIN code box).
  await post(url, '/smart/v1/admin-portal/claims', { claim_code: DEMO_CLAIM_CODE });
  await post(url, `/smart/v1/domains/${name}/billing/redeem`, { product_key: DEMO_KEY }, token);
  return name;
}

/** The display's computer: SMART's touch controller (vendor 0x0b8c) reporting the display serial. */
export async function materializeDisplayComputer(root: string, serial: string): Promise<void> {
  await materializeDeviceTree(root, {
    dmi: { sys_vendor: 'SMART Technologies ULC' },
    usb: [{ id: '1-3', vendorId: 0x0b8c, productId: 0x0502, serial, product: 'SMART Touch' }],
  });
}

export function displayResponder(
  serial: string,
  extra: Partial<DisplayResponderOptions> = {},
): DisplayResponderOptions {
  return {
    serialNumber: serial,
    modelNumber: DEMO_INVOICE_MODELS[serial] ?? 'sbid-mx065-v2',
    firmwareVersion: '3.9.2',
    partNumber: '1031421',
    powerState: 'on',
    ...extra,
  };
}
