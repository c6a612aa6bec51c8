// Probe: tries an atomic write of argv[2]; prints {uid, result: {errno, step} | null}.
import { isStateWriteError, writeFileAtomic } from '../../../agent/persistence/index.ts';

let result: { errno: string | undefined; step: string } | null = null;
try {
  await writeFileAtomic(process.argv[2] ?? '', 'new contents');
} catch (error) {
  if (!isStateWriteError(error)) throw error;
  result = { errno: error.errno, step: error.step };
}
process.stdout.write(`${JSON.stringify({ uid: process.getuid?.(), result })}\n`);
