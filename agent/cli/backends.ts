// The CLI's view of the HAL: the backends come from the one assembly (agent/hal-assembly), chosen by
// what the device has; this only checks the directories the user names.

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { assembleHal } from '../hal-assembly/index.ts';
import type { DeviceIdentitySources } from '../identity/read-device.ts';
import { UsageError } from './usage-error.ts';

export async function requireDirectory(flag: string, dir: string): Promise<string> {
  const path = resolve(dir);
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`${flag} ${dir}: no such directory`);
  return path;
}

/** `agent identify`'s sources: sysfs under the root, systeminformation on the host, the SMART display. */
export async function identitySourcesFor(options: {
  root: string;
  smartSerial?: string;
}): Promise<DeviceIdentitySources> {
  return assembleHal(options).identity;
}
