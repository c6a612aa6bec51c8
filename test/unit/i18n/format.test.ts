// ICU MessageFormat through intl-messageformat: plurals, selects, dates and numbers of each locale.

import { describe, expect, it } from 'vitest';
import { translate } from '../../../agent/i18n/index.ts';
import { reason, reasonText } from '../../../agent/identity/reasons.ts';

describe('translate', () => {
  it('chooses the plural form of each language', () => {
    expect(translate('en', 'reason.samsungLength', { length: 1 })).toContain('has 1 character:');
    expect(translate('en', 'reason.samsungLength', { length: 16 })).toContain('has 16 characters:');
    expect(translate('fr', 'reason.samsungLength', { length: 1 })).toContain('compte 1 caractère\u00a0:');
    expect(translate('fr', 'reason.samsungLength', { length: 13 })).toContain('compte 13 caractères\u00a0:');
  });

  it('chooses the select case (display or device)', () => {
    expect(translate('fr', 'screen.checking.title', { thing: 'display' })).toBe('Préparation de cet écran');
    expect(translate('fr', 'screen.checking.title', { thing: 'device' })).toBe('Préparation de cet appareil');
    expect(translate('en', 'screen.manual.title', { thing: 'display' })).toBe('Enroll this display');
  });

  it('formats dates and numbers for the locale', () => {
    const date = new Date(2023, 10, 2, 12);
    expect(translate('fr', 'date.day', { date })).toBe('2 novembre 2023');
    expect(translate('en', 'date.day', { date })).toBe('2 November 2023');
    expect(translate('fr', 'duration.s', { seconds: 1.5 })).toBe('1,5 s');
    expect(translate('en', 'duration.s', { seconds: 1.5 })).toBe('1.5 s');
  });

  it('keeps a model name from the French table as it is, inside either language', () => {
    const model = 'Chromebook Acer 311 (C722/C722T)';
    const values = { made: '2019-05-01', model, cutoff: '2020-01-01' };
    expect(translate('en', 'reason.madeBeforeCutoff', values)).toBe(
      `Made on 2019-05-01; ${model} is compatible only if made on or after 2020-01-01.`,
    );
    expect(translate('fr', 'reason.madeBeforeCutoff', values)).toBe(
      `Fabriqué le 2019-05-01\u00a0; ${model} n’est compatible que s’il a été fabriqué le 2020-01-01 ou après.`,
    );
  });
});

describe('identity reasons', () => {
  it('keep their English message and say it again in any locale', () => {
    const r = reason('model-not-listed', 'reason.modelNotListed', { model: 'Frobook 9' });
    expect(r.message).toBe(
      'Model "Frobook 9" is not in the zero-touch compatible device list (no listed name or variant code matched).',
    );
    expect(reasonText(r, 'fr')).toBe(
      'Le modèle "Frobook 9" ne figure pas dans la liste des appareils compatibles avec l’inscription sans contact (aucun nom ni code de variante listé ne correspond).',
    );
    expect(reasonText({ code: 'missing-serial', message: 'built elsewhere' }, 'fr')).toBe('built elsewhere');
  });
});
