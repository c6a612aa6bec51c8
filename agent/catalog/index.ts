// The compatibility catalog's lookup API (DESIGN §4), used by identity.
// Matching a device to a row: its VPD `model_name` equal to a listed name (case- and
// space-insensitive), or a listed variant code found in `model_name`, DMI `product_sku` or DMI
// `product_name`. Indexes are built once, on first use.

import { DERIVED_MODELS } from './derived.ts';
import { CATALOG_ROWS } from './rows.ts';
import { SMART_DISPLAY_MODELS } from './smart-displays.ts';
import type { CatalogEntry, DerivedModel } from './types.ts';

export type { CatalogEntry, DerivedModel, DeviceClass, IdKind } from './types.ts';
export { DERIVED_MODELS, SMART_DISPLAY_MODELS };

/** Every row of seed 000's table, in seed order. */
export const CATALOG: readonly CatalogEntry[] = CATALOG_ROWS;

/** Seed rows, then our SMART Board display series. Lookups search this, seed rows first. */
export const ALL_MODELS: readonly CatalogEntry[] = [...CATALOG_ROWS, ...SMART_DISPLAY_MODELS];

export interface ModelNameMatch {
  entry: CatalogEntry;
  /** The name to use on the wire: the entry's name, or a derived model's name (e.g. `… (15w)`). */
  listedName: string;
}

export interface VariantCodeMatch extends ModelNameMatch {
  /** The listed code that was found, as listed (upper-case). */
  matchedCode: string;
}

/**
 * The key model names are compared by: lower-case, every whitespace character removed. Accents are
 * also folded (`génération` = `generation`) and Unicode is normalised, because VPD and DMI values are
 * ASCII in practice while several listed names are French.
 */
export function normalizeModelName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s/gu, '');
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isLetterOrDigit(char: string | undefined): boolean {
  return char !== undefined && LETTER_OR_DIGIT.test(char);
}

/**
 * Whether `token` occurs in `text` with no letter or digit right before or right after it. Both
 * arguments must already be upper-cased.
 */
function containsToken(text: string, token: string): boolean {
  if (token === '') return false;
  for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
    if (!isLetterOrDigit(text[at - 1]) && !isLetterOrDigit(text[at + token.length])) return true;
  }
  return false;
}

let nameIndex: Map<string, ModelNameMatch> | undefined;

function getNameIndex(): Map<string, ModelNameMatch> {
  if (nameIndex !== undefined) return nameIndex;
  const index = new Map<string, ModelNameMatch>();
  const add = (spelling: string, match: ModelNameMatch): void => {
    const key = normalizeModelName(spelling);
    // First in order wins; the catalog tests guarantee that no two spellings collide.
    if (!index.has(key)) index.set(key, match);
  };
  for (const entry of ALL_MODELS) {
    add(entry.name, { entry, listedName: entry.name });
    for (const alias of entry.aliases) add(alias, { entry, listedName: entry.name });
  }
  for (const derived of DERIVED_MODELS) {
    const base = index.get(normalizeModelName(derived.baseName));
    if (base !== undefined) add(derived.name, { entry: base.entry, listedName: derived.name });
  }
  nameIndex = index;
  return index;
}

interface CodeIndexItem {
  code: string;
  entry: CatalogEntry;
}

let codeIndex: readonly CodeIndexItem[] | undefined;

/** Every listed code once (first row in catalog order keeps it), longest code first. */
function getCodeIndex(): readonly CodeIndexItem[] {
  if (codeIndex !== undefined) return codeIndex;
  const seen = new Set<string>();
  const items: CodeIndexItem[] = [];
  for (const entry of ALL_MODELS) {
    for (const code of entry.variantCodes) {
      const upper = code.toUpperCase();
      if (seen.has(upper)) continue;
      seen.add(upper);
      items.push({ code: upper, entry });
    }
  }
  // Array.prototype.sort is stable: equal lengths stay in catalog order.
  items.sort((a, b) => b.code.length - a.code.length);
  codeIndex = items;
  return items;
}

let derivedIndex: Map<string, readonly DerivedModel[]> | undefined;

function getDerivedIndex(): Map<string, readonly DerivedModel[]> {
  if (derivedIndex !== undefined) return derivedIndex;
  const index = new Map<string, DerivedModel[]>();
  for (const derived of DERIVED_MODELS) {
    const list = index.get(derived.baseName) ?? [];
    list.push(derived);
    index.set(derived.baseName, list);
  }
  derivedIndex = index;
  return index;
}

/**
 * The entry whose listed name, alias or derived model name equals `name` (case-, space- and
 * accent-insensitive). A derived name returns its base row with `listedName` = the derived name.
 */
export function findByModelName(name: string): ModelNameMatch | null {
  const key = normalizeModelName(name);
  if (key === '') return null;
  return getNameIndex().get(key) ?? null;
}

/**
 * The entry owning a listed variant code found in any of `fields` (VPD model_name, DMI product_sku,
 * DMI product_name…), case-insensitively and only where neither the character before nor the one
 * after the code is a letter or digit. When several codes occur, the longest wins (`C733-R` over
 * `C733`); a code listed under several rows belongs to the first of them in catalog order.
 */
export function findByVariantCode(fields: readonly string[]): VariantCodeMatch | null {
  const texts = fields.filter((field) => field !== '').map((field) => field.toUpperCase());
  if (texts.length === 0) return null;
  for (const { code, entry } of getCodeIndex()) {
    if (texts.some((text) => containsToken(text, code))) {
      return { entry, listedName: entry.name, matchedCode: code };
    }
  }
  return null;
}

/**
 * The listed name to send on the wire for `entry` given the CPU's model name (`/proc/cpuinfo`):
 * a derived model's name when the CPU carries one of its markers as a whole token (Lenovo 14e Gen 3
 * with an Intel N305 → `… (15w)`, footnote 4), else `entry.name`.
 */
export function resolveDerivedModel(entry: CatalogEntry, cpuModel: string | null): string {
  if (cpuModel === null) return entry.name;
  const cpu = cpuModel.toUpperCase();
  const derived = getDerivedIndex()
    .get(entry.name)
    ?.find((model) => model.cpuMarkers.some((marker) => containsToken(cpu, marker.toUpperCase())));
  return derived?.name ?? entry.name;
}
