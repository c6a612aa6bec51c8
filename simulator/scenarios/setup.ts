// The scenarios' setup step, against the stub's documented HTTP API (so it works as well against a stub
// started elsewhere): licences, a token to revoke, partner uploads, product keys redeemed by the SRM
// domains. Idempotent enough for shards sharing one stub: a key another shard redeemed is fine.

import { createStubClient } from '../devices/stub-client.ts';
import type { DevicePlan, FleetCustomer, FleetToken, SmartDomainRole } from './types.ts';
import { CUSTOMERS, MAIN_LICENCES, PARTNER_KEY, RESELLER_KEY, SMART_DOMAINS, TOKENS } from './world.ts';

/** Largest partner upload the stub accepts in one request. */
const UPLOAD_BATCH = 1000;

export interface SetupReport {
  uploaded: number;
  /** Uploads the partner API refused, by device plan id. */
  refused: Array<{ device: string; code: string; message: string }>;
  /** Product keys redeemed in SRM Billing (invoice keys and the reseller key). */
  redeemed: string[];
  /** Invoices whose Admin Portal claim failed because the one-year claim period is over (claim-expired). */
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

  // SMART (seed 002): each domain's administrator claims the subscription of the invoices the scenarios
  // give it in SMART Admin Portal (claim code = invoice id) and redeems the product key shown in SRM
  // Billing; the reseller domain redeems the reseller key it bought.
  const keys = new Map<string, { role: SmartDomainRole; claimExpired: boolean }>();
  const roles = new Set<SmartDomainRole>();
  for (const p of plans) {
    const inv = p.smart?.invoice;
    if (inv && inv.creditsVia !== 'enrollment' && p.smart?.redeemBy)
      keys.set(inv.id, { role: p.smart.redeemBy, claimExpired: inv.purchasedDaysAgo > 365 });
    if (p.smart?.redeemBy) roles.add(p.smart.redeemBy);
    if (p.smart?.typedDomain) roles.add(p.smart.typedDomain);
  }
  const sessions = new Map<SmartDomainRole, string>();
  const session = async (role: SmartDomainRole): Promise<string> => {
    const known = sessions.get(role);
    if (known !== undefined) return known;
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
    sessions.set(role, login.body.token);
    return login.body.token;
  };
  const redeem = async (role: SmartDomainRole, productKey: string): Promise<void> => {
    const name = SMART_DOMAINS[role].name;
    const answer = await json<{ error_code?: string }>(
      url,
      'POST',
      `/smart/v1/domains/${name}/billing/redeem`,
      { product_key: productKey },
      await session(role),
    );
    // 409 PRODUCT_KEY_ALREADY_REDEEMED: another shard sharing this stub redeemed it.
    if (answer.status === 200 || answer.body.error_code === 'PRODUCT_KEY_ALREADY_REDEEMED')
      report.redeemed.push(productKey);
    else
      report.problems.push(
        `redeem ${productKey} for ${name}: HTTP ${answer.status} ${answer.body.error_code ?? ''}`.trim(),
      );
  };
  for (const [invoiceId, { role, claimExpired }] of keys) {
    const claimed = await json<{ product_key?: string; error_code?: string }>(
      url,
      'POST',
      '/smart/v1/admin-portal/claims',
      { claim_code: invoiceId },
    );
    if (claimed.status === 200 && !claimExpired && claimed.body.product_key !== undefined) {
      await redeem(role, claimed.body.product_key);
    } else if (claimed.body.error_code === 'CLAIM_PERIOD_EXPIRED' && claimExpired) {
      report.claimExpired.push(invoiceId);
    } else {
      report.problems.push(
        `claim ${invoiceId} in Admin Portal: HTTP ${claimed.status} ${claimed.body.error_code ?? ''}`.trim(),
      );
    }
  }
  if (roles.has('reseller')) await redeem('reseller', RESELLER_KEY.productKey);
  report.durationMs = performance.now() - started;
  return report;
}
