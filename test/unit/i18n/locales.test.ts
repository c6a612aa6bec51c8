// Which language a device starts in (VPD `initial_locale`, then `region`, as ChromeOS), and how a
// person's choice, `--locale` and the remembered choice rank.

import { describe, expect, it } from 'vitest';
import {
  createLocaleSetting,
  deviceLocale,
  type Locale,
  localeOfRegion,
  localeOfTag,
} from '../../../agent/i18n/index.ts';

describe('localeOfTag', () => {
  it.each<[string, Locale | null]>([
    ['fr', 'fr'],
    ['fr-FR', 'fr'],
    ['fr_CA', 'fr'],
    ['FR-be', 'fr'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    [' en ', 'en'],
    ['de-DE', null],
    ['nl', null],
    ['', null],
    ['français', null],
  ])('%j → %j', (tag, locale) => {
    expect(localeOfTag(tag)).toBe(locale);
  });
});

describe('localeOfRegion', () => {
  it.each<[string, Locale | null]>([
    ['fr', 'fr'],
    ['ca.fr', 'fr'],
    ['be', 'fr'],
    ['ch', 'fr'],
    ['lu', 'fr'],
    ['FR', 'fr'],
    ['us', 'en'],
    ['gb', 'en'],
    ['ca', 'en'],
    ['ca.hybrid', 'en'],
    ['ca.ansi', 'en'],
    ['de', 'en'],
    ['not a region', null],
    ['', null],
  ])('%j → %j', (region, locale) => {
    expect(localeOfRegion(region)).toBe(locale);
  });
});

describe('deviceLocale', () => {
  it('takes VPD initial_locale first, even when region says otherwise', () => {
    expect(deviceLocale({ initialLocale: 'en-GB', region: 'fr' })).toEqual({
      locale: 'en',
      source: 'initial_locale',
    });
  });

  it('takes the first listed locale it has a catalog for', () => {
    expect(deviceLocale({ initialLocale: 'fr-CA,en-CA', region: 'ca.fr' }).locale).toBe('fr');
    expect(deviceLocale({ initialLocale: 'de-CH,fr-CH', region: null })).toEqual({
      locale: 'fr',
      source: 'initial_locale',
    });
  });

  it('falls back to the region, then English', () => {
    expect(deviceLocale({ initialLocale: null, region: 'be' })).toEqual({ locale: 'fr', source: 'region' });
    expect(deviceLocale({ initialLocale: 'nl-BE', region: 'be' })).toEqual({
      locale: 'fr',
      source: 'region',
    });
    expect(deviceLocale({ initialLocale: null, region: null })).toEqual({ locale: 'en', source: 'default' });
    expect(deviceLocale({ initialLocale: 'de', region: 'xx.yy.zz' })).toEqual({
      locale: 'en',
      source: 'default',
    });
  });
});

describe('createLocaleSetting', () => {
  it('follows the device once its VPD is read, and tells listeners', () => {
    const setting = createLocaleSetting();
    const seen: Locale[] = [];
    setting.subscribe((l) => seen.push(l));
    expect(setting.get()).toBe('en');
    setting.deviceSays({ initialLocale: 'fr-FR', region: 'fr' });
    expect([setting.get(), setting.source()]).toEqual(['fr', 'initial_locale']);
    expect(seen).toEqual(['fr']);
  });

  it('a remembered choice beats the VPD; --locale beats both; a choice on screen beats everything', () => {
    const remembered = createLocaleSetting({ remembered: 'en' });
    remembered.deviceSays({ initialLocale: 'fr-FR', region: 'fr' });
    expect([remembered.get(), remembered.source()]).toEqual(['en', 'remembered']);

    const chosen: Locale[] = [];
    const override = createLocaleSetting({
      override: 'fr',
      remembered: 'en',
      onChoose: (l) => chosen.push(l),
    });
    override.deviceSays({ initialLocale: 'en-US', region: 'us' });
    expect([override.get(), override.source()]).toEqual(['fr', 'override']);
    override.choose('en');
    expect([override.get(), override.source()]).toEqual(['en', 'chosen']);
    override.deviceSays({ initialLocale: 'fr-FR', region: 'fr' });
    expect(override.get()).toBe('en');
    expect(chosen).toEqual(['en']);
  });

  it('ignores a remembered value it has no catalog for, and refuses to choose one', () => {
    expect(createLocaleSetting({ remembered: 'de' }).source()).toBe('default');
    expect(() => createLocaleSetting().choose('de' as Locale)).toThrow(RangeError);
  });

  it('an unsubscribed listener hears nothing more', () => {
    const setting = createLocaleSetting();
    const seen: Locale[] = [];
    const stop = setting.subscribe((l) => seen.push(l));
    setting.choose('fr');
    stop();
    setting.choose('en');
    expect(seen).toEqual(['fr']);
  });
});
