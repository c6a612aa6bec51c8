// The one formatter: ICU MessageFormat through intl-messageformat (FormatJS), over the catalogs. The web
// page, the terminal UI, reasons and advice all go through `translate`, so every screen says the same
// thing in the same words. Compiled messages are cached per locale and key.

import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey } from './catalogs/en.ts';
import { fr } from './catalogs/fr.ts';
import type { Locale } from './locales.ts';

export type { MessageKey } from './catalogs/en.ts';

export type MessageValue = string | number | Date;
export type MessageValues = Readonly<Record<string, MessageValue>>;

/** A message not formatted yet: formatted late, in the locale of whoever reads it. */
export interface Text {
  key: MessageKey;
  values?: MessageValues;
}

export const CATALOGS: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, fr };

/** The locale Intl formats dates and numbers with (British English: the project's spelling). */
export const INTL_LOCALE: Readonly<Record<Locale, string>> = { en: 'en-GB', fr: 'fr-FR' };

const compiled = new Map<string, IntlMessageFormat>();

function compile(locale: Locale, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let message = compiled.get(id);
  if (message === undefined) {
    message = new IntlMessageFormat(CATALOGS[locale][key], INTL_LOCALE[locale]);
    compiled.set(id, message);
  }
  return message;
}

/** Formats one message of the catalog of `locale`. */
export function translate(locale: Locale, key: MessageKey, values?: MessageValues): string {
  const out = compile(locale, key).format<string>(values as Record<string, MessageValue> | undefined);
  if (typeof out !== 'string') throw new TypeError(`message ${key} did not format to a string`);
  return out;
}

/** Formats a late message. */
export function render(locale: Locale, text: Text): string {
  return translate(locale, text.key, text.values);
}

export interface Translator {
  readonly locale: Locale;
  t(key: MessageKey, values?: MessageValues): string;
  render(text: Text): string;
}

export function translator(locale: Locale): Translator {
  return {
    locale,
    t: (key, values) => translate(locale, key, values),
    render: (text) => render(locale, text),
  };
}
