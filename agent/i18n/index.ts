// Message catalogs (fr, en) and the ICU MessageFormat formatter every screen goes through.

export { en, type MessageKey } from './catalogs/en.ts';
export { fr } from './catalogs/fr.ts';
export {
  CATALOGS,
  INTL_LOCALE,
  type MessageValue,
  type MessageValues,
  render,
  type Text,
  type Translator,
  translate,
  translator,
} from './format.ts';
export {
  DEFAULT_LOCALE,
  deviceLocale,
  isLocale,
  LOCALES,
  type Locale,
  type LocaleSource,
  localeOfRegion,
  localeOfTag,
  type VpdLocaleFields,
} from './locales.ts';
export {
  createLocaleSetting,
  type DeviceLocaleSetting,
  fixedLocaleSetting,
  type LocaleSetting,
  type LocaleSettingOptions,
} from './setting.ts';
