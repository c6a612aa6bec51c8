// The composition of real HAL backends for the CLI: sysfs under --root, systeminformation as a
// fallback on `/` only (it cannot read another root), the SMART display on --smart-serial.

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SysfsBackend } from '../../hal/backends/sysfs/index.ts';
import type { IdentitySource, SmartDisplayControl } from '../../hal/interface.ts';
import type { DeviceIdentitySources } from '../identity/read-device.ts';
import { UsageError } from './usage-error.ts';

export async function requireDirectory(flag: string, dir: string): Promise<string> {
  const path = resolve(dir);
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`${flag} ${dir}: no such directory`);
  return path;
}

export async function identitySourcesFor(options: {
  root: string;
  smartSerial?: string;
}): Promise<DeviceIdentitySources> {
  const primary = new SysfsBackend({ root: options.root });
  const sources: DeviceIdentitySources = { primary };
  if (options.root === '/') sources.fallback = await lazySystemInformation();
  const path = options.smartSerial;
  if (path !== undefined) {
    sources.openSmartDisplay = async (): Promise<SmartDisplayControl> => {
      const { openSmartDisplay } = await import('../../hal/backends/smart-rs232/index.ts');
      return openSmartDisplay({ path });
    };
  }
  return sources;
}

async function lazySystemInformation(): Promise<IdentitySource> {
  const { SystemInformationBackend } = await import('../../hal/backends/systeminformation/index.ts');
  return new SystemInformationBackend();
}
