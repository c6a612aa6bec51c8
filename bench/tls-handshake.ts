// The TLS handshake's share of a boot (issue 17): the same in-process boot as `decision.ts`, over
// HTTPS against the stub's HTTPS side (a CA and certificate minted for the run), each device with its
// own trust (system store + the CA). The trust reports each verified connection's TCP connect + TLS
// handshake time; the share is their sum over the boot's wall time, per boot, median. A figure only:
// never asserted anywhere.

import { createServerTrust } from '../agent/dm-client/index.ts';
import { startAgent } from '../agent/runtime/agent.ts';
import { createDeviceDeps } from '../agent/runtime/create-deps.ts';
import { createTlsCa, issueServerCertificate } from '../server-stub/tls/mint.ts';
import { type BenchStub, preprovisionedDevices } from './fixtures.ts';
import { percentile } from './stats.ts';

export interface TlsHandshakeFigures {
  /** Median over boots of (connect + handshake time of the boot) / (boot wall time). */
  shareOfBoot: number;
  /** Median connect + handshake time per boot, all its connections together. */
  msPerBoot: number;
  /** Verified TLS connections a boot opens (keep-alive reuses them). */
  handshakesPerBoot: number;
  /** The boot over HTTPS, start to managed (compare with decisionMs over HTTP). */
  decisionMs: { p50: number };
}

export async function measureTlsHandshake(bench: BenchStub, runs: number): Promise<TlsHandshakeFigures> {
  const ca = await createTlsCa('bench TLS CA');
  const certificate = await issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'] });
  const url = await bench.stub.listenTls({ cert: certificate.chainPem, key: certificate.keyPem });
  const devices = await preprovisionedDevices(bench, runs + 3, 17);
  const shares: number[] = [];
  const perBoot: number[] = [];
  const counts: number[] = [];
  const times: number[] = [];
  for (const [i, device] of devices.entries()) {
    const handshakes: number[] = [];
    const trust = await createServerTrust({
      extraCaPem: [ca.certPem],
      onHandshake: (e) => handshakes.push(e.ms),
    });
    const started = performance.now();
    const agent = await startAgent(
      createDeviceDeps({ server: url, root: device.root, stateDir: device.stateDir, trust }),
    );
    const outcome = await agent.settled;
    const elapsed = performance.now() - started;
    await agent.stop();
    trust.destroy();
    if (outcome.outcome !== 'managed') throw new Error(`bench TLS device did not enroll: ${outcome.reason}`);
    if (i < 3) continue; // warm-up
    const total = handshakes.reduce((a, b) => a + b, 0);
    shares.push(total / elapsed);
    perBoot.push(total);
    counts.push(handshakes.length);
    times.push(elapsed);
  }
  return {
    shareOfBoot: percentile(shares, 50),
    msPerBoot: percentile(perBoot, 50),
    handshakesPerBoot: counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length),
    decisionMs: { p50: percentile(times, 50) },
  };
}
