// `fleet --cpu-prof DIR`: V8 CPU profiles of a fleet run, one file per thread, to find where a
// device's time goes (issue 16). The worker threads (the agents) profile themselves through Node's
// own `--cpu-prof`; the main thread (the in-process stub, the fault proxy, the fleet's bookkeeping)
// through the inspector, started and stopped around the run so the profile covers it and nothing else.

import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * The execArgv of a fleet worker thread that writes its profile into `dir` when it ends (Node names it
 * `CPU.<date>.<time>.<pid>.<thread id>.<n>.cpuprofile`).
 */
export function workerProfileArgv(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

/** Starts profiling this thread; `stop` writes `main.<pid>.cpuprofile` into `dir` and returns its path. */
export async function startMainThreadProfile(dir: string): Promise<{ stop(): Promise<string> }> {
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      const path = join(dir, `main.${process.pid}.cpuprofile`);
      await writeFile(path, JSON.stringify(profile));
      return path;
    },
  };
}
