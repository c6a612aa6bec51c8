// RLZ brand codes of the catalog's models. Google assigns a 4-letter brand code to each ChromeOS
// device SKU and writes it into RO VPD (`rlz_brand_code`); the DM server knows a device by brand code
// and serial number. The real assignments are not public, so every listed model gets a stable code
// derived from its listed name: the simulator writes it into VPD, the stub derives it for a partner
// upload that names only the model, and a device without `rlz_brand_code` in VPD uses it.

import { createHash } from 'node:crypto';

/** Four upper-case ASCII letters, as VPD holds them. */
export const BRAND_CODE_PATTERN = /^[A-Z]{4}$/;

/** Case and spacing do not change the model a name denotes (DESIGN §4 matching). */
function normalise(listedName: string): string {
  return listedName.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The brand code of a listed model name: 4 letters from SHA-256 of the normalised name. */
export function catalogBrandCode(listedName: string): string {
  const digest = createHash('sha256').update(normalise(listedName), 'utf8').digest();
  let code = '';
  for (let i = 0; i < 4; i++) code += String.fromCharCode(0x41 + ((digest[i] ?? 0) % 26));
  return code;
}
