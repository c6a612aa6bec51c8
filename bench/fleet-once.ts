// Child process of the scaling curve: one `mixed` fleet of argv[2] devices (or shard argv[3] = "i/n"
// of it), figures as one JSON line.
import { measureFleet } from './fleet.ts';

const devices = Number(process.argv[2]);
if (!Number.isInteger(devices) || devices <= 0)
  throw new Error(`fleet-once: bad device count ${process.argv[2]}`);
const shardArg = process.argv[3];
const shard =
  shardArg === undefined
    ? null
    : { index: Number(shardArg.split('/')[0]), count: Number(shardArg.split('/')[1]) };
process.stdout.write(`${JSON.stringify(await measureFleet(devices, 1, shard))}\n`);
