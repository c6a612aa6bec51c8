// Models that a footnote of seed 000 derives from a listed row.

import type { DerivedModel } from './types.ts';

export const DERIVED_MODELS: readonly DerivedModel[] = [
  {
    // Footnote 4: the 14e Gen 3 exists in two models. Intel N100/N200 devices keep the listed name;
    // Intel N305 (Core i3) devices use "Chromebook Lenovo 14e 3e génération (15w)".
    baseName: 'Chromebook Lenovo 14e 3e génération',
    name: 'Chromebook Lenovo 14e 3e génération (15w)',
    cpuMarkers: ['N305'],
  },
];
