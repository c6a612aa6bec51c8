// The identification query parameters Chromium adds to every DM request (DESIGN §5): `agent` (who
// asks, at most 64 characters) and `platform` (`OS|arch|version`, Chromium's GetPlatformString(),
// e.g. `Linux|x86_64|6.1.0`).

import { arch, release, type } from 'node:os';
import pkg from '../../package.json' with { type: 'json' };
import { AGENT_MAX_LENGTH } from '../../protocol/dm.ts';

/** `zte-agent/<package.json version>`. */
export const DEFAULT_AGENT_PARAM = agentParam(pkg.name, pkg.version);

export function agentParam(name: string, version: string): string {
  return `${name}/${version}`.slice(0, AGENT_MAX_LENGTH);
}

/** Node's architecture names → the kernel's (`uname -m`), which Chromium reports. */
const MACHINE: Readonly<Record<string, string>> = {
  x64: 'x86_64',
  ia32: 'i686',
  arm64: 'aarch64',
  arm: 'armv7l',
};

/** `OS|arch|version`: the kernel's name, machine and the numeric part of its release. */
export function platformParam(
  os: { type: string; arch: string; release: string } = { type: type(), arch: arch(), release: release() },
): string {
  const version = /^\d+(?:\.\d+)*/.exec(os.release)?.[0] ?? os.release;
  return `${os.type}|${MACHINE[os.arch] ?? os.arch}|${version}`;
}
