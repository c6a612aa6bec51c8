// Preload for an agent child process (`node --import <this> main.js run …`), shared by the tests, the
// fleet's power-loss devices, the chaos campaigns and the benchmarks; no test hook in the product.
// It counts this process's successful writes of a `state.json` (atomic renames), SIGKILLs the process
// right after the Nth one when ZTE_KILL_AFTER_STATE_WRITES=N, and reports on exit (stderr line
// `zte-preload: {"stateWrites":…,"maxRssKb":…}`) what it saw, peak RSS (VmHWM) included.
import { createRequire, syncBuiltinESMExports } from 'node:module';

const limit = Number(process.env.ZTE_KILL_AFTER_STATE_WRITES ?? '0');
const require = createRequire(import.meta.url);
let writes = 0;
function countStateWrite(to) {
  if (String(to).endsWith('state.json')) {
    writes += 1;
    if (Number.isInteger(limit) && limit > 0 && writes >= limit) process.kill(process.pid, 'SIGKILL');
  }
}
// The state store renames with the callback API (agent/persistence/fd-fs.ts); an injected store file
// system may use the promise one: both are counted.
const fs = require('node:fs');
const renameWithCallback = fs.rename;
fs.rename = (from, to, callback) => {
  renameWithCallback(from, to, (error) => {
    if (!error) countStateWrite(to);
    callback(error);
  });
};
const fsp = require('node:fs/promises');
const renameWithPromise = fsp.rename;
fsp.rename = async (from, to) => {
  await renameWithPromise(from, to);
  countStateWrite(to);
};
syncBuiltinESMExports();

/**
 * Peak RSS of this process image (VmHWM), in kB. Not getrusage's maxRSS: that one keeps the high-water
 * mark of the forked copy of the parent from before exec, i.e. the chaos runner's own size.
 */
function vmHwmKb() {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

process.on('exit', () => {
  const report = { stateWrites: writes, maxRssKb: vmHwmKb() };
  try {
    fs.writeSync(2, `\nzte-preload: ${JSON.stringify(report)}\n`);
  } catch {
    // stderr closed: nothing to report to.
  }
});
