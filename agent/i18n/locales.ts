// Which language the screens speak (DESIGN §1, §3): the locales we have catalogs for, and how a device
// says its own, as ChromeOS does — VPD `initial_locale` first, then VPD `region`.

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Where the locale on screen came from (most specific first). */
export type LocaleSource = 'chosen' | 'override' | 'remembered' | 'initial_locale' | 'region' | 'default';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * A BCP 47 tag or a ChromeOS locale name (`fr-FR`, `fr_CA`, `en-GB`, `FR`) → the catalog that speaks
 * its language, or null. Only the primary language subtag decides (`fr-BE`, `fr-CH` are French).
 */
export function localeOfTag(tag: string): Locale | null {
  const primary = /^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$/.exec(tag)?.[1]?.toLowerCase();
  return isLocale(primary) ? primary : null;
}

/**
 * VPD `region` codes (ChromeOS regions database: `us`, `gb`, `fr`, `ca.fr`, `ca.hybrid`, `be`, `ch`…)
 * whose screens we show in French. ChromeOS itself starts Belgium (`be`) and Switzerland (`ch`) in
 * another language of theirs (Dutch, German) that we have no catalog for: of our two, French is an
 * official language there and English is not. Every `<country>.fr` variant (the French-language
 * keyboard layouts, e.g. `ca.fr`) is French; `ca`, `ca.ansi`, `ca.hybrid`, `ca.multix` are English, as
 * on ChromeOS. Any other region, or none, is English.
 */
const FRENCH_REGIONS: ReadonlySet<string> = new Set(['fr', 'be', 'ch', 'lu', 'mc']);

export function localeOfRegion(region: string): Locale | null {
  const code = region.trim().toLowerCase();
  if (!/^[a-z]{2}(?:\.[a-z0-9]+)?$/.test(code)) return null;
  const [country, variant] = code.split('.');
  if (variant === 'fr' || FRENCH_REGIONS.has(country ?? '')) return 'fr';
  return 'en';
}

/** What the VPD says; null for a field that is absent or unusable. */
export interface VpdLocaleFields {
  initialLocale: string | null;
  region: string | null;
}

/**
 * The device's own locale, as ChromeOS picks the OOBE language: the first entry of VPD `initial_locale`
 * (a comma-separated list, e.g. `fr-CA,en-CA`) that we have a catalog for; else VPD `region`; else
 * English.
 */
export function deviceLocale(vpd: VpdLocaleFields): { locale: Locale; source: LocaleSource } {
  for (const tag of (vpd.initialLocale ?? '').split(',')) {
    const locale = localeOfTag(tag);
    if (locale) return { locale, source: 'initial_locale' };
  }
  const byRegion = vpd.region === null ? null : localeOfRegion(vpd.region);
  if (byRegion) return { locale: byRegion, source: 'region' };
  return { locale: DEFAULT_LOCALE, source: 'default' };
}
