// Security checks of callers without the right: a revoked pre-provisioning token, a partner whose key
// is not listed, and another customer's admin (every admin call, and manual enrollment with its
// credentials) are refused and leave no trace.

import { startInProcessAgent, waitForSnapshot } from '../../lib/agent-inprocess.ts';
import { checkNotEnrolled, deviceViews, makeChromeDevice } from '../../lib/devices.ts';
import { DEMO_CUSTOMER, OTHER_ADMIN, OTHER_CUSTOMER, UNLISTED_PARTNER_KEY } from '../../lib/stub.ts';
import type { Verdict } from '../../lib/tally.ts';
import { api, bootChild, type Ctx, customerSnapshot, refusedOnScreen, used } from './context.ts';

export async function revokedToken(ctx: Ctx, i: number, v: Verdict): Promise<void> {
  const base = `/v1/customers/${DEMO_CUSTOMER}/preprovisioning-tokens`;
  const created = await api(ctx.stub.url, 'POST', base, ctx.stub.admin, { org_unit_path: '/' });
  const token = (JSON.parse(created.body) as { token: string }).token;
  const device = await makeChromeDevice(
    ctx.stub.client,
    ctx.dir,
    `revoked-${i}`,
    ctx.rng.fork(`revoked-${i}`),
    { token },
  );
  await ctx.stub.client.revokeToken(ctx.stub.admin, DEMO_CUSTOMER, token);
  const before = await used(ctx);
  refusedOnScreen(v, await bootChild(ctx, device.root), 'device of a revoked token');
  checkNotEnrolled(await deviceViews(ctx.stub.client, ctx.stub.admin), device.id, v, 'PRE_PROVISIONED');
  v.check((await used(ctx)) === before, 'double-consumed', 'a licence was used');
}

export async function unauthorisedPartner(ctx: Ctx, i: number, v: Verdict): Promise<void> {
  const device = await makeChromeDevice(
    ctx.stub.client,
    ctx.dir,
    `unlisted-${i}`,
    ctx.rng.fork(`unlisted-${i}`),
    {
      preprovision: false,
    },
  );
  const before = await customerSnapshot(ctx);
  const upload = await api(ctx.stub.url, 'POST', '/v1/partner/devices:preprovision', UNLISTED_PARTNER_KEY, {
    customer_id: DEMO_CUSTOMER,
    pre_provisioning_token: 'ppt-demo-0001',
    devices: [
      {
        device_id: device.id,
        id_kind: device.profile.entry.idKind,
        serial_number: device.profile.expected.serialNumber,
        manufacturer: device.profile.entry.manufacturer,
        model: device.profile.entry.name,
      },
    ],
  });
  v.check(upload.status === 403, 'wrong', `unlisted partner upload answered ${upload.status}`);
  v.check((await customerSnapshot(ctx)) === before, 'wrong', 'the refused upload stored something');
  const run = await bootChild(ctx, device.root);
  v.check(
    run.code === 3 && run.outcome?.reason === 'not-pre-provisioned',
    'wrong',
    `the device then ended ${run.code} ${run.outcome?.outcome}:${run.outcome?.reason}, expected manual not-pre-provisioned`,
  );
  v.check((await customerSnapshot(ctx)) === before, 'wrong', 'the device boot stored something');
}

export async function otherCustomersAdmin(ctx: Ctx, i: number, v: Verdict): Promise<void> {
  // A device of C00demo01, enrolled, and one still pre-provisioned.
  const enrolled = await makeChromeDevice(
    ctx.stub.client,
    ctx.dir,
    `victim-${i}`,
    ctx.rng.fork(`victim-${i}`),
  );
  v.check((await bootChild(ctx, enrolled.root)).code === 0, 'lost', 'set-up enrollment failed');
  const pending = await makeChromeDevice(
    ctx.stub.client,
    ctx.dir,
    `victim-pp-${i}`,
    ctx.rng.fork(`victim-pp-${i}`),
    {
      withKey: false,
    },
  );
  const other = (await ctx.stub.client.login(OTHER_ADMIN.email, OTHER_ADMIN.password)).token;
  const otherUsed = await used(ctx, OTHER_CUSTOMER, other);
  const before = await customerSnapshot(ctx);
  const base = `/v1/customers/${DEMO_CUSTOMER}`;
  const calls: Array<[string, string, unknown?]> = [
    ['GET', '/devices'],
    ['GET', `/devices/${encodeURIComponent(enrolled.id)}`],
    ['PATCH', `/devices/${encodeURIComponent(enrolled.id)}`, { org_unit_path: '/Classrooms' }],
    ['DELETE', `/devices/${encodeURIComponent(pending.id)}`],
    ['POST', `/devices/${encodeURIComponent(enrolled.id)}/deprovision`],
    ['GET', '/licenses'],
    ['PUT', '/licenses', { chrome_enterprise_upgrade_total: 0 }],
    ['POST', '/preprovisioning-tokens', { org_unit_path: '/' }],
    ['POST', '/preprovisioning-tokens/ppt-demo-0001/revoke'],
    ['POST', '/enrollment-tokens', { org_unit_path: '/' }],
    ['POST', '/org-units', { org_unit_path: '/Annexed' }],
  ];
  for (const [method, path, body] of calls) {
    const res = await api(ctx.stub.url, method, `${base}${path}`, other, body);
    v.check(res.status === 403, 'wrong', `${method} ${path} with another customer's token: ${res.status}`);
  }
  v.check((await customerSnapshot(ctx)) === before, 'wrong', "another customer's admin changed something");

  // On the device: manual enrollment with that admin's credentials is refused and leaves no trace.
  const { handle } = await startInProcessAgent({
    server: ctx.stub.url,
    root: pending.root,
    stateDir: pending.stateDir,
  });
  try {
    const first = await handle.settled;
    v.check(
      first.outcome === 'manual',
      'wrong',
      `a device without key ended ${first.outcome}:${first.reason}`,
    );
    handle.actor.send({ type: 'MANUAL_ENROLL', request: { method: 'credentials', ...OTHER_ADMIN } });
    const answered = await waitForSnapshot(
      handle,
      (s) => s.context.manualEnrollError !== null || s.context.enrollment !== null,
      30_000,
    );
    const error = handle.actor.getSnapshot().context.manualEnrollError;
    v.check(
      answered && error?.code === 'domain-mismatch',
      'wrong',
      `manual enrollment as the other customer: ${JSON.stringify(error)}`,
    );
    v.check(
      handle.actor.getSnapshot().context.enrollment === null,
      'wrong',
      'the device got enrolled by the other customer',
    );
  } finally {
    await handle.stop();
  }
  checkNotEnrolled(await deviceViews(ctx.stub.client, ctx.stub.admin), pending.id, v, 'PRE_PROVISIONED');
  v.check(
    (await deviceViews(ctx.stub.client, other, OTHER_CUSTOMER)).get(pending.id) === undefined,
    'wrong',
    'the device appeared under the other customer',
  );
  v.check(
    (await used(ctx, OTHER_CUSTOMER, other)) === otherUsed,
    'double-consumed',
    "the other customer's licences moved",
  );
  v.check(
    (await customerSnapshot(ctx)) === before,
    'wrong',
    'the refused manual enrollment changed something',
  );
}
