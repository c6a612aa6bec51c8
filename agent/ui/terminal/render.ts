// Text renderings of the OOBE screens and the Alt+V overlay, for a terminal or a serial console. The
// words are the screen model's (already in its locale) and the catalogs' (agent/i18n), as on the web.

import type { Diagnostics } from '../../diagnostics/types.ts';
import { LOCALES, type Locale, translate, translator } from '../../i18n/index.ts';
import { diagnosticsView } from '../diagnostics-view.ts';
import type { ScreenModel } from '../web/screen-model.ts';

const RULE = '─'.repeat(60);

/** The language the `l` key switches to, named in that language (`Français`, `English`). */
export function otherLocale(locale: Locale): Locale {
  return LOCALES.find((l) => l !== locale) ?? locale;
}

export function otherLocaleName(locale: Locale): string {
  const other = otherLocale(locale);
  return translate(other, `locale.name.${other}`);
}

/** `languageKey`: the `l` key switches the language on this screen (no text prompt), so say so. */
export function renderScreen(model: ScreenModel, prompt: string | null, languageKey = true): string {
  const { t } = translator(model.locale);
  const lines = [RULE, model.title.toLocaleUpperCase(model.locale), '', model.message];
  if (model.detail) lines.push(model.detail);
  if (model.orgUnitText) lines.push(model.orgUnitText);
  if (model.error) {
    lines.push('', t('terminal.errorCode', { code: model.error.code }), model.error.message);
    for (const [i, step] of model.error.steps.entries()) lines.push(`  ${i + 1}. ${step}`);
  }
  if (model.manual && model.manual.reasonText !== model.message)
    lines.push('', t('terminal.why', { reason: model.manual.reasonText }));
  if (model.manual?.advice) {
    lines.push('', t('terminal.whatToDo'));
    for (const [i, step] of model.manual.advice.steps.entries()) lines.push(`  ${i + 1}. ${step}`);
  }
  if (model.device.serialNumber) lines.push('', t('terminal.serial', { serial: model.device.serialNumber }));
  lines.push('', t('terminal.altV'));
  if (languageKey) lines.push(t('terminal.switchLanguage', { other: otherLocaleName(model.locale) }));
  if (prompt) lines.push('', prompt);
  return `${lines.join('\n')}\n`;
}

export function renderDiagnostics(d: Diagnostics, locale: Locale, now: Date = new Date()): string {
  const { t } = translator(locale);
  const v = diagnosticsView(d, locale, now);
  const id = d.identity;
  const lines = [RULE, t('terminal.diag.title'), ''];
  lines.push(t('terminal.diag.agentVersion', { version: v.agentVersion }));
  lines.push(v.chromeOsLine);
  if (id) {
    lines.push(
      t('terminal.diag.model', {
        model: id.model ?? t('terminal.diag.notListed'),
        manufacturer: id.manufacturer ?? t('terminal.diag.unknownMaker'),
        idKind: v.device.idKind,
      }),
    );
    lines.push(t('terminal.diag.eligible', { eligible: v.device.eligible }));
    for (const r of v.reasons) lines.push(`  ✗ ${r.code}: ${r.text}`);
  }
  lines.push(v.server.summary);
  for (const n of d.network) {
    const kind = n.wireless ? 'wifi' : n.virtual ? 'virtual' : 'other';
    lines.push(
      t('terminal.diag.network', {
        name: n.name,
        state: n.operstate ?? '?',
        kind,
        mac: n.mac ?? '',
      }).trimEnd(),
    );
  }
  lines.push(t('terminal.diag.state', { state: d.state }));
  for (const h of v.timeline.slice(-12))
    lines.push(t('terminal.diag.step', { ms: h.sinceStartMs, state: h.state }));
  if (v.lastError)
    lines.push(
      t('terminal.diag.lastError', { code: v.lastError.code, message: v.lastError.message }),
      t('terminal.diag.advice', { advice: v.lastError.advice }),
    );
  if (d.policy) {
    const timestamp = v.policy?.timestamp ?? t('terminal.diag.policyNotReceived');
    const shown = d.policy.timestamp ? timestamp : t('terminal.diag.policyNotReceived');
    lines.push(
      d.policy.managedBy
        ? t('terminal.diag.policyManaged', { timestamp: shown, managedBy: d.policy.managedBy })
        : t('terminal.diag.policy', { timestamp: shown }),
      d.policy.keyVersion !== null
        ? t('terminal.diag.policyKeyVersion', {
            fingerprint: d.policy.keyFingerprint,
            version: d.policy.keyVersion,
          })
        : t('terminal.diag.policyKey', { fingerprint: d.policy.keyFingerprint }),
      t('terminal.diag.policySettings', { settings: JSON.stringify(d.policy.settings) }),
    );
  }
  for (const b of v.backends) lines.push(t('terminal.diag.backend', { name: b.name, status: b.status }));
  return `${lines.join('\n')}\n`;
}
