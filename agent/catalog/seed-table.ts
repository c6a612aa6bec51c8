// Tooling, not runtime: reads the compatible-device table of seed 000 (French) into catalog entries.
// `generate-rows.ts` uses it to write `rows.ts` (plain literal data) and a unit test uses it to check
// that `rows.ts` still says exactly what the seed says. Nothing the agent runs at boot imports this.
//
// The judgement calls the seed does not settle by itself live here, in two small tables:
// FOOTNOTE_MARKERS (which trailing digits are footnote markers) and ALIASES.

import { parseEligibleFrom } from './french-date.ts';
import type { CatalogEntry, DeviceClass, IdKind } from './types.ts';

const TABLE_HEADER = "Fabricant et modèle de l'appareil Date de fabrication ID de l'appareil certifié";
const TABLE_END = 'Remarques pour les partenaires';

/**
 * Listed names whose last character(s) are a footnote marker glued to the name, with the name
 * without it and the footnote number. A trailing digit cannot be told apart from a model number
 * mechanically (`Samsung Chromebook 42` is "4" + footnote 2; `Chromebook Samsung Galaxy 2 360` has
 * no marker), so this is an explicit list. `Chromebook Lenovo 100e 2e génération MTK 2` is NOT here:
 * the digit is separated by a space and footnote 2 is about Samsung only.
 */
export const FOOTNOTE_MARKERS: ReadonlyMap<string, { name: string; footnote: number }> = new Map([
  ['Samsung Chromebook 42', { name: 'Samsung Chromebook 4', footnote: 2 }],
  ['Samsung Chromebook 4+2', { name: 'Samsung Chromebook 4+', footnote: 2 }],
  ['Chromebook Samsung Galaxy2', { name: 'Chromebook Samsung Galaxy', footnote: 2 }],
  ['Chromebook Samsung Galaxy 22', { name: 'Chromebook Samsung Galaxy 2', footnote: 2 }],
  ['Chromebook Samsung Galaxy Go2', { name: 'Chromebook Samsung Galaxy Go', footnote: 2 }],
  ['Chromebook Lenovo 14e 3e génération4', { name: 'Chromebook Lenovo 14e 3e génération', footnote: 4 }],
  ['Chromebox Lenovo ThinkCentre M60q3', { name: 'Chromebox Lenovo ThinkCentre M60q', footnote: 3 }],
  ['Chromebook Lenovo ThinkPad C13 Yoga1', { name: 'Chromebook Lenovo ThinkPad C13 Yoga', footnote: 1 }],
  ['Chromebook Lenovo ThinkPad C141', { name: 'Chromebook Lenovo ThinkPad C14', footnote: 1 }],
]);

/** Other spellings that identify a row (matched, never sent on the wire). */
export const ALIASES: ReadonlyMap<string, readonly string[]> = new Map([
  // The trailing " 2" may be a stray footnote marker (footnote 2 is Samsung's): accept both spellings.
  ['Chromebook Lenovo 100e 2e génération MTK 2', ['Chromebook Lenovo 100e 2e génération MTK']],
]);

/** Makers as they are spelled inside the listed names. */
export const MANUFACTURERS: readonly string[] = [
  'Acer',
  'AOPEN',
  'Allied',
  'ASUS',
  'CTL',
  'Dell',
  'Edxis',
  'EVERCOSS',
  'HP',
  'Lenovo',
  'LG',
  'Multilaser',
  'NEC',
  'Poin2',
  'Samsung',
  'Sharp',
  'SPC',
  'Zyrex',
];

/** Third column of the table, longest first so that `1S + MTM + numéro de série` wins over `Numéro de série`. */
const ID_KINDS: readonly { text: string; kind: IdKind }[] = [
  {
    text: 'Origine KS : 1S + C1KS + adresse MAC Origine VN : 1S + C1VM + adresse MAC',
    kind: 'lenovo-1s-origin-mac',
  },
  { text: '1S + MTM + numéro de série', kind: 'lenovo-1s-mtm-serial' },
  { text: "ID d'appareil certifié ASUS", kind: 'asus-certified-id' },
  { text: 'Étiquette de service', kind: 'service-tag' },
  { text: 'Numéro de série', kind: 'serial-number' },
];

/** Second column: leftmost match anchored at the end of the row, after the ID kind was cut off. */
const DATE_CELL =
  / (Tous les appareils sont compatibles|À partir du (?:1er|\d{1,2}) \p{L}+ \d{4}|(?:1er|\d{1,2}) \p{L}+ \d{4}|\p{Lu}\p{Ll}+ \d{4})$/u;

/** A model code: no spaces, only letters, digits and hyphens, at least one digit and one letter. */
const MODEL_CODE = /^(?=.*\d)(?=.*[A-Z])[A-Z0-9][A-Z0-9-]*$/;

function matchIdKind(row: string): { kind: IdKind; rest: string } | null {
  for (const { text, kind } of ID_KINDS) {
    if (row.endsWith(` ${text}`)) return { kind, rest: row.slice(0, -text.length - 1) };
  }
  return null;
}

/** The table's rows as single strings: rows split over several lines in the seed are joined. */
export function tableRowTexts(seedText: string): string[] {
  const lines = seedText.split(/\r?\n/u).map((line) => line.trim());
  const start = lines.indexOf(TABLE_HEADER);
  if (start < 0) throw new Error('seed table header not found');
  const rows: string[] = [];
  let pending: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith(TABLE_END)) break;
    if (line === '') continue;
    pending.push(line);
    const joined = pending.join(' ');
    if (matchIdKind(joined) !== null) {
      rows.push(joined);
      pending = [];
    }
  }
  if (pending.length > 0) throw new Error(`unterminated table row: ${JSON.stringify(pending.join(' '))}`);
  return rows;
}

export function manufacturerOf(name: string): string {
  const words = name.split(' ');
  const maker = words.find((word) => MANUFACTURERS.includes(word));
  if (maker === undefined) throw new Error(`no known manufacturer in ${JSON.stringify(name)}`);
  return maker;
}

export function deviceClassOf(name: string): DeviceClass {
  if (name.includes('Chromebase')) return 'chromebase';
  if (name.includes('Chromebox')) return 'chromebox';
  if (/Tablette|\bTab \d|d[ée]tachable|IdeaPad Duet/iu.test(name)) return 'tablet';
  return 'chromebook';
}

export function variantCodesOf(name: string): string[] {
  const codes: string[] = [];
  for (const group of name.matchAll(/\(([^)]*)\)/gu)) {
    for (const token of (group[1] ?? '').split(/[/,]/u)) {
      const code = token.trim().toUpperCase();
      if (MODEL_CODE.test(code) && !codes.includes(code)) codes.push(code);
    }
  }
  return codes;
}

/** One joined table row → its catalog entry. */
export function parseRow(row: string): CatalogEntry {
  const id = matchIdKind(row);
  if (id === null) throw new Error(`no certified-ID kind at the end of ${JSON.stringify(row)}`);
  const date = DATE_CELL.exec(id.rest);
  if (date === null || date[1] === undefined)
    throw new Error(`no manufacture date in ${JSON.stringify(row)}`);
  const listed = id.rest.slice(0, date.index).trim();
  const marker = FOOTNOTE_MARKERS.get(listed);
  const name = marker?.name ?? listed;
  return {
    name,
    manufacturer: manufacturerOf(name),
    deviceClass: deviceClassOf(name),
    variantCodes: variantCodesOf(name),
    eligibleFrom: parseEligibleFrom(date[1]),
    idKind: id.kind,
    footnotes: marker === undefined ? [] : [marker.footnote],
    aliases: ALIASES.get(name) ?? [],
  };
}

/** Every row of the seed's compatible-device table, in seed order. */
export function parseSeedTable(seedText: string): CatalogEntry[] {
  return tableRowTexts(seedText).map(parseRow);
}
