// The fleet's last check, on the server's side: its own records (Chrome devices MANAGED per customer,
// SMART displays per domain) must agree with every device's verdict, else the device fails.

import { createStubClient } from '../devices/stub-client.ts';
import { CUSTOMERS, SMART_DOMAINS } from '../scenarios/world.ts';
import type { DeviceReport } from './types.ts';

/**
 * Nobody enrolled where they don't belong: the server's own records must agree with every verdict. A
 * Chrome device expected managed is MANAGED on the server, any other is not; a SMART display expected
 * managed is among its domain's devices, any other display in none.
 */
export async function checkServer(url: string, devices: DeviceReport[]): Promise<void> {
  const stub = createStubClient(url);
  const managed = new Set<string>();
  for (const c of Object.values(CUSTOMERS)) {
    const token = (await stub.login(c.admin.email, c.admin.password)).token;
    for (const d of await stub.devices(token, c.id, 'MANAGED')) managed.add(String(d.device_id));
  }
  const enrolledIn = new Map<string, string>();
  if (devices.some((d) => d.plan.hardware.kind === 'smart')) {
    for (const domain of Object.values(SMART_DOMAINS)) {
      const login = await fetch(`${url}/smart/v1/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: domain.email, password: domain.password, domain: domain.name }),
      });
      if (login.status !== 200) continue;
      const { token } = (await login.json()) as { token: string };
      const list = await fetch(`${url}/smart/v1/domains/${domain.name}/devices`, {
        headers: { authorization: `Bearer ${token}` },
      });
      // A domain past its trial without credits is not activated: its Devices view is refused (402).
      if (list.status !== 200) continue;
      const { devices: enrolled } = (await list.json()) as { devices: Array<{ serial_number: string }> };
      for (const e of enrolled) enrolledIn.set(e.serial_number, domain.name);
    }
  }
  for (const d of devices) {
    const { plan, result } = d;
    const expectManaged = plan.expected.outcome === 'managed';
    let problem: string | null = null;
    if (plan.hardware.kind === 'chrome') {
      const onServer = managed.has(plan.hardware.identity.certifiedDeviceId);
      if (onServer !== expectManaged)
        problem = `the server ${onServer ? 'has' : 'does not have'} ${plan.hardware.identity.certifiedDeviceId} MANAGED`;
    } else {
      const domain = enrolledIn.get(plan.hardware.identity.serialNumber) ?? null;
      const want = expectManaged ? (plan.expected.managementDomain ?? null) : null;
      if (domain !== want)
        problem = `SRM has the display enrolled in ${domain ?? 'no domain'}, expected ${want ?? 'none'}`;
    }
    if (problem !== null) {
      result.log.push(`  server check: ${problem}`);
      result.passed = false;
    }
  }
}
