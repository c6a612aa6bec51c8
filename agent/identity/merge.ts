import type { DmiField, FieldReading, IdentitySnapshot } from '../../hal/interface.ts';

/**
 * Fills DMI and CPU fields the primary backend could not supply (missing or unreadable) from a
 * fallback backend. Used on `/` only, where systeminformation can back up sysfs; VPD never merges
 * (systeminformation has none) and network/USB stay the primary's.
 */
export function mergeSnapshots(primary: IdentitySnapshot, fallback: IdentitySnapshot): IdentitySnapshot {
  const fill = (p: FieldReading, f: FieldReading): FieldReading =>
    p.value === null && (p.problem === 'missing' || p.problem === 'unreadable') && f.value !== null ? f : p;
  const dmi = { ...primary.dmi };
  for (const key of Object.keys(dmi) as DmiField[]) dmi[key] = fill(primary.dmi[key], fallback.dmi[key]);
  return { ...primary, dmi, cpuModel: fill(primary.cpuModel, fallback.cpuModel) };
}
