// Types of the compatibility catalog (seed 000's table of zero-touch capable devices, DESIGN §4).

export type DeviceClass = 'chromebook' | 'chromebox' | 'chromebase' | 'tablet' | 'smart-display';

export type IdKind =
  | 'serial-number'
  | 'service-tag'
  | 'asus-certified-id'
  | 'lenovo-1s-mtm-serial'
  | 'lenovo-1s-origin-mac'
  | 'smart-serial';

export interface CatalogEntry {
  /** Listed name exactly as in the seed table, footnote markers removed. This is the model on the wire. */
  name: string;
  /** Maker as named in the listed name (e.g. `Acer`, `ASUS`, `Lenovo`). */
  manufacturer: string;
  deviceClass: DeviceClass;
  /** Codes inside the parentheses of the listed name (e.g. `C733`, `C733U`), upper-case; may be empty. */
  variantCodes: readonly string[];
  /** First eligible manufacture date `YYYY-MM-DD`, or null when every device is compatible. */
  eligibleFrom: string | null;
  idKind: IdKind;
  /** Footnote numbers (1–4) that the seed attaches to this row. */
  footnotes: readonly number[];
  /** Other spellings that also identify this row (never sent on the wire). */
  aliases: readonly string[];
}

/** A model derived from a row by a footnote (Lenovo 14e Gen 3 `(15w)` for N305 CPUs, footnote 4). */
export interface DerivedModel {
  /** Listed name of the row it derives from. */
  baseName: string;
  /** Its own wire name. */
  name: string;
  /** Chosen when the CPU model name contains one of these (case-insensitive). */
  cpuMarkers: readonly string[];
}
