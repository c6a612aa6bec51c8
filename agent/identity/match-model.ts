// Finds the catalog row of a Chrome device: VPD model_name equal to a listed name (case/space-
// insensitive), or a listed variant code in model_name, product_sku or product_name (DESIGN §4).

import type { IdentitySnapshot } from '../../hal/interface.ts';
import { findByModelName, findByVariantCode, resolveDerivedModel } from '../catalog/index.ts';
import type { CatalogEntry } from '../catalog/types.ts';

export interface ModelMatch {
  entry: CatalogEntry;
  /** The name to use on the wire (the derived `(15w)` name for a Lenovo 14e Gen 3 with an N305). */
  listedName: string;
  source: string;
}

export function matchModel(snapshot: IdentitySnapshot): ModelMatch | null {
  const { vpd, dmi } = snapshot;
  const byName = vpd.model_name.value === null ? null : findByModelName(vpd.model_name.value);
  const found = byName
    ? { ...byName, source: vpd.model_name.source }
    : (matchByCode(snapshot) ??
      // Not in DESIGN's list, but harmless: a board whose DMI carries the full listed name is that model.
      matchByDmiName(dmi.product_version.value, dmi.product_version.source) ??
      matchByDmiName(dmi.product_name.value, dmi.product_name.source));
  if (!found) return null;
  // Footnote 4: the CPU decides between the two Lenovo 14e Gen 3 models when it is known.
  const cpu = snapshot.cpuModel.value;
  const listedName = cpu === null ? found.listedName : resolveDerivedModel(found.entry, cpu);
  return { entry: found.entry, listedName, source: found.source };
}

function matchByCode(snapshot: IdentitySnapshot): ModelMatch | null {
  const { vpd, dmi } = snapshot;
  const fields = [vpd.model_name, dmi.product_sku, dmi.product_name];
  for (const field of fields) {
    if (field.value === null) continue;
    const hit = findByVariantCode([field.value]);
    if (hit) return { entry: hit.entry, listedName: hit.listedName, source: field.source };
  }
  return null;
}

function matchByDmiName(value: string | null, source: string): ModelMatch | null {
  if (value === null) return null;
  const hit = findByModelName(value);
  return hit ? { ...hit, source } : null;
}
