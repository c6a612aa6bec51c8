// The catalogs are written in parts by area (agent/i18n/catalogs/en/, fr/) and merged by spreading:
// a key written in two parts would silently keep only the last one, so each key must be in one part.

import { describe, expect, it } from 'vitest';
import { enAdvice } from '../../../agent/i18n/catalogs/en/advice.ts';
import { enDiagnostics } from '../../../agent/i18n/catalogs/en/diagnostics.ts';
import { enPage } from '../../../agent/i18n/catalogs/en/page.ts';
import { enScreens } from '../../../agent/i18n/catalogs/en/screens.ts';
import { enTerminal } from '../../../agent/i18n/catalogs/en/terminal.ts';
import { frAdvice } from '../../../agent/i18n/catalogs/fr/advice.ts';
import { frDiagnostics } from '../../../agent/i18n/catalogs/fr/diagnostics.ts';
import { frPage } from '../../../agent/i18n/catalogs/fr/page.ts';
import { frScreens } from '../../../agent/i18n/catalogs/fr/screens.ts';
import { frTerminal } from '../../../agent/i18n/catalogs/fr/terminal.ts';
import { en, fr } from '../../../agent/i18n/index.ts';

/** Keys found in more than one part. */
function sharedKeys(parts: readonly Readonly<Record<string, string>>[]): string[] {
  const seen = new Set<string>();
  const shared: string[] = [];
  for (const part of parts) {
    for (const key of Object.keys(part)) {
      if (seen.has(key)) shared.push(key);
      seen.add(key);
    }
  }
  return shared;
}

describe('catalog parts', () => {
  const parts = {
    en: [enScreens, enDiagnostics, enAdvice, enPage, enTerminal],
    fr: [frScreens, frDiagnostics, frAdvice, frPage, frTerminal],
  };

  it.each(['en', 'fr'] as const)('%s: each key is written in one part only', (locale) => {
    expect(sharedKeys(parts[locale])).toEqual([]);
  });

  it.each(['en', 'fr'] as const)('%s: the catalog is exactly its parts', (locale) => {
    const catalog: Readonly<Record<string, string>> = locale === 'en' ? en : fr;
    expect(catalog).toEqual(Object.assign({}, ...parts[locale]));
    expect(Object.keys(catalog)).toHaveLength(parts[locale].reduce((n, p) => n + Object.keys(p).length, 0));
  });
});
