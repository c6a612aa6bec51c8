// The scenarios' setup step, against the stub's documented HTTP API (so it works as well against a stub
// started elsewhere): licences, a token to revoke, partner uploads, product keys redeemed by the SRM
// domains. Idempotent enough for shards sharing one stub: a key another shard redeemed is fine.

import { createStubClient } from '../devices/stub-client.ts';
import type { DevicePlan, FleetCustomer, FleetToken, SmartDomainRole } from './types.ts';
import { CUSTOMERS, MAIN_LICENCES, PARTNER_KEY, SMART_DOMAINS, TOKENS } from './world.ts';

/** Largest partner upload the stub accepts in one request. */
const UPLOAD_BATCH = 1000;

export interface SetupReport {
  uploaded: number;
  /** Uploads the partner API refused, by device plan id. */
  refused: Array<{ device: string; code: string; message: string }>;
  redeemed: string[];
  /** Product keys whose redemption failed because the claim window is over (expected for claim-expired). */
  claimExpired: string[];
  /** Redemptions that did not answer what the scenario needs. */
  problems: string[];
  revokedToken: string | null;
  durationMs: number;
}

async function json<T>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  bearer?: string,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? {} : JSON.parse(text)) as T };
}

export async function setupFleet(serverUrl: string, plans: readonly DevicePlan[]): Promise<SetupReport> {
  const started = performance.now();
  const url = serverUrl.replace(/\/+$/, '');
  const stub = createStubClient(url);
  const report: SetupReport = {
    uploaded: 0,
    refused: [],
    redeemed: [],
    claimExpired: [],
    problems: [],
    revokedToken: null,
    durationMs: 0,
  };

  const chrome = plans.filter((p) => p.preprovision !== null);
  const admins = new Map<FleetCustomer, string>();
  const admin = async (c: FleetCustomer) => {
    let token = admins.get(c);
    if (token === undefined) {
      token = (await stub.login(CUSTOMERS[c].admin.email, CUSTOMERS[c].admin.password)).token;
      admins.set(c, token);
    }
    return token;
  };

  if (chrome.length > 0) {
    await stub.setLicenses(await admin('main'), CUSTOMERS.main.id, MAIN_LICENCES);
    const other = await stub.licenses(await admin('no-licences'), CUSTOMERS['no-licences'].id);
    await stub.setLicenses(
      await admin('no-licences'),
      CUSTOMERS['no-licences'].id,
      other.chrome_enterprise_upgrade.used,
    );
  }

  let revocable: string | null = null;
  if (chrome.some((p) => p.preprovision?.token === 'revocable')) {
    const created = await json<{ token: string }>(
      url,
      'POST',
      `/v1/customers/${CUSTOMERS.main.id}/preprovisioning-tokens`,
      { org_unit_path: '/' },
      await admin('main'),
    );
    if (created.status !== 201 && created.status !== 200)
      throw new Error(`cannot create a pre-provisioning token: HTTP ${created.status}`);
    revocable = created.body.token;
  }

  const groups = new Map<FleetToken, DevicePlan[]>();
  for (const p of chrome) {
    const token = p.preprovision?.token ?? 'main';
    groups.set(token, [...(groups.get(token) ?? []), p]);
  }
  for (const [token, group] of groups) {
    const customer = token === 'revocable' ? CUSTOMERS.main.id : CUSTOMERS[TOKENS[token].customer].id;
    const tokenValue = token === 'revocable' ? (revocable ?? '') : TOKENS[token].token;
    for (let i = 0; i < group.length; i += UPLOAD_BATCH) {
      const batch = group.slice(i, i + UPLOAD_BATCH);
      const results = await stub.preprovision({
        partnerKey: PARTNER_KEY,
        customerId: customer,
        token: tokenValue,
        devices: batch.map((p) => {
          const up = p.preprovision;
          if (up === null) throw new Error('unreachable');
          return {
            device_id: up.deviceId,
            id_kind: p.hardware.kind === 'chrome' ? p.hardware.idKind : 'smart-serial',
            serial_number: up.serialNumber,
            manufacturer: p.manufacturer,
            model: up.model,
            ...(up.bundled ? { bundled_license: true } : {}),
          };
        }),
      });
      results.forEach((r, k) => {
        const plan = batch[k];
        if (plan === undefined) return;
        if (r.status === 'PRE_PROVISIONED') report.uploaded += 1;
        else report.refused.push({ device: plan.id, code: r.error_code, message: r.error_message });
      });
    }
  }
  if (revocable !== null) {
    await stub.revokeToken(await admin('main'), CUSTOMERS.main.id, revocable);
    report.revokedToken = revocable;
  }

  // SMART: each domain redeems the keys of the invoices the scenarios give it.
  const keys = new Map<string, { role: SmartDomainRole; claimExpired: boolean }>();
  for (const p of plans) {
    const inv = p.smart?.invoice;
    if (inv && p.smart?.redeemBy)
      keys.set(inv.productKey, { role: p.smart.redeemBy, claimExpired: inv.purchasedDaysAgo > 365 });
  }
  const sessions = new Map<SmartDomainRole, string>();
  for (const [key, { role, claimExpired }] of keys) {
    let session = sessions.get(role);
    if (session === undefined) {
      const d = SMART_DOMAINS[role];
      const login = await json<{ token: string }>(url, 'POST', '/smart/v1/login', {
        email: d.email,
        password: d.password,
        domain: d.name,
      });
      if (login.status !== 200)
        throw new Error(
          `SMART login to ${d.name} → HTTP ${login.status} (is the stub seeded with the fleet seed?)`,
        );
      session = login.body.token;
      sessions.set(role, session);
    }
    const name = SMART_DOMAINS[role].name;
    const answer = await json<{ error_code?: string }>(
      url,
      'POST',
      `/smart/v1/domains/${name}/product-keys/redeem`,
      { product_key: key },
      session,
    );
    if (answer.status === 200 || (answer.status === 409 && !claimExpired)) report.redeemed.push(key);
    else if (answer.status === 422 && claimExpired) report.claimExpired.push(key);
    else
      report.problems.push(
        `redeem ${key} for ${name}: HTTP ${answer.status} ${answer.body.error_code ?? ''}`.trim(),
      );
  }
  report.durationMs = performance.now() - started;
  return report;
}
