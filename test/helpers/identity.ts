import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identifyChromeDevice } from '../../agent/identity/identify.ts';
import type { IdentityReport } from '../../agent/identity/report.ts';
import { MemoryIdentitySource } from '../../hal/backends/memory/identity.ts';
import { SysfsBackend } from '../../hal/backends/sysfs/index.ts';
import { type DeviceTreeSpec, materializeDeviceTree } from '../../simulator/device-tree.ts';

/** Identity of a described device through the in-memory source (same normalisation as sysfs). */
export async function identifyDescribed(spec: DeviceTreeSpec): Promise<IdentityReport> {
  return identifyChromeDevice(await new MemoryIdentitySource(spec).readIdentity());
}

/** A temporary directory for device trees, removed by `cleanup`. */
export async function treeDir(prefix = 'zte-tree-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Materialises the spec under `root` and identifies it through the real sysfs backend. */
export async function identifyTree(root: string, spec: DeviceTreeSpec): Promise<IdentityReport> {
  await materializeDeviceTree(root, spec);
  return identifyChromeDevice(await new SysfsBackend({ root }).readIdentity());
}
