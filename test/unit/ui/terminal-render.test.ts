// The terminal UI's texts in both locales: screens, the Alt+V overlay, and the `l` key that switches
// the language on a screen without a text prompt.

import { describe, expect, it } from 'vitest';
import type { DiagnosticsService } from '../../../agent/diagnostics/service.ts';
import type { Diagnostics } from '../../../agent/diagnostics/types.ts';
import { createLocaleSetting, type Locale } from '../../../agent/i18n/index.ts';
import { reason } from '../../../agent/identity/reasons.ts';
import { renderDiagnostics, renderScreen } from '../../../agent/ui/terminal/render.ts';
import { startTerminalUi } from '../../../agent/ui/terminal/terminal-ui.ts';
import { screenModelOf } from '../../../agent/ui/web/index.ts';
import type { TerminalKey } from '../../../hal/interface.ts';
import { eligibleIdentity, happyScript, NOT_IN_SET, startMachine } from '../../helpers/machine/index.ts';

const ineligible = eligibleIdentity({
  model: 'Chromebook Acer 311 (C722/C722T)',
  eligible: false,
  manufactureDate: '2019-05-01',
  reasons: [
    reason('made-before-cutoff', 'reason.madeBeforeCutoff', {
      made: '2019-05-01',
      model: 'Chromebook Acer 311 (C722/C722T)',
      cutoff: '2020-01-01',
    }),
  ],
});

function diagnostics(): Diagnostics {
  return {
    agentVersion: '9.8.7',
    identity: ineligible,
    zteReady: false,
    server: {
      reachable: true,
      preProvisioned: false,
      managementDomain: null,
      orgUnitPath: null,
      licensePackaged: null,
      enrollmentMode: 'none',
      checkedAt: '2026-12-02T12:00:00.000Z',
      error: null,
    },
    network: [
      { name: 'eth0', mac: '00:e0:4c:68:00:01', type: 1, operstate: 'up', virtual: false, wireless: false },
    ],
    state: 'manual.waiting',
    history: [
      { state: 'booting', at: '2026-12-02T12:00:00.000Z' },
      { state: 'manual.waiting', at: '2026-12-02T12:00:01.500Z' },
    ],
    lastError: { code: 'missing-licenses', message: 'HTTP 402', advice: 'ignored: worded again' },
    policy: null,
    backends: { sysfs: 'available', 'keyboard:hid': 'unavailable: no HID keyboard found' },
  };
}

/** The overlay's data never changes in these tests; nothing is exported. */
const staticDiagnostics: DiagnosticsService = {
  collect: async () => diagnostics(),
  exportBundle: async () => {
    throw new Error('not exported in these tests');
  },
};

async function manualModel(locale: Locale) {
  const agent = startMachine({ ...happyScript(), readIdentity: [{ ok: ineligible }] });
  await agent.reach('manual.waiting');
  const model = screenModelOf(agent.view.actor.getSnapshot(), locale);
  agent.stop();
  return model;
}

describe('terminal screens', () => {
  it('English: the manual screen with the reason, the Alt+V step and the language key', async () => {
    const text = renderScreen(await manualModel('en'), null);
    expect(text).toContain('ENROLL THIS DEVICE MANUALLY');
    expect(text).toContain(
      'Made on 2019-05-01; Chromebook Acer 311 (C722/C722T) is compatible only if made on or after 2020-01-01.',
    );
    expect(text).toContain('What to do:');
    expect(text).toContain('  1. Press Alt+V during the initial setup');
    expect(text).toContain('  2. Contact support for help.');
    expect(text).toContain('Press Alt+V (Esc then v) for diagnostics.');
    expect(text).toContain('Press l to read this in Français.');
  });

  it('French: the same screen in the seed’s words, the model name as the table writes it', async () => {
    const text = renderScreen(await manualModel('fr'), null);
    expect(text).toContain('INSCRIRE CET APPAREIL MANUELLEMENT');
    expect(text).toContain(
      'Fabriqué le 2019-05-01\u00a0; Chromebook Acer 311 (C722/C722T) n’est compatible que s’il a été fabriqué le 2020-01-01 ou après.',
    );
    expect(text).toContain('Que faire\u00a0:');
    expect(text).toContain('  2. Contactez le service d’assistance pour obtenir de l’aide.');
    expect(text).toContain('Appuyez sur Alt+V (Échap puis v) pour le diagnostic.');
    expect(text).toContain('Appuyez sur l pour lire ceci en English.');
    expect(text).not.toContain('What to do');
  });

  it('does not offer the language key while a text prompt reads letters', async () => {
    expect(renderScreen(await manualModel('en'), null, false)).not.toContain('Press l');
  });
});

describe('terminal Alt+V overlay', () => {
  it('English', () => {
    const text = renderDiagnostics(diagnostics(), 'en', new Date('2026-12-02T12:00:05Z'));
    expect(text).toContain('DIAGNOSTICS (Alt+V or Esc to close)');
    expect(text).toContain('ZTE✗ ADID:');
    expect(text).toContain('Eligible for zero-touch: no');
    expect(text).toContain('  ✗ made-before-cutoff: Made on 2019-05-01;');
    expect(text).toContain('Server: not pre-provisioned (checked 2 Dec 2026');
    expect(text).toContain('Last error: missing-licenses: HTTP 402');
    expect(text).toContain('  Advice: Contact your reseller to buy more Chrome Enterprise Upgrade licences.');
    expect(text).toContain('  +1,500 ms  manual.waiting');
    expect(text).toContain('Backend keyboard:hid: unavailable: no HID keyboard found');
  });

  it('French: words, dates and numbers of the locale; codes, model names and states as they are', () => {
    const text = renderDiagnostics(diagnostics(), 'fr', new Date('2026-12-02T12:00:05Z'));
    expect(text).toContain('DIAGNOSTIC (Alt+V ou Échap pour fermer)');
    expect(text).toContain('Éligible à l’inscription sans contact\u00a0: non');
    expect(text).toContain(
      '  ✗ made-before-cutoff: Fabriqué le 2019-05-01\u00a0; Chromebook Acer 311 (C722/C722T)',
    );
    expect(text).toContain('Serveur\u00a0: non pré-provisionné (vérifié le 2 déc. 2026');
    // The error's own message is English: the French overlay gives the code's words instead.
    expect(text).toContain(
      'Dernière erreur\u00a0: missing-licenses\u00a0: L’organisation n’a pas assez de licences Chrome Enterprise Upgrade',
    );
    expect(text).not.toContain('HTTP 402');
    expect(text).toContain(
      '  Conseil\u00a0: Contactez votre revendeur pour acheter d’autres licences Chrome Enterprise Upgrade.',
    );
    expect(text).toMatch(/\+1\s500 ms {2}manual\.waiting/);
    expect(text).toContain('Composant sysfs\u00a0: disponible');
    expect(text).toContain('Composant keyboard:hid\u00a0: indisponible\u00a0: no HID keyboard found');
  });
});

describe('the terminal UI’s language key', () => {
  function keys() {
    let listener: (key: TerminalKey) => void = () => undefined;
    return {
      source: {
        onKey(l: (key: TerminalKey) => void) {
          listener = l;
          return () => undefined;
        },
      },
      press: (...ks: TerminalKey[]) => {
        for (const k of ks) listener(k);
      },
    };
  }

  it('`l` on a screen without a prompt switches to French and back, and the choice is shared', async () => {
    const agent = startMachine({ ...happyScript(), fetchEnrollmentState: [{ hold: true }] });
    await agent.reach('automatic.determining');
    const chosen: Locale[] = [];
    const locale = createLocaleSetting({ onChoose: (l) => chosen.push(l) });
    const out: string[] = [];
    const k = keys();
    const ui = startTerminalUi({
      actor: agent.view.actor,
      diagnostics: staticDiagnostics,
      keys: k.source,
      output: { write: (t: string) => out.push(t) },
      locale,
    });
    expect(out.join('')).toContain('GETTING THIS DEVICE READY');
    k.press({ kind: 'char', char: 'l' });
    expect(locale.get()).toBe('fr');
    expect(out.at(-1)).toContain('PRÉPARATION DE CET APPAREIL');
    k.press({ kind: 'char', char: 'l' });
    expect(out.at(-1)).toContain('GETTING THIS DEVICE READY');
    expect(chosen).toEqual(['fr', 'en']);
    ui.close();
    agent.stop();
  });

  it('on the error screen, `l` then Enter switches; the prompt is in the new language', async () => {
    const agent = startMachine({ ...happyScript(), fetchEnrollmentState: [{ ok: NOT_IN_SET }] });
    await agent.reach('manual.waiting');
    const locale = createLocaleSetting();
    const out: string[] = [];
    const k = keys();
    const ui = startTerminalUi({
      actor: agent.view.actor,
      diagnostics: staticDiagnostics,
      keys: k.source,
      output: { write: (t: string) => out.push(t) },
      locale,
    });
    expect(out.join('')).toContain('Type 1 then Enter to sign in as an administrator');
    k.press({ kind: 'char', char: 'l' }, { kind: 'enter' });
    expect(locale.get()).toBe('fr');
    expect(out.at(-1)).toContain('Tapez 1 puis Entrée pour vous connecter en tant qu’administrateur');
    // Letters typed at a text prompt stay text.
    k.press({ kind: 'char', char: '1' }, { kind: 'enter' });
    expect(out.at(-1)).toBe('Adresse e-mail de l’administrateur\u00a0: ');
    k.press({ kind: 'char', char: 'l' });
    expect(locale.get()).toBe('fr');
    ui.close();
    agent.stop();
  });
});
