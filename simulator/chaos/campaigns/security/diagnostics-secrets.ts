// Security check of the diagnostics bundle: exported from a device enrolled by zero-touch, credentials
// or an enrollment token, it never holds the DM token, a password, an admin or enrollment token, an
// Authorization header or the attestation private key.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDiagnosticsService } from '../../../../agent/diagnostics/index.ts';
import { view } from '../../../../agent/machine/view.ts';
import { STATE_FILE_NAME } from '../../../../agent/persistence/index.ts';
import { ATTESTATION_KEY_PATH } from '../../../../hal/backends/attestation-file/index.ts';
import { settledManaged, startInProcessAgent, waitForSnapshot } from '../../lib/agent-inprocess.ts';
import { makeChromeDevice } from '../../lib/devices.ts';
import { DEMO_ADMIN } from '../../lib/stub.ts';
import type { Verdict } from '../../lib/tally.ts';
import type { Ctx } from './context.ts';

type ManualWay = 'zero-touch' | 'credentials' | 'enrollment-token';

export async function diagnosticsBundle(ctx: Ctx, i: number, way: ManualWay, v: Verdict): Promise<void> {
  const device = await makeChromeDevice(
    ctx.stub.client,
    ctx.dir,
    `diag-${way}-${i}`,
    ctx.rng.fork(`diag-${way}-${i}`),
    {
      preprovision: way === 'zero-touch',
      withKey: true,
    },
  );
  const { handle, deps } = await startInProcessAgent({
    server: ctx.stub.url,
    root: device.root,
    stateDir: device.stateDir,
  });
  let managed = false;
  try {
    const first = await handle.settled;
    if (way === 'credentials')
      handle.actor.send({ type: 'MANUAL_ENROLL', request: { method: 'credentials', ...DEMO_ADMIN } });
    if (way === 'enrollment-token')
      handle.actor.send({
        type: 'MANUAL_ENROLL',
        request: { method: 'enrollment-token', token: 'ent-demo-0001' },
      });
    managed = await waitForSnapshot(
      handle,
      (s) => s.context.enrollment !== null && settledManaged(view(s)),
      30_000,
    );
    v.check(managed, 'lost', `${way}: not managed (${first.outcome}:${first.reason})`);
  } finally {
    // Every state write done: the bundle then holds the managed record (and its DM token) to redact.
    await handle.stop();
  }
  if (!managed) return;
  const stateText = await readFile(join(device.stateDir, STATE_FILE_NAME), 'utf8');
  const dmToken = (JSON.parse(stateText) as { managed?: { dmToken?: string } }).managed?.dmToken ?? '';
  v.check(
    dmToken.length > 8 && dmToken === handle.actor.getSnapshot().context.enrollment?.dmToken,
    'wrong',
    'the state file holds no DM token to look for',
  );
  const service = createDiagnosticsService(handle, deps, { agentVersion: 'chaos' });
  const exported = await service.exportBundle(device.stateDir);
  const text = await readFile(exported.path, 'utf8');
  v.check(
    text.includes('"stateFile"') && text.includes(device.id),
    'wrong',
    `${way}: the bundle lacks the state file or the identity`,
  );
  JSON.parse(text);
  const keyPem = await readFile(join(device.root, ATTESTATION_KEY_PATH), 'utf8');
  const keyBody = keyPem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
  const forbidden: Array<[string, string]> = [
    ['the DM token', dmToken],
    ['a PEM private key', 'PRIVATE KEY'],
    ['the admin password', DEMO_ADMIN.password],
    ['the enrollment token', 'ent-demo-0001'],
    ['an Authorization header', 'GoogleLogin auth='],
    ...keyBody.map((l): [string, string] => ['the attestation key', l]),
  ];
  for (const [what, secret] of forbidden)
    v.check(secret !== '' && !text.includes(secret), 'wrong', `${way}: the diagnostics bundle holds ${what}`);
  v.check(!exported.summary.includes(dmToken), 'wrong', `${way}: the QR summary leaks the DM token`);
}
