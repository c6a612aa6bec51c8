// The device's RLZ brand code (DESIGN §5): VPD `rlz_brand_code` when it is 4 upper-case letters,
// else the catalog's code for the listed model (non-ChromeOS hardware has no such VPD key). The DM
// server knows a device by brand code and serial number.

import type { IdentitySnapshot } from '../../hal/interface.ts';
import { BRAND_CODE_PATTERN, catalogBrandCode } from '../../protocol/brand-code.ts';
import type { Sourced } from './facts.ts';

/** The `sources.brandCode` of a code derived from the model name. */
export const CATALOG_SOURCE = 'catalog';

export function brandCodeOf(snapshot: IdentitySnapshot, listedName: string | null): Sourced | null {
  const vpd = snapshot.vpd.rlz_brand_code;
  if (vpd.value !== null && BRAND_CODE_PATTERN.test(vpd.value))
    return { value: vpd.value, source: vpd.source };
  return listedName === null ? null : { value: catalogBrandCode(listedName), source: CATALOG_SOURCE };
}
