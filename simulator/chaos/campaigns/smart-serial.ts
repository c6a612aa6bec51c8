// Device-side, SMART Board displays: the RS-232 control port vanishes mid-conversation (the mock's
// unplug, and a real pty whose far end dies), answers garbage (at power-on, or instead of a reply),
// or stays silent (soft-off, from the start or after a few commands). The agent must never crash and
// must end on a screen that says why: the manual screen with `missing-serial` (check the cable, the
// display is in soft-off) when the serial could not be read; managed when the noise was harmless.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Outcome } from '../../../agent/runtime/outcome.ts';
import type { SmartQuery } from '../../../hal/interface.ts';
import { createMockDisplayPort } from '../../smart-display/mock-binding.ts';
import { startPtyDisplay } from '../../smart-display/pty.ts';
import { bootInProcess } from '../lib/agent-inprocess.ts';
import { createRng, type Rng } from '../lib/rng.ts';
import {
  DEMO_INVOICE_DISPLAYS,
  displayResponder,
  materializeDisplayComputer,
  smartDomainWithDemoInvoice,
} from '../lib/smart.ts';
import { startInProcessStub } from '../lib/stub.ts';
import { pool, Tally, type Verdict } from '../lib/tally.ts';
import type { Campaign, CampaignOptions, CampaignResult } from '../types.ts';

const NAME = 'smart-serial-port';

export const SMART_FAULTS = [
  'unplug-mid-conversation',
  'power-on-garbage',
  'garbled-reply',
  'soft-off',
  'silent-mid-conversation',
  'pty-hangup',
] as const;
export type SmartFault = (typeof SMART_FAULTS)[number];

const QUERIES: readonly SmartQuery[] = ['serialnum', 'modelnum', 'fwversion', 'partnum', 'powerstate'];

function garbage(rng: Rng, length: number, withPrompt: boolean): Buffer {
  // Noise, but never a CR/LF-terminated `…=…` line nor (unless asked) a prompt.
  const bytes = Array.from({ length }, () => {
    const b = rng.int(0, 255);
    return b === 0x3e && !withPrompt ? 0x3f : b;
  });
  return Buffer.from(bytes);
}

interface Expectation {
  /** `managed`, or the manual screen with this reason. */
  screen: 'managed' | 'missing-serial';
}

export async function runSmartSerialCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const tally = new Tally(NAME, options.log);
  const rng = createRng(options.seed, NAME);
  const dir = join(options.workDir, NAME);
  await mkdir(dir, { recursive: true });
  const stub = await startInProcessStub();
  const figures = { disconnected: 0, managed: 0, manual: 0 };
  try {
    const domain = await smartDomainWithDemoInvoice(stub.url);
    const n = Math.max(SMART_FAULTS.length * 2, Math.ceil(options.runs / 10));
    await pool(
      Array.from({ length: n }, (_, i) => i),
      4,
      async (i) => {
        const r = rng.fork(`run-${i}`);
        const fault = SMART_FAULTS[i % SMART_FAULTS.length] as SmartFault;
        const serial = r.pick(DEMO_INVOICE_DISPLAYS);
        const root = join(dir, `s${i}`);
        await materializeDisplayComputer(root, serial);
        const stateDir = join(root, 'state');
        await tally.run(`${serial} ${fault}`, async (v) => {
          let outcome: Outcome | null;
          let expectation: Expectation;
          let reasonText = '';
          if (fault === 'pty-hangup') {
            // A real serial device (pty pair by socat) whose far end disappears after a few commands.
            const after = r.int(1, 4);
            const display = await startPtyDisplay(displayResponder(serial));
            let seen = 0;
            display.responder.onCommand(() => {
              seen += 1;
              if (seen === after) void display.unplug();
            });
            try {
              const booted = await bootInProcess(
                { server: stub.url, root, stateDir, smartSerial: display.devicePath },
                60_000,
              );
              outcome = booted.outcome;
              reasonText = booted.handle.actor.getSnapshot().context.identity?.reasons[0]?.message ?? '';
            } finally {
              await display.close();
            }
            expectation = { screen: 'missing-serial' };
          } else {
            const setup = mockFault(fault, r);
            const { extra, unplugAt, silentAt } = setup;
            expectation = setup.expectation;
            const port = createMockDisplayPort(displayResponder(serial, extra));
            let seen = 0;
            port.responder.onCommand(() => {
              seen += 1;
              if (seen === unplugAt) port.unplug();
              if (seen === silentAt) port.responder.setSoftOff(true);
            });
            const booted = await bootInProcess(
              { server: stub.url, root, stateDir, smartSerial: port.path, smartBinding: port.binding },
              60_000,
            );
            outcome = booted.outcome;
            reasonText = booted.handle.actor.getSnapshot().context.identity?.reasons[0]?.message ?? '';
          }
          if (reasonText.includes('disconnected')) figures.disconnected += 1;
          judge(v, outcome, expectation, domain, reasonText);
          if (outcome?.outcome === 'managed') figures.managed += 1;
          if (outcome?.outcome === 'manual') figures.manual += 1;
        });
      },
    );
    Object.assign(tally.figures, figures);
    return tally.result();
  } finally {
    await stub.close();
  }
}

type MockFault = Exclude<SmartFault, 'pty-hangup'>;

/** What the simulated display does for `fault`, and the screen the agent must end on. */
function mockFault(
  fault: MockFault,
  r: Rng,
): {
  extra: Parameters<typeof displayResponder>[1];
  unplugAt: number | null;
  silentAt: number | null;
  expectation: Expectation;
} {
  const none = { extra: {}, unplugAt: null, silentAt: null };
  switch (fault) {
    case 'unplug-mid-conversation':
      // 1: the opening CR; 2–6: the five `get`s.
      return { ...none, unplugAt: r.int(1, 6), expectation: { screen: 'missing-serial' } };
    case 'silent-mid-conversation':
      return { ...none, silentAt: r.int(1, 5), expectation: { screen: 'missing-serial' } };
    case 'power-on-garbage':
      return {
        ...none,
        extra: { powerOnGarbage: garbage(r, r.int(1, 2048), r.chance(0.5)) },
        expectation: { screen: 'managed' },
      };
    case 'garbled-reply': {
      const field = r.pick(QUERIES);
      const noise = garbage(r, r.int(1, 80), false)
        .toString('latin1')
        .replace(/[\r\n=]/g, '~');
      // The serial and model decide the identity; the other fields are informative.
      return {
        ...none,
        extra: { replyOverrides: { [field]: noise } },
        expectation: { screen: field === 'serialnum' || field === 'modelnum' ? 'missing-serial' : 'managed' },
      };
    }
    case 'soft-off':
      return { ...none, extra: { softOff: true }, expectation: { screen: 'missing-serial' } };
  }
}

function judge(
  v: Verdict,
  outcome: Outcome | null,
  expected: Expectation,
  domain: string,
  reasonText: string,
): void {
  if (!v.check(outcome !== null, 'lost', 'did not settle')) return;
  v.check(outcome?.internalError === undefined, 'crash', `internal error ${outcome?.internalError}`);
  if (expected.screen === 'managed') {
    v.check(
      outcome?.outcome === 'managed' && outcome.managementDomain === domain,
      'lost',
      `${outcome?.outcome}:${outcome?.reason} (${reasonText}), expected managed in ${domain}`,
    );
  } else {
    v.check(
      outcome?.outcome === 'manual' && outcome.reason === 'missing-serial',
      'wrong',
      `${outcome?.outcome}:${outcome?.reason}, expected the manual screen with missing-serial`,
    );
    v.check(
      /RS-232 \(\w[\w-]*:/.test(reasonText),
      'wrong',
      `the reason does not say what failed: ${reasonText}`,
    );
  }
}

export const smartSerialCampaign: Campaign = {
  name: NAME,
  description:
    'SMART RS-232 port unplugged or hung up mid-conversation, garbage, soft-off: never a crash; manual missing-serial when the serial is unreadable, managed otherwise',
  run: runSmartSerialCampaign,
};
