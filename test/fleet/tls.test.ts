// The fleet over HTTPS (issue 17): with `tls: true` every device that is not behind the fault proxy
// talks to the in-process stub's HTTPS side, trusting the fleet CA, and meets its expectation; the
// `mixed` scenario has some TLS devices without being asked.

import { describe, expect, it } from 'vitest';
import { parseFleetArgs, UsageError } from '../../simulator/fleet/args.ts';
import { runFleet } from '../../simulator/fleet/run.ts';

const overHttps = (log: readonly string[]) => log.some((line) => line.includes('over HTTPS'));

describe('fleet with TLS', () => {
  it('--tls is a run flag of the in-process stub; with --server it is a usage error', () => {
    expect(parseFleetArgs(['--tls'])).toMatchObject({ command: 'run', tls: true });
    expect(parseFleetArgs([])).toMatchObject({ command: 'run', tls: false });
    expect(() => parseFleetArgs(['--tls', '--server', 'https://127.0.0.1:8443'])).toThrow(UsageError);
  });

  it('all-models with tls: every device enrolls over HTTPS', async () => {
    const run = await runFleet({
      scenario: 'all-models',
      devices: 6,
      seed: 3,
      concurrency: 6,
      workers: 1,
      tls: true,
    });
    expect(run.summary).toMatchObject({ devices: 6, passed: 6, failed: 0 });
    const chrome = run.devices.filter((d) => d.plan.hardware.kind === 'chrome');
    expect(chrome.length).toBeGreaterThan(0);
    for (const d of run.devices) expect(overHttps(d.result.log), d.plan.id).toBe(true);
  }, 60_000);

  it('mixed: some devices over HTTPS, some over HTTP, all as expected', async () => {
    const run = await runFleet({ scenario: 'mixed', devices: 12, seed: 1, concurrency: 6, workers: 1 });
    expect(run.summary).toMatchObject({ passed: 12, failed: 0 });
    const tls = run.devices.filter((d) => overHttps(d.result.log));
    expect(tls.length).toBeGreaterThan(0);
    expect(tls.length).toBeLessThan(12);
  }, 60_000);
});
