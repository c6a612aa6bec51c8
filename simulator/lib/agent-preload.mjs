// Preload for an agent child process (`node --import <this> main.js run …`), shared by the tests, the
// fleet's power-loss devices, the chaos campaigns and the benchmarks; no test hook in the product.
// It counts this process's successful writes of a `state.json` (atomic renames), SIGKILLs the process
// right after the Nth one when ZTE_KILL_AFTER_STATE_WRITES=N, and reports on exit (stderr line
// `zte-preload: {"stateWrites":…,"maxRssKb":…}`) what it saw, peak RSS (VmHWM) included.
import { readFileSync, writeSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const limit = Number(process.env.ZTE_KILL_AFTER_STATE_WRITES ?? '0');
const fsp = createRequire(import.meta.url)('node:fs/promises');
const rename = fsp.rename;
let writes = 0;
fsp.rename = async (from, to) => {
  await rename(from, to);
  if (String(to).endsWith('state.json')) {
    writes += 1;
    if (Number.isInteger(limit) && limit > 0 && writes >= limit) process.kill(process.pid, 'SIGKILL');
  }
};
syncBuiltinESMExports();

/**
 * Peak RSS of this process image (VmHWM), in kB. Not getrusage's maxRSS: that one keeps the high-water
 * mark of the forked copy of the parent from before exec, i.e. the chaos runner's own size.
 */
function vmHwmKb() {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

process.on('exit', () => {
  const report = { stateWrites: writes, maxRssKb: vmHwmKb() };
  try {
    writeSync(2, `\nzte-preload: ${JSON.stringify(report)}\n`);
  } catch {
    // stderr closed: nothing to report to.
  }
});
