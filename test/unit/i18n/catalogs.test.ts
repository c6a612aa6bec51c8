// The two catalogs say the same things: a key missing in one of them, a placeholder renamed or of
// another kind, a select case dropped, or a message that does not parse fails here.

import { describe, expect, it } from 'vitest';
import { catalogProblems, placeholdersOf } from '../../../agent/i18n/check.ts';
import { en, fr, LOCALES, translate } from '../../../agent/i18n/index.ts';

describe('message catalogs', () => {
  it('fr has exactly the keys of en, with the same placeholders, kinds and cases', () => {
    expect(catalogProblems(en, fr, { reference: 'en', other: 'fr' })).toEqual([]);
  });

  it('the check finds a key missing on either side', () => {
    const reference = { 'a.one': 'One', 'a.two': 'Two' };
    expect(catalogProblems(reference, { 'a.one': 'Un' })).toEqual(['a.two: missing in other']);
    expect(catalogProblems({ 'a.one': 'One' }, { 'a.one': 'Un', 'a.extra': 'En trop' })).toEqual([
      'a.extra: missing in reference',
    ]);
  });

  it('the check finds a renamed placeholder, a changed kind and a dropped case', () => {
    expect(catalogProblems({ k: 'Hello {name}' }, { k: 'Bonjour {nom}' })).toEqual([
      'k: placeholders differ (reference: name:argument; other: nom:argument)',
    ]);
    expect(
      catalogProblems({ k: '{n, plural, one {# day} other {# days}}' }, { k: '{n} jours' }),
    ).toHaveLength(1);
    expect(
      catalogProblems(
        { k: '{t, select, display {screen} other {device}}' },
        { k: '{t, select, other {appareil}}' },
      ),
    ).toHaveLength(1);
    expect(catalogProblems({ k: 'Made {at, date, long}' }, { k: 'Fait {at, time, short}' })).toHaveLength(1);
  });

  it('the check reports a message that does not parse', () => {
    expect(catalogProblems({ k: 'ok {a}' }, { k: 'cassé {a' })[0]).toMatch(/^k: other does not parse/);
  });

  it('reads placeholders inside select and plural cases', () => {
    expect(placeholdersOf('{thing, select, display {in {domain}} other {{domain}}}')).toEqual([
      'domain:argument',
      'thing:select[display,other]',
    ]);
  });

  it('every message of both catalogs formats with values of its placeholders’ kinds', () => {
    const sample = (message: string): Record<string, string | number | Date> => {
      const values: Record<string, string | number | Date> = {};
      for (const p of placeholdersOf(message)) {
        const [name = '', kind = ''] = p.split(':');
        values[name] =
          kind.startsWith('date') || kind.startsWith('time')
            ? new Date(Date.UTC(2026, 11, 2, 12))
            : kind.startsWith('number') || kind.startsWith('plural')
              ? 2
              : 'x';
      }
      return values;
    };
    for (const locale of LOCALES) {
      for (const [key, message] of Object.entries(locale === 'en' ? en : fr)) {
        const out = translate(locale, key as keyof typeof en, sample(message));
        expect(out.length, `${locale} ${key}`).toBeGreaterThan(0);
        expect(out, `${locale} ${key}`).not.toMatch(/[{}]/);
      }
    }
  });
});

describe('the French catalog is French', () => {
  /** Messages that read the same in both languages: names, units, codes and pure layouts. */
  const SAME_IN_BOTH = new Set([
    'locale.name.en',
    'locale.name.fr',
    'common.dash',
    'duration.ms',
    'duration.s',
    'date.day',
    'date.dateTime',
    'date.time',
    'page.diag.interface',
    'page.diag.mac',
    'diag.kind.wifi',
    'diag.kind.ethernet',
    'diag.kind.type',
    'diag.took',
    'diag.timelineAt',
    'terminal.diag.step',
    'identify.sources',
  ]);

  it('translates every message but names, units and layouts', () => {
    const untranslated = Object.keys(en).filter((k) => en[k as keyof typeof en] === fr[k as keyof typeof fr]);
    expect(untranslated.filter((k) => !SAME_IN_BOTH.has(k))).toEqual([]);
  });

  it('uses the seeds’ own wording', () => {
    const all = Object.values(fr).join('\n');
    // Seed 000 (ChromeOS ZTE guide, French edition).
    expect(all).toContain('inscription sans contact');
    expect(fr['manual.reason.not-pre-provisioned']).toContain('pré-provisionné');
    expect(fr['advice.step.partner']).toBe(
      'Contactez votre partenaire de pré-provisionnement pour vous assurer qu’il a correctement renseigné le jeton, le domaine et l’appareil. Le cas échéant, contactez l’assistance pour obtenir de l’aide.',
    );
    expect(fr['manual.advice.check-eligibility-alt-v.1']).toBe(
      'Vérifiez que l’appareil a été pré-provisionné et qu’il est compatible avec l’inscription sans contact en appuyant sur Alt+V lors de sa configuration initiale.',
    );
    expect(fr['manual.advice.check-eligibility-alt-v.2']).toBe(
      'Contactez le service d’assistance pour obtenir de l’aide.',
    );
    expect(fr['advice.step.licences']).toBe(
      'Contactez votre revendeur pour acheter d’autres licences Chrome Enterprise Upgrade.',
    );
    // Seed 002 (SMART Remote Management).
    expect(fr['explain.smart-domain-not-activated.1']).toContain('«\u00a0Numéro du code PIN\u00a0»');
    expect(fr['explain.smart-domain-not-activated.1']).toContain('«\u00a0Utiliser\u00a0»');
    expect(fr['explain.smart-domain-not-activated.1']).toContain('Icône Utilisateur');
    expect(fr['explain.smart-domain-not-activated.3']).toContain('smarttech.com/contactsupport');
  });
});
