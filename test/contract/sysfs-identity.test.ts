import { SysfsBackend } from '../../hal/backends/sysfs/index.ts';
import { materializeDeviceTree } from '../../simulator/device-tree.ts';
import { describeIdentitySourceContract } from './identity-source.contract.ts';
import { useTempRoots } from './temp-roots.ts';

const roots = useTempRoots('zte-sysfs-contract');

describeIdentitySourceContract('sysfs (materialised tree)', async (spec) => {
  const root = await roots.next();
  await materializeDeviceTree(root, spec);
  return new SysfsBackend({ root });
});
