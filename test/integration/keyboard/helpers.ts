// A real `agent run` child process on a simulated device, and ways to wait on what it shows: its log
// lines, its terminal output, the web UI's pushed screen model. Waits are on events, never on time.

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { CATALOG } from '../../../agent/catalog/index.ts';
import { buildSimulatedChromeDevice } from '../../../simulator/devices/chrome.ts';
import { createStubClient } from '../../../simulator/devices/stub-client.ts';
import { chromeDeviceProfile } from '../../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../../simulator/profiles/random.ts';

/** A listed Chromebook, not pre-provisioned: the agent settles on the manual enrollment screen. */
export async function buildDevice(root: string, stubUrl: string, seed = 5) {
  const row = CATALOG.find((e) => e.name === 'Chromebook Acer 311 (C722/C722T)');
  if (!row) throw new Error('catalog row missing');
  return buildSimulatedChromeDevice(
    root,
    chromeDeviceProfile(row, seededRandom(seed)),
    createStubClient(stubUrl),
  );
}

/** Text that grows (a stream's output) and a way to wait until it matches. */
export class Watched {
  text = '';
  readonly #waiters = new Set<() => void>();

  append(chunk: string): void {
    this.text += chunk;
    for (const waiter of [...this.#waiters]) waiter();
  }

  /** Resolves with the end offset of the first match of `pattern` at or after `from`. */
  until(pattern: string | RegExp, from = 0): Promise<{ end: number; match: RegExpExecArray | null }> {
    return new Promise((resolve) => {
      const check = () => {
        const rest = this.text.slice(from);
        if (typeof pattern === 'string') {
          const at = rest.indexOf(pattern);
          if (at < 0) return;
          this.#waiters.delete(check);
          resolve({ end: from + at + pattern.length, match: null });
          return;
        }
        const match = pattern.exec(rest);
        if (!match) return;
        this.#waiters.delete(check);
        resolve({ end: from + match.index + match[0].length, match });
      };
      this.#waiters.add(check);
      check();
    });
  }
}

export interface AgentChild {
  child: ChildProcessWithoutNullStreams;
  stdout: Watched;
  stderr: Watched;
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * `agent run …` through tsx, as `npm run agent` runs it, or the built device bundle's `main.js` when
 * `bundle` is given; stdin stays a pipe the test may write to.
 */
export function spawnAgent(args: readonly string[], options: { bundle?: string } = {}): AgentChild {
  const entry = options.bundle ? [options.bundle] : ['--import', 'tsx', 'agent/cli/main.ts'];
  const child = spawn(process.execPath, [...entry, 'run', ...args], {
    env: { ...process.env, ZTE_LOG_LEVEL: 'info' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stdout = new Watched();
  const stderr = new Watched();
  child.stdout.on('data', (c: Buffer) => stdout.append(c.toString()));
  child.stderr.on('data', (c: Buffer) => stderr.append(c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    stdout,
    stderr,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export interface ScreenFrames {
  /** Resolves with the first pushed screen model (from now on) that satisfies `test`. */
  next(
    test: (model: { state: string; diagnosticsOpen: boolean }) => boolean,
  ): Promise<{ state: string; diagnosticsOpen: boolean }>;
  close(): void;
}

/** Follows the web UI's server-sent `screen` events. */
export async function followScreens(origin: string): Promise<ScreenFrames> {
  const controller = new AbortController();
  const response = await fetch(`${origin}/api/events`, { signal: controller.signal });
  if (!response.body) throw new Error('no event stream');
  const frames: Array<{ state: string; diagnosticsOpen: boolean }> = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end));
          if (data?.[1]) frames.push(JSON.parse(data[1]));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
        for (const waiter of [...waiters]) waiter();
      }
    } catch {
      // aborted
    }
  })();
  let seen = 0;
  return {
    next(test) {
      return new Promise((resolve) => {
        const check = () => {
          while (seen < frames.length) {
            const frame = frames[seen++];
            if (frame && test(frame)) {
              waiters.delete(check);
              resolve(frame);
              return;
            }
          }
        };
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}
