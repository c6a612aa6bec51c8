#!/usr/bin/env node
// Runs before the test suite: tells a newcomer exactly which system package is missing, instead of a
// test failing later with ENOENT from deep inside a pty or browser helper.
import { execFileSync } from 'node:child_process';

const requirements = [
  {
    command: 'socat',
    debianPackage: 'socat',
    why: 'RS-232 tests talk to a simulated SMART display over a real pty pair',
  },
  {
    command: 'chromium',
    debianPackage: 'chromium',
    why: 'the OOBE page is tested in real headless Chromium',
  },
  { command: 'script', debianPackage: 'bsdutils', why: 'the terminal UI is tested through a pty' },
];

function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = requirements.filter((r) => !onPath(r.command));
if (missing.length > 0) {
  console.error('Missing system packages needed by the tests:');
  for (const m of missing) console.error(`  - ${m.command} (Debian package "${m.debianPackage}"): ${m.why}`);
  console.error(
    `Install them with:  sudo apt-get install -y ${missing.map((m) => m.debianPackage).join(' ')}`,
  );
  console.error('(bash .ci/run does this for you when run as root.)');
  process.exit(1);
}
