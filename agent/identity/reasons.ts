// Stable reason codes of DESIGN §4. Guards and tests compare `code`, never `message`.
// Each reason carries its sentence twice: `message`, formatted in English (the `agent identify --json`
// contract, logs, bundles), and `text`, the catalog message and its values, so that every screen can
// say it in its own locale (`reasonText`).

import {
  DEFAULT_LOCALE,
  type Locale,
  type MessageKey,
  type MessageValues,
  render,
  type Text,
  translate,
} from '../i18n/index.ts';

export type ReasonCode =
  | 'model-not-listed'
  | 'made-before-cutoff'
  | 'manufacture-date-unknown'
  | 'serial-incomplete'
  | 'missing-serial'
  | 'invalid-identifier'
  | 'missing-attested-device-id'
  | 'identity-mismatch';

export interface Reason {
  code: ReasonCode;
  /** The sentence in English. */
  message: string;
  /** The same sentence as a catalog message, for the screens' locale; absent on reasons built elsewhere. */
  text?: Text;
}

export function reason(code: ReasonCode, key: MessageKey, values?: MessageValues): Reason {
  const text: Text = values === undefined ? { key } : { key, values };
  return { code, message: translate(DEFAULT_LOCALE, key, values), text };
}

/** A reason's sentence in `locale` (its English `message` when it has no catalog text). */
export function reasonText(r: Reason, locale: Locale): string {
  return r.text ? render(locale, r.text) : r.message;
}

/** A reason as `agent identify --json` prints it: `{code, message}`, in English unless a locale is given. */
export function publicReason(
  r: Reason,
  locale: Locale = DEFAULT_LOCALE,
): { code: ReasonCode; message: string } {
  return { code: r.code, message: reasonText(r, locale) };
}
