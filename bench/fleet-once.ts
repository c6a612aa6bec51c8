// Child process of the scaling curve: one `mixed` fleet of argv[2] devices, figures as one JSON line.
import { measureFleet } from './fleet.ts';

const devices = Number(process.argv[2]);
if (!Number.isInteger(devices) || devices <= 0)
  throw new Error(`fleet-once: bad device count ${process.argv[2]}`);
process.stdout.write(`${JSON.stringify(await measureFleet(devices))}\n`);
