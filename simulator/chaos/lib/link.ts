// A network link that goes up and down: a TCP relay in front of the server that refuses new
// connections and cuts open ones while the link is down, and the device's NetworkSource showing its
// physical interfaces `down` at the same moments. Together they are what a flapping cable or Wi-Fi
// looks like from the agent.

import { connect, createServer, type Server, type Socket } from 'node:net';
import type { NetworkInterfaceInfo, NetworkSource } from '../../../hal/interface.ts';

export class FlakyLink {
  private up = true;
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  /** Connections refused or cut while down, and link transitions. */
  refused = 0;
  cut = 0;
  transitions = 0;
  private readonly listeners = new Set<(up: boolean) => void>();
  private readonly replyListeners = new Set<(chunk: Buffer, requestType: string | null) => void>();

  /**
   * `replyDelayMs`: the server's bytes reach the device this much later (a slow path back). When the
   * server's side closes first, whatever is still held back is lost: an answer the server committed
   * and sent, that the device never gets.
   */
  constructor(
    private readonly upstream: URL,
    private readonly replyDelayMs = 0,
  ) {}

  get isUp(): boolean {
    return this.up;
  }

  /** Starts the relay; resolves to the URL the agent should use instead of the upstream's. */
  async listen(): Promise<string> {
    const server = createServer((client) => {
      if (!this.up) {
        this.refused += 1;
        client.destroy();
        return;
      }
      const upstream = connect(Number(this.upstream.port), this.upstream.hostname);
      this.sockets.add(client);
      this.sockets.add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop);
      upstream.on('error', drop);
      client.on('close', drop);
      // With a slow path back, what the server sent before closing is still on its way.
      upstream.on('close', () => {
        if (this.replyDelayMs <= 0) drop();
        else setTimeout(drop, this.replyDelayMs + 5);
      });
      // The DM request type of the exchange in flight on this connection (requests on one
      // connection are sequential), so reply listeners know what an answer answers.
      let requestType: string | null = null;
      client.on('data', (chunk: Buffer) => {
        const type = /[?&]request=([a-z_]+)/.exec(chunk.toString('latin1'))?.[1];
        if (type !== undefined) requestType = type;
      });
      client.pipe(upstream);
      if (this.replyDelayMs <= 0) upstream.pipe(client);
      else {
        upstream.on('data', (chunk: Buffer) => {
          for (const l of this.replyListeners) l(chunk, requestType);
          setTimeout(() => {
            if (!client.destroyed) client.write(chunk);
          }, this.replyDelayMs);
        });
        upstream.on('end', () => {
          setTimeout(() => {
            if (!client.destroyed) client.end();
          }, this.replyDelayMs);
        });
      }
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('relay has no address');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Cuts every open connection now (what the server was still sending is lost); the link stays up. */
  cutAll(): void {
    for (const s of this.sockets) {
      this.cut += 1;
      s.destroy();
    }
    this.sockets.clear();
  }

  set(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    this.transitions += 1;
    if (!up) this.cutAll();
    for (const l of this.listeners) l(up);
  }

  onChange(listener: (up: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Sees the server's bytes as they enter the slow way back (only with `replyDelayMs`), with the DM
   * request type they answer when the request named one.
   */
  onReply(listener: (chunk: Buffer, requestType: string | null) => void): () => void {
    this.replyListeners.add(listener);
    return () => this.replyListeners.delete(listener);
  }

  /** The device's interfaces as `base` reads them, physical ones `down` while the link is down. */
  network(base: NetworkSource): NetworkSource {
    return {
      name: `${base.name}+flaky-link`,
      listInterfaces: async (): Promise<NetworkInterfaceInfo[]> => {
        const interfaces = await base.listInterfaces();
        return interfaces.map((i) => (i.virtual ? i : { ...i, operstate: this.up ? 'up' : 'down' }));
      },
    };
  }

  async close(): Promise<void> {
    this.set(false);
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Alternating down/up periods (ms) for `windowMs`, starting down; the link is up after the last. */
export function flapSchedule(random: () => number, windowMs: number, minMs = 20, maxMs = 400): number[] {
  const periods: number[] = [];
  let total = 0;
  while (total < windowMs) {
    const d = Math.round(minMs + random() * (maxMs - minMs));
    periods.push(d);
    total += d;
  }
  if (periods.length % 2 === 0) periods.pop(); // end on a down period, so the last change is "up"
  return periods;
}
