// The agent's durable record, `<state-dir>/state.json` (DESIGN §6). Written atomically after every
// transition; read once at boot. Loading never fails the boot: a missing file is a fresh device, and a
// corrupt, truncated, ill-typed, over-sized or unreadable file is moved aside and reported.

import { join } from 'node:path';
import { describeError, errnoOf, StateWriteError, writeFileAtomic } from './atomic-write.ts';
import { fdStateFs } from './fd-fs.ts';
import type { StateFs } from './fs-types.ts';
import type { PersistedAgentState } from './record.ts';
import { classifyUnparseable, validatePersistedState } from './validate-state.ts';

export type { PersistedAgentState, StateFs };

export const STATE_FILE_NAME = 'state.json';
/** A state file larger than this is corrupt by definition (a real one is a few kilobytes). */
export const MAX_STATE_FILE_BYTES = 1024 * 1024;

export type LoadProblem = 'corrupt' | 'truncated' | 'wrong-version' | 'unreadable';

export type LoadResult =
  | { kind: 'fresh' }
  | { kind: 'loaded'; state: PersistedAgentState }
  | {
      kind: 'recovered';
      /** Where the bad file now is; null when it could not be moved (the reason is in `detail`). */
      movedTo: string | null;
      problem: LoadProblem;
      /** Human-readable: what was wrong, for logs and diagnostics. */
      detail: string;
    };

export interface StateStoreOptions {
  dir: string;
  fs?: StateFs;
  clock?: () => Date;
}

export class StateStore {
  readonly dir: string;
  /** `<dir>/state.json` */
  readonly path: string;
  private readonly fs: StateFs;
  private readonly clock: () => Date;
  private savesInFlight = 0;
  /** Whether the directory was made or seen by this store; saves after the first skip the mkdir. */
  private dirKnown = false;

  constructor(options: StateStoreOptions) {
    this.dir = options.dir;
    this.path = join(options.dir, STATE_FILE_NAME);
    this.fs = options.fs ?? fdStateFs;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Reads state.json. Never rejects for anything the file system or the file's content can do. */
  async load(): Promise<LoadResult> {
    await this.removeStaleTempFiles();
    let bytes: Uint8Array;
    try {
      const stat = await this.fs.stat(this.path);
      if (!stat.isFile()) return await this.recover('unreadable', `${this.path} is not a regular file`);
      if (stat.size > MAX_STATE_FILE_BYTES) return await this.recover('corrupt', tooLarge(stat.size));
      bytes = await this.fs.readFile(this.path);
    } catch (e) {
      if (errnoOf(e) === 'ENOENT') return { kind: 'fresh' };
      return await this.recover('unreadable', describeError(e));
    }
    if (bytes.byteLength > MAX_STATE_FILE_BYTES)
      return await this.recover('corrupt', tooLarge(bytes.byteLength));

    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return await this.recover('corrupt', 'the file is not valid UTF-8');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      const problem = classifyUnparseable(text);
      return await this.recover(
        problem,
        problem === 'truncated' ? 'the JSON ends early' : 'the file is not JSON',
      );
    }
    const validation = validatePersistedState(parsed);
    if (!validation.ok) return await this.recover(validation.problem, validation.detail);
    return { kind: 'loaded', state: validation.state };
  }

  /**
   * Atomically replaces state.json (creating the directory, mode 0700, if needed) and resolves with
   * what was written: `updatedAt` stamped from the clock, unknown keys dropped, history capped.
   * Rejects with a StateWriteError (`code` 'state-write-failed') and leaves the previous file intact.
   */
  async save(state: PersistedAgentState): Promise<PersistedAgentState> {
    const validation = validatePersistedState({ ...state, updatedAt: this.clock().toISOString() });
    if (!validation.ok) {
      throw new StateWriteError({ path: this.path, step: 'validate', detail: validation.detail });
    }
    const text = `${JSON.stringify(validation.state, null, 2)}\n`;
    const size = Buffer.byteLength(text);
    if (size > MAX_STATE_FILE_BYTES) {
      throw new StateWriteError({ path: this.path, step: 'serialize', detail: tooLarge(size) });
    }
    this.savesInFlight++;
    try {
      if (!this.dirKnown) await this.makeDir();
      try {
        await writeFileAtomic(this.path, text, { fs: this.fs });
      } catch (error) {
        // The directory was removed since it was made (a factory reset, a test): make it again, once.
        if (!(error instanceof StateWriteError && error.step === 'open' && error.errno === 'ENOENT'))
          throw error;
        await this.makeDir();
        await writeFileAtomic(this.path, text, { fs: this.fs });
      }
    } finally {
      this.savesInFlight--;
    }
    return validation.state;
  }

  private async makeDir(): Promise<void> {
    this.dirKnown = false;
    try {
      await this.fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    } catch (cause) {
      throw new StateWriteError({ path: this.path, step: 'mkdir', cause });
    }
    this.dirKnown = true;
  }

  /** Moves the bad file aside as `state.json.corrupt-<timestamp>`; a failed move is reported, not thrown. */
  private async recover(problem: LoadProblem, detail: string): Promise<LoadResult> {
    const stamp = this.clock().toISOString().replace(/[:.]/g, '-');
    const base = `${this.path}.corrupt-${stamp}`;
    try {
      const target = await this.unusedName(base);
      await this.fs.rename(this.path, target);
      return { kind: 'recovered', movedTo: target, problem, detail };
    } catch (e) {
      return {
        kind: 'recovered',
        movedTo: null,
        problem,
        detail: `${detail}; not moved aside: ${describeError(e)}`,
      };
    }
  }

  private async unusedName(base: string): Promise<string> {
    for (let n = 0; n < 1000; n++) {
      const candidate = n === 0 ? base : `${base}-${n}`;
      try {
        await this.fs.stat(candidate);
      } catch (e) {
        if (errnoOf(e) === 'ENOENT') return candidate;
        throw e;
      }
    }
    throw new Error(`no unused name for ${base}`);
  }

  /** Temp files of writes cut short by a crash or power loss; best effort, never fails the load. */
  private async removeStaleTempFiles(): Promise<void> {
    if (this.savesInFlight > 0) return;
    let names: string[];
    try {
      names = await this.fs.readdir(this.dir);
    } catch {
      return;
    }
    // Checked again after the await: a save of this store may have started meanwhile. Every temp file
    // is removed, whatever pid it names: a restarted agent in a container often gets the same pid.
    if (this.savesInFlight > 0) return;
    const prefix = `${STATE_FILE_NAME}.tmp-`;
    for (const name of names) {
      if (name.startsWith(prefix)) {
        await this.fs.unlink(join(this.dir, name)).catch(() => undefined);
      }
    }
  }
}

function tooLarge(size: number): string {
  return `the file is ${size} bytes, over the ${MAX_STATE_FILE_BYTES}-byte limit`;
}
