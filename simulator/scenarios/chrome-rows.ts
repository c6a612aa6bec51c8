// The Chrome rows of the compatibility table grouped by what the scenarios need: how the device is
// identified (serial, ASUS ADID, Dell service tag, Lenovo 1S) and whether the row has an eligibility
// cutoff. Shared by the ordinary Chrome scenarios and the identity faults.

import { CHROME_ROWS } from './build.ts';

export const ROWS_WITH_CUTOFF = CHROME_ROWS.filter((e) => e.eligibleFrom !== null);
export const SERIAL_ROWS = CHROME_ROWS.filter(
  (e) => e.idKind === 'serial-number' && e.manufacturer !== 'Samsung',
);
export const SAMSUNG_CUTOFF_ROWS = CHROME_ROWS.filter(
  (e) => e.manufacturer === 'Samsung' && e.eligibleFrom !== null,
);
export const SAMSUNG_ROWS = CHROME_ROWS.filter((e) => e.manufacturer === 'Samsung');
export const ASUS_ROWS = CHROME_ROWS.filter((e) => e.idKind === 'asus-certified-id');
export const DELL_ROWS = CHROME_ROWS.filter((e) => e.idKind === 'service-tag');
export const LENOVO_MTM_ROWS = CHROME_ROWS.filter((e) => e.idKind === 'lenovo-1s-mtm-serial');
export const M60Q_ROWS = CHROME_ROWS.filter((e) => e.idKind === 'lenovo-1s-origin-mac');
