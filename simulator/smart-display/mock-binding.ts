// A simulated SMART display behind `@serialport/binding-mock`, for fast tests and the fleet (no pty,
// no socat, no native code). The mock binding itself only loops back; this wraps its port so that
// whatever the host writes is fed to a DisplayResponder and the responder's bytes are pushed back
// with `emitData`.

import { createRequire } from 'node:module';
import type { SerialBinding } from '../../hal/backends/smart-rs232/index.ts';
import { createDisplayResponder, type DisplayResponder, type DisplayResponderOptions } from './responder.ts';

type MockModule = typeof import('@serialport/binding-mock', { with: { 'resolution-mode': 'require' }});
type MockPort = InstanceType<MockModule['MockPortBinding']>;
type PortBinding = Awaited<ReturnType<SerialBinding['open']>>;
type PortOpenOptions = Parameters<SerialBinding['open']>[0];

// The package's ESM entry ships no types; its CommonJS entry does.
const { MockBinding } = createRequire(import.meta.url)('@serialport/binding-mock') as MockModule;

export interface MockDisplayOptions extends DisplayResponderOptions {
  /** Port path the binding knows (default: a fresh `/dev/ttySMART-mock-<n>`). */
  path?: string;
}

export interface MockDisplayPort {
  readonly path: string;
  /** Pass to `openSmartDisplay({ path, binding })`. */
  readonly binding: SerialBinding;
  readonly responder: DisplayResponder;
  /**
   * Pulls the cable: reads and writes in flight fail with a non-cancellation error, so the serial
   * stream reports a disconnect; opening fails until `replug`.
   */
  unplug(): void;
  replug(): void;
}

let portCounter = 0;

class UnpluggedError extends Error {
  readonly code = 'ENXIO';
  constructor() {
    super('ENXIO: the simulated SMART display was unplugged');
  }
}

class ResponderPortBinding implements PortBinding {
  private readonly failReads = new Set<(error: Error) => void>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly inner: MockPort,
    private readonly responder: DisplayResponder,
    private readonly isUnplugged: () => boolean,
    private readonly onClosed: () => void,
  ) {
    this.unsubscribe = responder.onOutput((chunk) => {
      if (this.inner.isOpen && !this.isUnplugged()) this.inner.emitData(chunk);
    });
  }

  get openOptions(): PortBinding['openOptions'] {
    return this.inner.openOptions;
  }

  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  unplug(): void {
    for (const fail of [...this.failReads]) fail(new UnpluggedError());
  }

  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    if (this.isUnplugged()) return Promise.reject(new UnpluggedError());
    return new Promise((resolve, reject) => {
      this.failReads.add(reject);
      this.inner.read(buffer, offset, length).then(
        (result) => {
          this.failReads.delete(reject);
          resolve(result);
        },
        (error: unknown) => {
          this.failReads.delete(reject);
          reject(error);
        },
      );
    });
  }

  async write(buffer: Buffer): Promise<void> {
    if (this.isUnplugged()) throw new UnpluggedError();
    await this.inner.write(buffer);
    this.responder.feed(buffer);
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.onClosed();
    await this.inner.close();
  }

  update(options: Parameters<PortBinding['update']>[0]): Promise<void> {
    return this.inner.update(options);
  }

  set(options: Parameters<PortBinding['set']>[0]): Promise<void> {
    return this.inner.set(options);
  }

  get(): ReturnType<PortBinding['get']> {
    return this.inner.get();
  }

  getBaudRate(): Promise<{ baudRate: number }> {
    return this.inner.getBaudRate();
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  drain(): Promise<void> {
    return this.inner.drain();
  }
}

/** Creates a simulated display reachable through the returned binding at the returned path. */
export function createMockDisplayPort(options: MockDisplayOptions): MockDisplayPort {
  portCounter += 1;
  const path = options.path ?? `/dev/ttySMART-mock-${portCounter}`;
  MockBinding.createPort(path, { echo: false, record: false });
  const responder = createDisplayResponder(options);
  const open = new Set<ResponderPortBinding>();
  let unplugged = false;

  const binding: SerialBinding = {
    async list() {
      return (await MockBinding.list()).filter((info) => info.path === path);
    },
    async open(openOptions: PortOpenOptions) {
      if (unplugged || openOptions.path !== path) {
        throw new Error(`ENOENT: no such serial device ${openOptions.path}`);
      }
      const inner = await MockBinding.open(openOptions);
      const port: ResponderPortBinding = new ResponderPortBinding(
        inner,
        responder,
        () => unplugged,
        () => open.delete(port),
      );
      open.add(port);
      // The display finishes booting as the host connects: its garbage precedes the first prompt.
      process.nextTick(() => responder.powerOn());
      return port;
    },
  };

  return {
    path,
    binding,
    responder,
    unplug() {
      unplugged = true;
      for (const port of open) port.unplug();
    },
    replug() {
      unplugged = false;
    },
  };
}
