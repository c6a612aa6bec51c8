// Fleet preload (`node --import`) for power-loss devices, the same as test/helpers/: SIGKILLs this
// process right after its Nth successful write of a `state.json` (an atomic rename), N from
// ZTE_KILL_AFTER_STATE_WRITES. The real agent is stopped exactly at a persisted state, with no test
// hook in the product.
import { createRequire, syncBuiltinESMExports } from 'node:module';

const limit = Number(process.env.ZTE_KILL_AFTER_STATE_WRITES ?? '0');
if (Number.isInteger(limit) && limit > 0) {
  const fsp = createRequire(import.meta.url)('node:fs/promises');
  const rename = fsp.rename;
  let writes = 0;
  fsp.rename = async (from, to) => {
    await rename(from, to);
    if (String(to).endsWith('state.json')) {
      writes += 1;
      if (writes >= limit) process.kill(process.pid, 'SIGKILL');
    }
  };
  syncBuiltinESMExports();
}
