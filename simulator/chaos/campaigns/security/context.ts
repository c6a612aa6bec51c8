// What every security check of the chaos campaign shares: the campaign's context (stub, work dir,
// agent bundle, random stream), admin API calls, the customer's visible state (which a refused request
// must leave unchanged), its licence use, and booting an agent process on a device tree.

import { join } from 'node:path';
import { agentRunArgs, runAgentProcess } from '../../lib/agent-process.ts';
import type { Rng } from '../../lib/rng.ts';
import { DEMO_CUSTOMER, type StubHandle } from '../../lib/stub.ts';
import type { Verdict } from '../../lib/tally.ts';

export interface Ctx {
  stub: StubHandle;
  dir: string;
  entry: string;
  rng: Rng;
  n: number;
}

export async function api(url: string, method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text };
}

/** Everything an admin of C00demo01 can see: it must not change under a refused request. */
export async function customerSnapshot(ctx: Ctx): Promise<string> {
  const base = `/v1/customers/${DEMO_CUSTOMER}`;
  const parts = await Promise.all(
    ['/devices', '/licenses', '/preprovisioning-tokens', '/enrollment-tokens', '/org-units'].map(
      async (p) => (await api(ctx.stub.url, 'GET', `${base}${p}`, ctx.stub.admin)).body,
    ),
  );
  return parts.join('\n');
}

export async function used(ctx: Ctx, customer = DEMO_CUSTOMER, admin = ctx.stub.admin): Promise<number> {
  return (await ctx.stub.client.licenses(admin, customer)).chrome_enterprise_upgrade.used;
}

export async function bootChild(ctx: Ctx, root: string, stateDir = join(root, 'state')) {
  return runAgentProcess(ctx.entry, agentRunArgs(ctx.stub.url, root, stateDir));
}

export function refusedOnScreen(v: Verdict, run: Awaited<ReturnType<typeof bootChild>>, label: string): void {
  v.check(run.code !== 1 && run.signal === null, 'crash', `${label}: exit ${run.code ?? run.signal}`);
  v.check(
    run.code === 4 && run.outcome?.outcome === 'error' && run.outcome.reason === 'management-not-supported',
    'wrong',
    `${label}: exit ${run.code}, ${run.outcome?.outcome}:${run.outcome?.reason}, expected the 403 error screen`,
  );
}
