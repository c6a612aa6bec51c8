// A man in the middle between the device and its enrollment server (issue 17). The stub serves HTTPS
// with its own CA, which the device trusts (as a factory provisions it); the device's route to the
// server goes through a front we control. In attack mode the front hands the connection to one of:
//  - own-ca:        a TLS server with a certificate for 127.0.0.1 from the attacker's own CA;
//  - copied-chain:  a copy of the stub's certificate chain, re-signed with the attacker's key (it has
//                   no key for the real one: presenting a copy is all it can do);
//  - wrong-name:    a genuine certificate from the device's own CA, but for another host name;
//  - misissued:     a certificate from the device's CA for the right name and another key, against a
//                   device that pins the real server's key (`--server-pin`);
//  - downgrade:     plain HTTP where the device expects TLS (an HTTP proxy relaying to the stub).
// Every attacker relays what it would receive to the real stub, so a device that trusted it would
// really enroll through it. Must hold: the device ends on the error screen with the code of the
// attack, never MANAGED through it, and the attacker never receives an HTTP request (no decrypted
// byte; no request on the downgrade). Then, in half the runs, the attacker goes away (the front
// passes the connection through to the real server, as when a captive portal is signed in): the
// agent, still on the error screen, retries behind it and ends managed, with one licence.

import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import {
  createServerTrust,
  type ServerTrust,
  spkiPinOfCertificate,
  type TlsErrorCode,
} from '../../../agent/dm-client/index.ts';
import {
  createTlsCa,
  forgeCopy,
  issueServerCertificate,
  type TlsCa,
  type TlsServerCertificate,
} from '../../../server-stub/tls/mint.ts';
import { settledManaged, settleWithin, startInProcessAgent, waitForState } from '../lib/agent-inprocess.ts';
import {
  type ChaosDevice,
  checkEnrolled,
  checkNotEnrolled,
  deviceViews,
  finishWithLedger,
  makeChromeDevice,
} from '../lib/devices.ts';
import { createRng } from '../lib/rng.ts';
import { ScaledClock } from '../lib/scaled-clock.ts';
import { DEMO_CUSTOMER, type StubHandle, startInProcessStub } from '../lib/stub.ts';
import { Tally } from '../lib/tally.ts';
import type { Campaign, CampaignOptions, CampaignResult } from '../types.ts';

const NAME = 'tls-mitm';
const ATTACKS = ['own-ca', 'copied-chain', 'wrong-name', 'misissued', 'downgrade'] as const;
type Attack = (typeof ATTACKS)[number];

const EXPECTED: Readonly<Record<Attack, TlsErrorCode>> = {
  'own-ca': 'tls-untrusted-issuer',
  'copied-chain': 'tls-untrusted-issuer',
  'wrong-name': 'tls-wrong-host',
  misissued: 'tls-pin-mismatch',
  downgrade: 'tls-handshake-failed',
};

interface Pki {
  serverCa: TlsCa;
  server: TlsServerCertificate;
  attacker: Record<Exclude<Attack, 'downgrade'>, TlsServerCertificate>;
}

async function makePki(): Promise<Pki> {
  const hosts = ['127.0.0.1', 'localhost'];
  const serverCa = await createTlsCa('enrollment server CA');
  const server = await issueServerCertificate(serverCa, { hosts });
  const attackerCa = await createTlsCa('attacker CA');
  return {
    serverCa,
    server,
    attacker: {
      'own-ca': await issueServerCertificate(attackerCa, { hosts }),
      'copied-chain': await forgeCopy(server.chainPem),
      'wrong-name': await issueServerCertificate(serverCa, { hosts: ['attacker.example'] }),
      misissued: await issueServerCertificate(serverCa, { hosts }),
    },
  };
}

/** What the attackers received from devices: decrypted bytes, HTTP requests. */
interface Seen {
  decryptedBytes: number;
  httpRequests: number;
  connections: number;
}

/**
 * The front: every connection goes to the current attacker, or straight through to the real server.
 * Attackers terminate TLS (or speak plain HTTP) and relay whatever they get to the real stub.
 */
class Front {
  mode: Attack | 'pass-through' = 'pass-through';
  readonly seen: Seen = { decryptedBytes: 0, httpRequests: 0, connections: 0 };
  private readonly server = net.createServer((socket) => this.route(socket));
  private readonly tlsAttackers = new Map<Attack, tls.Server>();
  private readonly downgrade: http.Server;
  private readonly sockets = new Set<net.Socket>();
  url = '';

  constructor(
    pki: Pki,
    private readonly stubTls: { host: string; port: number },
    private readonly stubHttp: string,
  ) {
    for (const attack of ATTACKS) {
      if (attack === 'downgrade') continue;
      const cert = pki.attacker[attack];
      const server = tls.createServer({ key: cert.keyPem, cert: cert.chainPem }, (clear) => {
        this.sockets.add(clear);
        // A real MITM: relay the decrypted stream to the real server (it trusts the server's CA).
        const upstream = tls.connect({ ...this.stubTls, ca: [pki.serverCa.certPem] });
        clear.on('data', (c: Buffer) => {
          this.seen.decryptedBytes += c.length;
        });
        clear.pipe(upstream).pipe(clear);
        const end = () => {
          clear.destroy();
          upstream.destroy();
        };
        clear.on('error', end);
        upstream.on('error', end);
      });
      server.on('tlsClientError', () => undefined);
      this.tlsAttackers.set(attack, server);
    }
    // The downgrade: plain HTTP on the TLS port, relaying any request to the stub's HTTP side.
    this.downgrade = http.createServer((req, res) => {
      this.seen.httpRequests++;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void fetch(`${this.stubHttp}${req.url ?? '/'}`, {
          method: req.method ?? 'GET',
          headers: { 'content-type': String(req.headers['content-type'] ?? 'application/octet-stream') },
          ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
        })
          .then(async (answer) => {
            res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
            res.end(Buffer.from(await answer.arrayBuffer()));
          })
          .catch(() => res.destroy());
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as net.AddressInfo;
    this.url = `https://127.0.0.1:${port}`;
  }

  private route(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => this.sockets.delete(socket));
    this.seen.connections++;
    const mode = this.mode;
    if (mode === 'pass-through') {
      const upstream = net.connect(this.stubTls.port, this.stubTls.host);
      upstream.on('error', () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
      return;
    }
    if (mode === 'downgrade') {
      this.downgrade.emit('connection', socket);
      return;
    }
    this.tlsAttackers.get(mode)?.emit('connection', socket);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function used(stub: StubHandle): Promise<number> {
  return (await stub.client.licenses(stub.admin, DEMO_CUSTOMER)).chrome_enterprise_upgrade.used;
}

export async function runTlsMitmCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const tally = new Tally(NAME, options.log);
  const rng = createRng(options.seed, NAME);
  const dir = join(options.workDir, NAME);
  await mkdir(dir, { recursive: true });
  const pki = await makePki();
  const stub = await startInProcessStub();
  const tlsUrl = new URL(await stub.stub.listenTls({ cert: pki.server.chainPem, key: pki.server.keyPem }));
  const front = new Front(pki, { host: tlsUrl.hostname, port: Number(tlsUrl.port) }, stub.url);
  await front.listen();
  const devices: ChaosDevice[] = [];
  const usedAtStart = await used(stub);
  let recovered = 0;
  try {
    const n = Math.max(ATTACKS.length * 2, Math.ceil(options.runs / 20));
    for (let i = 0; i < n; i++) {
      const r = rng.fork(`run-${i}`);
      const attack = ATTACKS[i % ATTACKS.length] as Attack;
      const recovers = Math.floor(i / ATTACKS.length) % 2 === 0;
      const device = await makeChromeDevice(stub.client, dir, `m${i}`, r, { bundled: r.chance(0.15) });
      devices.push(device);
      await tally.run(
        `${device.id} through ${attack}${recovers ? ', then the attacker leaves' : ''}`,
        async (v) => {
          const before = { ...front.seen };
          front.mode = attack;
          // The device trusts the server's CA; the misissued attack meets a device that pins the server key.
          const trust: ServerTrust = await createServerTrust({
            extraCaPem: [pki.serverCa.certPem],
            ...(attack === 'misissued' ? { pins: [spkiPinOfCertificate(pki.server.certPem)] } : {}),
          });
          // Machine delays ×0.1: the backoff behind the error screen takes ~0.1–0.4 s, the 90 s safeguard 9 s
          // (room for a loaded machine).
          const clock = new ScaledClock(0.1);
          const { handle } = await startInProcessAgent({
            server: front.url,
            root: device.root,
            stateDir: device.stateDir,
            clock,
            random: r.random,
            trust,
          });
          try {
            const first = await settleWithin(handle, 30_000);
            v.check(first?.internalError === undefined, 'crash', `internal error ${first?.internalError}`);
            v.check(
              first?.outcome === 'error' && first.reason === EXPECTED[attack],
              'wrong',
              `through ${attack} it ended ${first?.outcome}:${first?.reason}, not error:${EXPECTED[attack]}`,
            );
            const certificate = handle.actor.getSnapshot().context.lastError?.certificate;
            if (attack !== 'downgrade')
              v.check(
                certificate !== undefined,
                'wrong',
                'the error does not show the certificate presented',
              );
            v.check(
              front.seen.decryptedBytes === before.decryptedBytes &&
                front.seen.httpRequests === before.httpRequests,
              'wrong',
              `the attacker received ${front.seen.decryptedBytes - before.decryptedBytes} decrypted bytes and ${front.seen.httpRequests - before.httpRequests} HTTP requests`,
            );
            v.check(
              front.seen.connections > before.connections,
              'wrong',
              'the device never met the attacker',
            );
            checkNotEnrolled(await deviceViews(stub.client, stub.admin), device.id, v, 'PRE_PROVISIONED');
            if (recovers) {
              // The attacker leaves (the portal is signed in): the agent retries behind the error screen.
              front.mode = 'pass-through';
              const managed = await waitForState(handle, settledManaged, 30_000);
              v.check(
                managed,
                'lost',
                `did not recover once the attacker left: ${handle.history.map((h) => h.state).join(' → ')}`,
              );
              if (managed) {
                recovered++;
                checkEnrolled(await deviceViews(stub.client, stub.admin), device, v);
              }
            }
          } finally {
            front.mode = 'pass-through';
            await handle.stop();
            trust.destroy();
            clock.dispose();
          }
          v.check(
            front.seen.decryptedBytes === before.decryptedBytes &&
              front.seen.httpRequests === before.httpRequests,
            'wrong',
            'the attacker received a request after all',
          );
        },
      );
    }
    tally.figures.attacks = ATTACKS.length;
    tally.figures.attackerConnections = front.seen.connections;
    tally.figures.attackerHttpRequests = front.seen.httpRequests;
    tally.figures.attackerDecryptedBytes = front.seen.decryptedBytes;
    tally.figures.recoveredAfterAttack = recovered;
    return await finishWithLedger(tally, stub, { usedAtStart, devices });
  } finally {
    await front.close();
    await stub.close();
  }
}

export const tlsMitmCampaign: Campaign = {
  name: NAME,
  description:
    'a TLS man in the middle (own CA, a copied chain without its key, a wrong name, a misissued certificate against a pin, a plain-HTTP downgrade): never managed through it, no request reaches it, managed once it leaves',
  run: runTlsMitmCampaign,
};
