// The fleet's worker pool: a few worker_threads, each booting many devices at once. The main thread
// (which also serves the in-process stub) only hands out plans and collects results.

import { Worker } from 'node:worker_threads';
import type { DevicePlan } from '../scenarios/types.ts';
import type { BootEnv, DeviceResult } from './types.ts';

export type ToWorker = { type: 'init'; env: BootEnv } | { type: 'boot'; plan: DevicePlan };
export type ToMain =
  | { type: 'result'; result: DeviceResult }
  | { type: 'first-error'; index: number; status: number | string }
  | { type: 'crash'; index: number; message: string };

interface Slot {
  worker: Worker;
  inFlight: number;
  /** Set once the worker died: its devices failed, it gets no more. */
  dead: Error | null;
}

export class WorkerPool {
  readonly size: number;
  private readonly slots: Slot[];
  private readonly pending = new Map<
    number,
    { resolve: (r: DeviceResult) => void; reject: (e: Error) => void; slot: Slot }
  >();
  private firstErrorListener: (index: number, status: number | string) => void = () => undefined;

  /** `execArgv`: the workers' Node options (`--cpu-prof` when the fleet is profiled); none by default. */
  constructor(size: number, env: BootEnv, execArgv: string[] = []) {
    this.size = Math.max(1, size);
    this.slots = Array.from({ length: this.size }, () => {
      const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { execArgv });
      const slot: Slot = { worker, inFlight: 0, dead: null };
      worker.on('message', (message: ToMain) => this.onMessage(slot, message));
      worker.on('error', (error) => this.failAll(slot, error));
      worker.on('exit', (code) => this.failAll(slot, new Error(`worker thread exited (${code})`)));
      worker.postMessage({ type: 'init', env } satisfies ToWorker);
      return slot;
    });
  }

  onFirstError(listener: (index: number, status: number | string) => void): void {
    this.firstErrorListener = listener;
  }

  /** Boots one device on the least busy worker. */
  boot(plan: DevicePlan): Promise<DeviceResult> {
    const live = this.slots.filter((s) => s.dead === null);
    const slot = live.reduce<Slot | null>(
      (best, s) => (best === null || s.inFlight < best.inFlight ? s : best),
      null,
    );
    if (slot === null)
      return Promise.reject(new Error(`every worker thread died (${this.slots[0]?.dead?.message ?? ''})`));
    slot.inFlight += 1;
    return new Promise((resolve, reject) => {
      this.pending.set(plan.index, { resolve, reject, slot });
      slot.worker.postMessage({ type: 'boot', plan } satisfies ToWorker);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private closing = false;

  private settle(
    index: number,
  ): { resolve: (r: DeviceResult) => void; reject: (e: Error) => void } | undefined {
    const entry = this.pending.get(index);
    if (entry === undefined) return undefined;
    this.pending.delete(index);
    entry.slot.inFlight -= 1;
    return entry;
  }

  private onMessage(_slot: Slot, message: ToMain): void {
    switch (message.type) {
      case 'result':
        this.settle(message.result.index)?.resolve(message.result);
        break;
      case 'first-error':
        this.firstErrorListener(message.index, message.status);
        break;
      case 'crash':
        this.settle(message.index)?.reject(
          new Error(`worker crashed on device ${message.index}: ${message.message}`),
        );
        break;
    }
  }

  private failAll(slot: Slot, error: Error): void {
    if (this.closing) return;
    slot.dead ??= error;
    for (const [index, entry] of [...this.pending]) {
      if (entry.slot === slot) this.settle(index)?.reject(error);
    }
  }
}
