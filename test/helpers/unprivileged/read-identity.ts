// Probe: prints {uid, result: snapshot} of the sysfs backend under argv[2].
import { SysfsBackend } from '../../../hal/backends/sysfs/index.ts';

const result = await new SysfsBackend({ root: process.argv[2] ?? '/' }).readIdentity();
process.stdout.write(`${JSON.stringify({ uid: process.getuid?.(), result })}\n`);
