// The page's own words: labels come from `GET /api/i18n` in the screens' locale (the page formats
// nothing itself), applied to the `data-i18n` elements and the language switch.

import { $, h } from './dom.js';

let locale = null;
let strings = {};

/** A label of the page in the current locale (`page.*` keys of the catalogs). */
export function tr(key) {
  return strings[key] ?? key;
}

function applyStrings(i18n) {
  locale = i18n.locale;
  strings = i18n.messages;
  document.documentElement.lang = i18n.locale;
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const key = el.dataset.i18n;
    el.textContent = key === 'locale.switch.label' ? i18n.label : tr(key);
  }
  for (const el of document.querySelectorAll('[data-i18n-alt]')) el.alt = tr(el.dataset.i18nAlt);
  const select = $('locale-switch');
  select.replaceChildren(
    ...i18n.locales.map((l) =>
      h('option', { value: l.tag, lang: l.tag, selected: l.tag === i18n.locale }, l.name),
    ),
  );
  select.value = i18n.locale;
}

export async function loadStrings() {
  const r = await fetch('/api/i18n');
  if (r.ok) applyStrings(await r.json());
}

/** The locale of the labels shown (null before the first `GET /api/i18n`). */
export function currentLocale() {
  return locale;
}
