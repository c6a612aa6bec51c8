// Bench-only preload (`node --import`): prints this process's peak resident memory at exit on
// stderr as `zte-bench-maxrss-kb=<n>`, so the agent and a bare node are measured the same way.
// VmHWM, not process.resourceUsage().maxRSS: Linux keeps ru_maxrss across fork+execve, so a child
// would report its parent's high-water mark; VmHWM belongs to the new address space.
import { readFileSync } from 'node:fs';

process.on('exit', () => {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  process.stderr.write(`\nzte-bench-maxrss-kb=${match ? match[1] : 'NaN'}\n`);
});
