// The locale the screens speak right now, shared by the web and terminal UIs: a person's choice on the
// first screen (remembered across boots with the agent's state), then `--locale`, then the remembered
// choice of an earlier boot, then what the device's VPD says, then English.

import {
  DEFAULT_LOCALE,
  deviceLocale,
  isLocale,
  type Locale,
  type LocaleSource,
  type VpdLocaleFields,
} from './locales.ts';

export interface LocaleSetting {
  get(): Locale;
  source(): LocaleSource;
  /** A person picked a language: it applies at once and is remembered. */
  choose(locale: Locale): void;
  /** Called with the new locale whenever it changes. */
  subscribe(listener: (locale: Locale) => void): () => void;
}

export interface DeviceLocaleSetting extends LocaleSetting {
  /** The device's VPD was read: it decides unless a person, `--locale` or an earlier choice did. */
  deviceSays(vpd: VpdLocaleFields): void;
}

export interface LocaleSettingOptions {
  /** `--locale`: wins over the remembered choice and the VPD, not over a choice made on screen. */
  override?: Locale | null;
  /** The choice a person made on an earlier boot (from state.json); ignored unless a known locale. */
  remembered?: string | null;
  /** Persists a person's choice. */
  onChoose?: (locale: Locale) => void;
}

export function createLocaleSetting(options: LocaleSettingOptions = {}): DeviceLocaleSetting {
  let locale: Locale = DEFAULT_LOCALE;
  let source: LocaleSource = 'default';
  if (options.override) {
    locale = options.override;
    source = 'override';
  } else if (isLocale(options.remembered)) {
    locale = options.remembered;
    source = 'remembered';
  }
  const listeners = new Set<(locale: Locale) => void>();
  const set = (next: Locale, why: LocaleSource) => {
    const changed = next !== locale;
    locale = next;
    source = why;
    if (changed) for (const listener of [...listeners]) listener(next);
  };
  return {
    get: () => locale,
    source: () => source,
    choose(next) {
      if (!isLocale(next)) throw new RangeError(`not a supported locale: ${String(next)}`);
      set(next, 'chosen');
      options.onChoose?.(next);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    deviceSays(vpd) {
      if (source !== 'default' && source !== 'initial_locale' && source !== 'region') return;
      const found = deviceLocale(vpd);
      set(found.locale, found.source);
    },
  };
}

/** A setting that stays on one locale unless a person changes it (tests, tools without a device). */
export function fixedLocaleSetting(locale: Locale = DEFAULT_LOCALE): LocaleSetting {
  return createLocaleSetting({ override: locale });
}
