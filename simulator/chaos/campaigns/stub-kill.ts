// Server-side: the stub runs as a child process on a file database; while many devices register in
// parallel it is SIGKILLed (right as registrations are in flight) and restarted on the same file and
// port. The agents retry through the outage. Afterwards: every device MANAGED, licences `used` equal
// to the devices holding one (licences are exactly enough, so a leaked one would leave a device on
// 402), nobody half-enrolled in the database itself, and a clean SIGTERM loses nothing.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REGISTRATION_SENDING_STATE } from '../../../agent/machine/view.ts';
import type { Outcome } from '../../../agent/runtime/outcome.ts';
import { createStubClient } from '../../devices/stub-client.ts';
import { settleWithin, startInProcessAgent } from '../lib/agent-inprocess.ts';
import {
  type ChaosDevice,
  checkEnrolled,
  checkLedger,
  deviceViews,
  makeChromeDevice,
} from '../lib/devices.ts';
import { FlakyLink } from '../lib/link.ts';
import { createRng } from '../lib/rng.ts';
import { DEMO_ADMIN, DEMO_CUSTOMER, DEMO_DOMAIN, type StubProcess, startStubProcess } from '../lib/stub.ts';
import { Tally, Verdict } from '../lib/tally.ts';
import type { Campaign, CampaignOptions, CampaignResult } from '../types.ts';

const NAME = 'stub-sigkill';
const DEVICES_PER_ROUND = 8;
const REPLY_DELAY_MS = 100;

/** Rows the admin API could hide: checked in the database file itself. */
function databaseProblems(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const half = db
      .prepare(
        `SELECT device_id, status, license_consumed, bundled_license FROM devices
         WHERE (status = 'MANAGED' AND license_consumed = 0 AND bundled_license = 0)
            OR (license_consumed = 1 AND status <> 'MANAGED')`,
      )
      .all() as Array<Record<string, unknown>>;
    for (const row of half) problems.push(`half-enrolled in the database: ${JSON.stringify(row)}`);
    const tokens = db
      .prepare(
        `SELECT d.device_id, COUNT(t.token_sha256) AS live FROM devices d
         LEFT JOIN dm_tokens t ON t.device_id = d.device_id AND t.revoked_at IS NULL
         WHERE d.status = 'MANAGED' GROUP BY d.device_id HAVING live <> 1`,
      )
      .all() as Array<{ device_id: string; live: number }>;
    for (const row of tokens) problems.push(`${row.device_id}: ${row.live} live DM tokens (expected 1)`);
    return problems;
  } finally {
    db.close();
  }
}

/** Devices registered more than once (the answer to an earlier registration that landed was lost). */
function reregisteredDevices(path: string, ids: readonly string[]): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const count = db.prepare('SELECT COUNT(*) AS n FROM dm_tokens WHERE device_id = ?');
    return ids.filter((id) => ((count.get(id) as { n: number }).n ?? 0) > 1).length;
  } finally {
    db.close();
  }
}

export async function runStubKillCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const tally = new Tally(NAME, options.log);
  const rng = createRng(options.seed, NAME);
  const dir = join(options.workDir, NAME);
  await mkdir(dir, { recursive: true });
  const dbPath = join(dir, 'stub.sqlite');
  const rounds = Math.max(1, Math.ceil(options.runs / 25));
  let stub: StubProcess = await startStubProcess({ db: dbPath });
  const port = stub.port;
  const client = createStubClient(stub.url);
  // The devices reach the stub through a relay whose way back is slow: a registration the stub
  // committed in the last REPLY_DELAY_MS before its death has its answer lost on the way.
  const relay = new FlakyLink(new URL(stub.url), REPLY_DELAY_MS);
  const url = await relay.listen();
  const login = async () => (await client.login(DEMO_ADMIN.email, DEMO_ADMIN.password)).token;
  let kills = 0;
  let interrupted = 0;
  let landedAnswersLost = 0;
  let restartMs = 0;
  let devicesTotal = 0;
  try {
    // Exactly as many licences as devices that need one: a licence consumed twice leaves someone on 402.
    const plan = Array.from({ length: rounds }, (_, i) => {
      const r = rng.fork(`round-${i}`);
      return { r, bundled: Array.from({ length: DEVICES_PER_ROUND }, () => r.chance(0.15)) };
    });
    const needed = plan.reduce((n, p) => n + p.bundled.filter((b) => !b).length, 0);
    const admin0 = await login();
    const usedAtStart = (await client.licenses(admin0, DEMO_CUSTOMER)).chrome_enterprise_upgrade.used;
    await client.setLicenses(admin0, DEMO_CUSTOMER, usedAtStart + needed);

    for (const [round, { r, bundled }] of plan.entries()) {
      const devices: ChaosDevice[] = [];
      for (const [k, b] of bundled.entries())
        devices.push(await makeChromeDevice(client, dir, `r${round}-d${k}`, r, { bundled: b }));
      devicesTotal += devices.length;
      const killTwice = r.chance(0.3);
      // Even rounds kill once the stub has committed the k-th registration and its answer is on the
      // way back (it and the next ones are lost); odd rounds kill k-th registration request left.
      const onAnswer = round % 2 === 0;
      const triggerAt = r.int(1, DEVICES_PER_ROUND);
      const delayMs = onAnswer ? r.int(0, 20) : r.int(0, 250);
      await tally.run(
        `round ${round}: ${devices.length} devices, SIGKILL ${delayMs} ms after ${onAnswer ? 'the answer to' : ''} registration #${triggerAt}${onAnswer ? '' : ' left'}${killTwice ? ', twice' : ''}`,
        async (v) => {
          let sending = 0;
          let kill: () => void = () => undefined;
          const killed = new Promise<void>((resolve) => {
            kill = resolve;
          });
          const agents = await Promise.all(
            devices.map((d) =>
              startInProcessAgent({
                server: url,
                root: d.root,
                stateDir: d.stateDir,
                random: r.fork(d.id).random,
                onTransition: (state) => {
                  if (state === REGISTRATION_SENDING_STATE && !onAnswer) {
                    sending += 1;
                    if (sending === triggerAt) setTimeout(kill, delayMs);
                  }
                },
              }),
            ),
          );
          let answers = 0;
          // A registration the stub answered: the status line of a 200 to certificate_based_register.
          const stopWatching = relay.onReply((chunk, requestType) => {
            if (!onAnswer || requestType !== 'certificate_based_register') return;
            if (!chunk.toString('latin1', 0, 12).startsWith('HTTP/1.1 200')) return;
            answers += 1;
            if (answers === triggerAt) setTimeout(kill, delayMs);
          });
          // Kill (at the trigger, or after 5 s at the latest) and restart on the same file and port.
          const fallback = setTimeout(kill, 5_000);
          await killed;
          clearTimeout(fallback);
          stopWatching();
          for (let k = 0; k < (killTwice ? 2 : 1); k++) {
            const ended = await stub.kill('SIGKILL');
            relay.cutAll();
            v.check(
              ended.signal === 'SIGKILL',
              'crash',
              `the stub ended by ${ended.signal ?? ended.code}, not our SIGKILL`,
            );
            kills += 1;
            const t = Date.now();
            stub = await startStubProcess({ db: dbPath, port });
            restartMs = Math.max(restartMs, Date.now() - t);
            if (k === 0 && killTwice) await new Promise((resolve) => setTimeout(resolve, r.int(50, 400)));
          }
          const outcomes: Array<Outcome | null> = await Promise.all(
            agents.map((a) => settleWithin(a.handle, 150_000)),
          );
          for (const [k, outcome] of outcomes.entries()) {
            const d = devices[k] as ChaosDevice;
            const handle = agents[k]?.handle;
            if (handle && handle.history.filter((h) => h.state === REGISTRATION_SENDING_STATE).length > 1)
              interrupted += 1;
            v.check(
              outcome?.internalError === undefined,
              'crash',
              `${d.id}: internal error ${outcome?.internalError}`,
            );
            v.check(
              outcome?.outcome === 'managed' && outcome.managementDomain === DEMO_DOMAIN,
              'lost',
              `${d.id}: ${outcome ? `${outcome.outcome}:${outcome.reason}` : 'did not settle'}`,
            );
          }
          await Promise.all(agents.map((a) => a.handle.stop()));
          const admin = await login();
          const views = await deviceViews(client, admin);
          for (const d of devices) checkEnrolled(views, d, v);
          await checkLedger(client, admin, v);
          for (const p of databaseProblems(dbPath)) v.add(p.startsWith('half') ? 'lost' : 'wrong', p);
          landedAnswersLost += reregisteredDevices(
            dbPath,
            devices.map((d) => d.id),
          );
        },
      );
    }

    // A clean stop (SIGTERM) and a restart lose nothing.
    const final = new Verdict();
    const admin = await login();
    const before = JSON.stringify([
      await client.licenses(admin, DEMO_CUSTOMER),
      [...(await deviceViews(client, admin)).values()],
    ]);
    const stopped = await stub.kill('SIGTERM');
    final.check(stopped.code === 0, 'crash', `SIGTERM: the stub exited ${stopped.signal ?? stopped.code}`);
    stub = await startStubProcess({ db: dbPath, port });
    const admin2 = await login();
    const after = JSON.stringify([
      await client.licenses(admin2, DEMO_CUSTOMER),
      [...(await deviceViews(client, admin2)).values()],
    ]);
    final.check(before === after, 'lost', 'devices or licences changed across a clean restart');
    const ledger = await checkLedger(client, admin2, final);
    final.check(
      ledger.used === usedAtStart + needed,
      ledger.used > usedAtStart + needed ? 'double-consumed' : 'lost',
      `licences used ${ledger.used}, expected ${usedAtStart + needed}`,
    );
    tally.global('after a clean restart', final);
    Object.assign(tally.figures, {
      devices: devicesTotal,
      stubSigkills: kills,
      registrationsResent: interrupted,
      landedRegistrationsAnswerLost: landedAnswersLost,
      stubRestartMsMax: restartMs,
    });
    return tally.result();
  } finally {
    await relay.close();
    await stub.kill('SIGTERM').catch(() => undefined);
  }
}

export const stubKillCampaign: Campaign = {
  name: NAME,
  description:
    'SIGKILL the stub (file database) amid parallel registrations, restart it on the same file: all managed, used = licences held, nobody half-enrolled',
  run: runStubKillCampaign,
};
