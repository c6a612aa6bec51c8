import { DEFAULT_LOCALE, type Locale, translator } from '../i18n/index.ts';
import type { IdentityReport } from '../identity/report.ts';

/** The readable table `agent identify` prints without --json (English unless `--locale` says otherwise). */
export function formatIdentityTable(report: IdentityReport, locale: Locale = DEFAULT_LOCALE): string {
  const { t } = translator(locale);
  const rows: Array<[string, string]> = [
    [t('identify.manufacturer'), report.manufacturer ?? '—'],
    [t('identify.model'), report.model ?? t('identify.notListed')],
    [t('identify.deviceClass'), report.deviceClass ?? '—'],
    [t('identify.serial'), report.serialNumber ?? '—'],
    [t('identify.idKind'), report.idKind ?? '—'],
    [t('identify.certifiedId'), report.certifiedDeviceId ?? t('identify.notDerivable')],
    [t('identify.manufactured'), report.manufactureDate ?? '—'],
    [t('identify.brandCode'), report.brandCode ?? '—'],
    [t('identify.zeroTouch'), report.eligible ? t('identify.eligible') : t('identify.notEligible')],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  for (const r of report.reasons) lines.push(`  ✗ ${r.code}: ${r.message}`);
  const sources = Object.entries(report.sources).map(([field, backend]) => `${field}←${backend}`);
  if (sources.length > 0) lines.push(`${t('identify.sources').padEnd(width)}  ${sources.join(' ')}`);
  return `${lines.join('\n')}\n`;
}
