// A simulated SMART display on a real pty pair made by socat: the host opens `devicePath` exactly as
// it would open /dev/ttyUSB0; the far end is opened here and driven by a DisplayResponder.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMART_BAUD_RATE } from '../../hal/backends/smart-rs232/index.ts';
import { createDisplayResponder, type DisplayResponder, type DisplayResponderOptions } from './responder.ts';

export interface PtyDisplayOptions extends DisplayResponderOptions {
  /** socat binary (default `socat` on PATH; Debian package `socat`). */
  socatPath?: string;
  /** Longest wait for socat to set up the pair (default 5000 ms). */
  startTimeoutMs?: number;
}

export interface PtyDisplay {
  /** The host end (a symlink to /dev/pts/N): give it to `openSmartDisplay({ path })`. */
  readonly devicePath: string;
  /** The pty behind `devicePath`, as socat reported it. */
  readonly ptyPath: string;
  readonly responder: DisplayResponder;
  /** Pulls the cable: kills socat, so the host end hangs up mid-conversation. */
  unplug(): Promise<void>;
  /** Closes the far end, stops socat and removes the links. Idempotent. */
  close(): Promise<void>;
}

// socat outlives us if we crash: kill whatever is still running when the process exits.
const liveSocats = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  liveSocats.add(child);
  child.once('exit', () => liveSocats.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const socat of liveSocats) socat.kill('SIGKILL');
    });
  }
}

function waitForExit(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const escalate = setTimeout(() => child.kill('SIGKILL'), 2000);
    escalate.unref();
    child.once('exit', () => {
      clearTimeout(escalate);
      resolve();
    });
    child.kill(signal);
  });
}

/** Spawns socat and resolves with the two pty paths once its data loop runs. */
function startSocat(
  socatPath: string,
  hostLink: string,
  displayLink: string,
  timeoutMs: number,
): Promise<{ child: ChildProcess; ptys: string[] }> {
  const child = spawn(
    socatPath,
    ['-d', '-d', `pty,raw,echo=0,link=${hostLink}`, `pty,raw,echo=0,link=${displayLink}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  track(child);
  return new Promise((resolve, reject) => {
    let log = '';
    let done = false;
    const fail = (message: string, cause?: unknown): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(message, { cause }));
    };
    const timer = setTimeout(
      () => fail(`socat did not set up the pty pair within ${timeoutMs} ms:\n${log}`),
      timeoutMs,
    );
    child.once('error', (error: NodeJS.ErrnoException) => {
      fail(
        error.code === 'ENOENT'
          ? `socat not found (${socatPath}); install the Debian package "socat"`
          : `cannot start socat: ${error.message}`,
        error,
      );
    });
    child.once('exit', (code, signal) =>
      fail(`socat exited (${signal ?? code}) before the pty pair was ready:\n${log}`),
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      if (done) return; // keep draining the pipe, but only the start-up log matters
      log += chunk.toString('utf8');
      if (!log.includes('starting data transfer loop')) return;
      done = true;
      clearTimeout(timer);
      resolve({ child, ptys: [...log.matchAll(/PTY is (\S+)/g)].map((m) => m[1] ?? '') });
    });
  });
}

export async function startPtyDisplay(options: PtyDisplayOptions): Promise<PtyDisplay> {
  const dir = await mkdtemp(join(tmpdir(), 'smart-pty-'));
  const hostLink = join(dir, 'host');
  const displayLink = join(dir, 'display');
  const responder = createDisplayResponder(options);
  let socat: ChildProcess | undefined;
  try {
    const started = await startSocat(
      options.socatPath ?? 'socat',
      hostLink,
      displayLink,
      options.startTimeoutMs ?? 5000,
    );
    socat = started.child;
    const { SerialPort } = await import('serialport');
    const far = new SerialPort({ path: displayLink, baudRate: SMART_BAUD_RATE, autoOpen: false });
    await new Promise<void>((resolve, reject) => far.open((error) => (error ? reject(error) : resolve())));
    far.on('error', () => {
      // The far end only fails when socat goes away (unplug/close); nothing to report.
    });
    far.on('data', (chunk: Buffer) => responder.feed(chunk));
    const unsubscribe = responder.onOutput((chunk) => {
      if (far.isOpen) far.write(chunk);
    });
    const child = socat;

    let closing: Promise<void> | null = null;
    return {
      devicePath: hostLink,
      ptyPath: started.ptys[0] ?? hostLink,
      responder,
      unplug: () => waitForExit(child, 'SIGKILL'),
      close() {
        closing ??= (async () => {
          unsubscribe();
          if (far.isOpen) await new Promise<void>((resolve) => far.close(() => resolve()));
          await waitForExit(child, 'SIGTERM');
          await rm(dir, { recursive: true, force: true });
        })();
        return closing;
      },
    };
  } catch (error) {
    if (socat) await waitForExit(socat, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
