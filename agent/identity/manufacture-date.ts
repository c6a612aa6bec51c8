import type { FieldReading } from '../../hal/interface.ts';

/** VPD `mfg_date` as `YYYY-MM-DD` when it is a real calendar date, else null. */
export function parseManufactureDate(reading: FieldReading): string | null {
  const raw = reading.value;
  if (raw === null || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
  const date = new Date(`${raw}T00:00:00Z`);
  // Reject 2021-02-30 and the like: the round trip must give the same day back.
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === raw ? raw : null;
}
