import type { IdentityReport } from '../identity/report.ts';

/** The readable table `agent identify` prints without --json. */
export function formatIdentityTable(report: IdentityReport): string {
  const rows: Array<[string, string]> = [
    ['Manufacturer', report.manufacturer ?? '—'],
    ['Model', report.model ?? '— (not listed)'],
    ['Device class', report.deviceClass ?? '—'],
    ['Serial number', report.serialNumber ?? '—'],
    ['ID kind', report.idKind ?? '—'],
    ['Certified device ID', report.certifiedDeviceId ?? '— (not derivable)'],
    ['Manufactured', report.manufactureDate ?? '—'],
    ['Brand code', report.brandCode ?? '—'],
    ['Zero-touch', report.eligible ? 'ZTE✓ eligible' : 'ZTE✗ not eligible'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  for (const r of report.reasons) lines.push(`  ✗ ${r.code}: ${r.message}`);
  const sources = Object.entries(report.sources).map(([field, backend]) => `${field}←${backend}`);
  if (sources.length > 0) lines.push(`${'Sources'.padEnd(width)}  ${sources.join(' ')}`);
  return `${lines.join('\n')}\n`;
}
