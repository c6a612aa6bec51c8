// The locale across boots, on the real agent runtime and a materialised device tree: the device's VPD
// decides at first, a person's choice is written to state.json and wins on the next boot, `--locale`
// overrides for one boot. The device is not in the compatibility list, so each boot settles on the
// manual screen without asking any server.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../../agent/i18n/index.ts';
import { planBoot, validatePersistedState } from '../../../agent/persistence/index.ts';
import { startAgent } from '../../../agent/runtime/agent.ts';
import { createDeviceDeps } from '../../../agent/runtime/create-deps.ts';
import { screenModelOf } from '../../../agent/ui/web/index.ts';
import { materializeDeviceTree } from '../../../simulator/device-tree.ts';

let root: string;
let stateDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'zte-i18n-boot-'));
  stateDir = join(root, 'var/lib/zte-agent');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function device(vpd: { initial_locale?: string; region?: string }) {
  await materializeDeviceTree(root, {
    dmi: { sys_vendor: 'Frobozz', product_name: 'Frobook 9000', product_serial: 'FRB0000001' },
    vpd: { serial_number: 'FRB0000001', model_name: 'Frobook 9000', mfg_date: '2024-01-10', ...vpd },
  });
}

/** One boot to the manual screen: what it showed, in which language and why, and what it wrote. */
async function boot(locale?: Locale, choose?: Locale) {
  const agent = await startAgent(
    createDeviceDeps({ server: 'http://127.0.0.1:9', root, stateDir }),
    locale ? { locale } : {},
  );
  const outcome = await agent.settled;
  if (choose) agent.locale.choose(choose);
  const model = screenModelOf(agent.actor.getSnapshot(), agent.locale.get());
  const result = { outcome, locale: agent.locale.get(), source: agent.locale.source(), model };
  await agent.stop();
  const state = JSON.parse(await readFile(join(stateDir, 'state.json'), 'utf8')) as { locale?: string };
  return { ...result, saved: state.locale };
}

describe('the screens’ locale across boots', () => {
  it('starts in the language of VPD initial_locale, and a person’s choice is remembered', async () => {
    await device({ initial_locale: 'fr-FR', region: 'fr' });
    const first = await boot(undefined, 'en');
    expect(first.outcome.reason).toBe('model-not-listed');
    expect(first.saved).toBe('en');

    const second = await boot();
    expect([second.locale, second.source]).toEqual(['en', 'remembered']);
    expect(second.model.title).toBe('Enroll this device manually');
  });

  it('reads VPD region when there is no initial_locale, and words the manual screen in French', async () => {
    await device({ region: 'ca.fr' });
    const first = await boot();
    expect([first.locale, first.source]).toEqual(['fr', 'region']);
    expect(first.saved).toBeUndefined();
    expect(first.model.title).toBe('Inscrire cet appareil manuellement');
    expect(first.model.manual?.reasonText).toContain('Le modèle "Frobook 9000" ne figure pas');
    expect(first.model.manual?.advice?.steps[0]).toContain('en appuyant sur Alt+V');
  });

  it('--locale overrides the VPD and the remembered choice for one boot, without being remembered', async () => {
    await device({ initial_locale: 'fr-FR' });
    await boot(undefined, 'fr');
    const overridden = await boot('en');
    expect([overridden.locale, overridden.source]).toEqual(['en', 'override']);
    expect(overridden.saved).toBe('fr');
    expect((await boot()).source).toBe('remembered');
  });
});

describe('the locale in state.json', () => {
  const record = {
    version: 1,
    bootId: 'b1',
    bootAttempts: 0,
    phase: 'manual.waiting',
    updatedAt: '2026-12-02T08:00:00.000Z',
    history: [],
  };

  it('is kept when it is a language tag, and carried to the next boot', () => {
    const checked = validatePersistedState({ ...record, locale: 'fr' });
    expect(checked.ok && checked.state.locale).toBe('fr');
    if (!checked.ok) return;
    const { next } = planBoot(checked.state, { bootId: 'b2', now: new Date('2026-12-02T09:00:00Z') });
    expect(next.locale).toBe('fr');
  });

  it('makes the record corrupt when it is not a language tag', () => {
    for (const locale of ['', 'fr FR', '<script>', 42, 'x'.repeat(40)]) {
      expect(validatePersistedState({ ...record, locale })).toMatchObject({ ok: false, problem: 'corrupt' });
    }
  });
});
