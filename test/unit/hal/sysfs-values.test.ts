// Values as vendors really ship them: newline-terminated, padded, placeholders.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SysfsBackend } from '../../../hal/backends/sysfs/index.ts';
import { materializeDeviceTree } from '../../../simulator/device-tree.ts';
import { useTempRoots } from '../../contract/temp-roots.ts';

const roots = useTempRoots('zte-sysfs-values');

describe('sysfs backend: values', () => {
  it('trims whitespace-padded serials and reports placeholder serials', async () => {
    const root = await roots.next();
    await materializeDeviceTree(root, {
      dmi: {
        sys_vendor: 'LENOVO',
        product_name: '82N4',
        product_version: 'Lenovo 14e Chromebook Gen 3',
        product_serial: '   PF3ABCDE   ',
        board_serial: 'To be filled by O.E.M.',
        product_sku: 'Default string',
      },
      vpd: { serial_number: '\tPF3ABCDE\r\n', attested_device_id: 'N/A' },
    });
    // As some firmware writes them: NUL-padded, without the newline.
    await writeFile(join(root, 'sys/class/dmi/id/product_family'), Buffer.from('ThinkPad\0\0\0\0'));
    const snap = await new SysfsBackend({ root }).readIdentity();
    expect(snap.dmi.product_serial).toEqual({ value: 'PF3ABCDE', source: 'sysfs' });
    expect(snap.vpd.serial_number).toEqual({ value: 'PF3ABCDE', source: 'sysfs' });
    expect(snap.dmi.product_family).toEqual({ value: 'ThinkPad', source: 'sysfs' });
    expect(snap.dmi.board_serial).toEqual({ value: null, source: 'sysfs', problem: 'placeholder' });
    expect(snap.dmi.product_sku).toEqual({ value: null, source: 'sysfs', problem: 'placeholder' });
    expect(snap.vpd.attested_device_id).toEqual({ value: null, source: 'sysfs', problem: 'placeholder' });
    expect(snap.dmi.product_version.value).toBe('Lenovo 14e Chromebook Gen 3');
  });

  it('keeps a 256-character value and rejects a 257-character one', async () => {
    const root = await roots.next();
    const longest = `${'A'.repeat(255)}Z`;
    await materializeDeviceTree(root, { vpd: { model_name: longest, region: `${longest}Z` } });
    const snap = await new SysfsBackend({ root }).readIdentity();
    expect(snap.vpd.model_name.value).toBe(longest);
    expect(snap.vpd.region.problem).toBe('too-large');
  });
});
