// CPU time of this process (every thread: the fleet's workers are threads in it) plus that of its
// children that have ended (the power-loss devices are real child processes), in milliseconds.
// Children's time comes from /proc/self/stat (cutime + cstime, clock ticks), which Linux updates
// when a child is reaped; elsewhere only this process is counted.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Reaped children's user + system CPU in ms, or 0 where /proc is not there. */
export function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // cutime and cstime are fields 16 and 17 of stat(5), i.e. 14th and 15th after the name.
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicks() : 0;
  } catch {
    return 0;
  }
}

export function cpuMsNow(): number {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1000 + childrenCpuMs();
}
