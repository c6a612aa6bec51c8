// The Alt+V overlay in words: the diagnostics (`GET /api/diagnostics`, codes and data) turned into the
// texts a technician reads, in one locale — yes/no, dates and durations formatted for it, each reason
// and the last error's advice from the catalogs. The web overlay (`GET /api/diagnostics/view`) and the
// terminal overlay both show this, so they say the same thing.

import type { Diagnostics } from '../diagnostics/types.ts';
import { adviceText, explainError } from '../diagnostics/words.ts';
import { type Locale, type Translator, translate, translator } from '../i18n/index.ts';
import { reasonText } from '../identity/reasons.ts';

export interface DiagnosticsView {
  locale: Locale;
  agentVersion: string;
  /** ChromeOS's own line, `ZTE✓ ADID:<id> SN:<serial>` (the same in every language, as on ChromeOS). */
  chromeOsLine: string;
  /** The line without its `ZTE✓ ` mark: `ADID:<id> SN:<serial>`. */
  chromeOsIds: string;
  zte: { ready: boolean; text: string };
  device: {
    manufacturer: string;
    model: string;
    serialNumber: string;
    certifiedDeviceId: string;
    idKind: string;
    manufactured: string;
    eligible: string;
  };
  /** Each eligibility reason in words; `reasonsEmpty` says why there are none. */
  reasons: Array<{ code: string; text: string }>;
  reasonsEmpty: string | null;
  server: {
    reachable: string;
    preProvisioned: string;
    managementDomain: string;
    orgUnitPath: string;
    licensePackaged: string;
    checkedAt: string;
    error: string;
    /** The whole answer on one line (the terminal's). */
    summary: string;
  };
  policy: { timestamp: string; key: string; settings: string } | null;
  policyNone: { timestamp: string; key: string; settings: string };
  lastError: { code: string; message: string; advice: string } | null;
  noError: string;
  network: Array<{ name: string; state: string; kind: string; mac: string }>;
  networkEmpty: string | null;
  state: string;
  timeline: Array<{ state: string; at: string; took: string; sinceStartMs: number }>;
  backends: Array<{ name: string; status: string }>;
}

const DASH = '—';
const orDash = (v: string | number | null | undefined): string =>
  v === null || v === undefined || v === '' ? DASH : String(v);

function yesNo(tr: Translator, v: boolean | null): string {
  return tr.t(v === true ? 'common.yes' : v === false ? 'common.no' : 'common.unknown');
}

function duration(tr: Translator, ms: number): string {
  return ms < 1000 ? tr.t('duration.ms', { ms }) : tr.t('duration.s', { seconds: ms / 1000 });
}

function dateTime(tr: Translator, iso: string | null): string | null {
  if (iso === null) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : tr.t('date.dateTime', { at });
}

/** `YYYY-MM-DD` as a long date of the locale (read as a calendar day, whatever the time zone). */
function day(tr: Translator, ymd: string | null): string {
  if (ymd === null) return DASH;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  return tr.t('date.day', { date });
}

function backendStatus(tr: Translator, status: string): string {
  if (status === 'available') return tr.t('diag.backend.available');
  const prefix = 'unavailable: ';
  // The reason is the backend's own words (DESIGN §2: shown verbatim).
  return status.startsWith(prefix)
    ? tr.t('diag.backend.unavailable', { reason: status.slice(prefix.length) })
    : status;
}

/** The live look-up's own codes (diagnostics/server-lookup.ts) that have words in the catalogs. */
const LOOKUP_CODES = new Set(['identity-unknown', 'identity-incomplete']);

/**
 * An error's sentence for the overlay: the look-up's codes from the catalogs; otherwise the error's own
 * message in English (it is English, and the most precise), and the code's words in another locale.
 */
function errorSentence(code: string, message: string, locale: Locale): string {
  if (LOOKUP_CODES.has(code))
    return translate(locale, `diag.server.${code as 'identity-unknown' | 'identity-incomplete'}`);
  return locale === 'en' ? message : explainError(code, '', locale).message;
}

function serverSummary(tr: Translator, s: Diagnostics['server']): string {
  let answer: string;
  if (s.reachable === false)
    answer = s.error
      ? tr.t('terminal.diag.unreachableCode', { code: s.error.code })
      : tr.t('terminal.diag.unreachable');
  else if (s.preProvisioned === null) answer = tr.t('terminal.diag.notAsked');
  else if (!s.preProvisioned) answer = tr.t('terminal.diag.notPreProvisioned');
  else {
    const values = {
      domain: s.managementDomain ?? '?',
      packaged: s.licensePackaged ? 'yes' : 'no',
    };
    answer = s.orgUnitPath
      ? tr.t('terminal.diag.preProvisionedOu', { ...values, orgUnit: s.orgUnitPath })
      : tr.t('terminal.diag.preProvisioned', values);
  }
  const at = dateTime(tr, s.checkedAt);
  return at ? tr.t('terminal.diag.serverChecked', { answer, at }) : tr.t('terminal.diag.server', { answer });
}

export function diagnosticsView(d: Diagnostics, locale: Locale, now: Date = new Date()): DiagnosticsView {
  const tr = translator(locale);
  const { t } = tr;
  const id = d.identity;
  const s = d.server;
  const p = d.policy;
  const start = d.history[0] ? Date.parse(d.history[0].at) : 0;
  const ids = `ADID:${orDash(id?.certifiedDeviceId)} SN:${orDash(id?.serialNumber)}`;
  return {
    locale,
    agentVersion: d.agentVersion,
    chromeOsLine: `${d.zteReady ? 'ZTE✓ ' : 'ZTE✗ '}${ids}`,
    chromeOsIds: ids,
    zte: { ready: d.zteReady, text: t(d.zteReady ? 'diag.zteReady' : 'diag.zteNotReady') },
    device: {
      manufacturer: orDash(id?.manufacturer),
      model: id ? (id.model ?? t('diag.notListed')) : DASH,
      serialNumber: orDash(id?.serialNumber),
      certifiedDeviceId: id ? (id.certifiedDeviceId ?? t('common.none')) : DASH,
      idKind: orDash(id?.idKind),
      manufactured: day(tr, id?.manufactureDate ?? null),
      eligible: yesNo(tr, id ? id.eligible : null),
    },
    reasons: (id?.reasons ?? []).map((r) => ({ code: r.code, text: reasonText(r, locale) })),
    reasonsEmpty:
      id === null ? t('diag.identityNotRead') : id.reasons.length === 0 ? t('diag.noReason') : null,
    server: {
      reachable: yesNo(tr, s.reachable),
      preProvisioned: yesNo(tr, s.preProvisioned),
      managementDomain: orDash(s.managementDomain),
      orgUnitPath: orDash(s.orgUnitPath),
      licensePackaged: yesNo(tr, s.licensePackaged),
      checkedAt: dateTime(tr, s.checkedAt) ?? t('common.never'),
      error: s.error
        ? t('diag.serverError', {
            code: s.error.code,
            message: errorSentence(s.error.code, s.error.message, locale),
          })
        : t('common.none'),
      summary: serverSummary(tr, s),
    },
    policy: p
      ? {
          timestamp: dateTime(tr, p.timestamp) ?? t('diag.noPolicy'),
          key: p.keyFingerprint,
          settings: JSON.stringify(p.settings),
        }
      : null,
    policyNone: { timestamp: t('diag.noPolicy'), key: t('diag.noKey'), settings: t('common.none') },
    lastError: d.lastError
      ? {
          code: d.lastError.code,
          message: errorSentence(d.lastError.code, d.lastError.message, locale),
          advice: adviceText(d.lastError.code, d.lastError.message, locale),
        }
      : null,
    noError: t('diag.noError'),
    network: d.network.map((n) => ({
      name: n.name,
      state: orDash(n.operstate),
      kind: n.virtual
        ? t('diag.kind.virtual')
        : n.wireless
          ? t('diag.kind.wifi')
          : n.type === 1
            ? t('diag.kind.ethernet')
            : t('diag.kind.type', { type: orDash(n.type) }),
      mac: orDash(n.mac),
    })),
    networkEmpty: d.network.length === 0 ? t('diag.noNetwork') : null,
    state: d.state,
    timeline: d.history.map((entry, i) => {
      const at = Date.parse(entry.at);
      const next = d.history[i + 1];
      const took = next
        ? t('diag.took', { duration: duration(tr, Date.parse(next.at) - at) })
        : t('diag.current', { duration: duration(tr, Math.max(0, now.getTime() - at)) });
      return {
        state: entry.state,
        at: t('diag.timelineAt', { at: t('date.time', { at: new Date(at) }), took }),
        took,
        sinceStartMs: at - start,
      };
    }),
    backends: Object.entries(d.backends).map(([name, status]) => ({
      name,
      status: backendStatus(tr, status),
    })),
  };
}
