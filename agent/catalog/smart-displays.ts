// SMART Board interactive displays. They are NOT in seed 000's table: this list is ours.
// MX (V2) numbers are those the MX manual's RS-232 appendix lists as `get modelnum` answers
// (`sbid-mx055-v2` … `sbid-mx086-v2`); the MX (V3), 6000S (V3) and 7000R numbers follow SMART's
// published model naming (SBID-<series><size>[-V<n>]) for the 55/65/75/86-inch sizes each series
// offers, and should be checked against real displays when one is at hand. Codes are stored
// upper-case and matched case-insensitively at word boundaries by `findByVariantCode`, so a `-C`
// revision such as `sbid-mx065-v2-c` still resolves to its series.

import type { CatalogEntry } from './types.ts';

function smartDisplay(name: string, variantCodes: readonly string[]): CatalogEntry {
  return {
    name,
    manufacturer: 'SMART Technologies',
    deviceClass: 'smart-display',
    variantCodes,
    eligibleFrom: null,
    idKind: 'smart-serial',
    footnotes: [],
    aliases: [],
  };
}

export const SMART_DISPLAY_MODELS: readonly CatalogEntry[] = [
  smartDisplay('SMART Board MX (V2)', ['SBID-MX055-V2', 'SBID-MX065-V2', 'SBID-MX075-V2', 'SBID-MX086-V2']),
  smartDisplay('SMART Board MX (V3)', ['SBID-MX055-V3', 'SBID-MX065-V3', 'SBID-MX075-V3', 'SBID-MX086-V3']),
  smartDisplay('SMART Board 6000S (V3)', ['SBID-6065S-V3', 'SBID-6075S-V3', 'SBID-6086S-V3']),
  smartDisplay('SMART Board 6000S Pro (V3)', ['SBID-6265S-V3', 'SBID-6275S-V3', 'SBID-6286S-V3']),
  smartDisplay('SMART Board 7000R', ['SBID-7075R', 'SBID-7086R']),
  smartDisplay('SMART Board 7000R Pro', ['SBID-7275R', 'SBID-7286R']),
];
