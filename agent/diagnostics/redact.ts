// Takes secrets out of anything that leaves the device in a diagnostics bundle (issue 7 item 4): DM
// tokens, passwords, enrollment and admin tokens, private keys, anything PEM. Three layers, so a
// secret that leaked into an unexpected field (an error message quoting a header, a state file) is
// still caught: values under secret-named keys; credential patterns inside any string; and every
// value found under a secret-named key (or passed in) wherever else it appears.

export const REDACTED = '[redacted]';
export const REDACTED_PEM = '[redacted PEM]';

/** Secret values shorter than this are dropped by key only, not searched for elsewhere. */
const MIN_SCRUB_LENGTH = 4;

const SECRET_KEY_PARTS = [
  'token',
  'password',
  'passwd',
  'passphrase',
  'secret',
  'privatekey',
  'authorization',
  'cookie',
  'credential',
  'apikey',
  'partnerkey',
  'productkey',
];

/** `dmToken`, `device_management_token`, `password`, `privateKeyPem`, `Authorization`… */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_KEY_PARTS.some((part) => k.includes(part));
}

const PEM = /-----BEGIN [^\n]*?-----[\s\S]*?(?:-----END [^\n]*?-----|$)/g;
// `GoogleLogin auth=…`, `GoogleDMToken token=…`, `GoogleEnrollmentToken token=…`, `Bearer …`, `Basic …`.
const AUTH_SCHEME =
  /\b(GoogleLogin\s+auth=|GoogleDMToken\s+token=|GoogleEnrollmentToken\s+token=|Bearer\s+|Basic\s+)[^\s"',;]+/gi;
// `password=…`, `"token":"…"`, `dm_token: …` inside free text (query strings, quoted JSON, logs).
// An `Authorization: GoogleDMToken token=…` keeps its scheme (its token is taken by AUTH_SCHEME).
const KEY_VALUE =
  /((?:[a-z_-]*token|password|passwd|passphrase|secret|private[_-]?key|authorization|api[_-]?key)\\?["']?\s*[:=]\s*\\?["']?)(?!\[redacted|(?:GoogleLogin|GoogleDMToken|GoogleEnrollmentToken|Bearer|Basic)\s)([^\s"'\\,;&}]+)/gi;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every string under a secret-named key, anywhere in `value`. */
function collectSecrets(value: unknown, underSecret: boolean, out: Set<string>): void {
  if (typeof value === 'string') {
    if (underSecret) out.add(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectSecrets(item, underSecret, out);
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) collectSecrets(v, underSecret || isSecretKey(k), out);
  }
}

/** A string with credentials patterns, PEM blocks and the known secret values taken out. */
function scrubber(secrets: Iterable<string>): (s: string) => string {
  const known = [...new Set(secrets)]
    .filter((s) => s.length >= MIN_SCRUB_LENGTH)
    .sort((a, b) => b.length - a.length);
  const knownPattern = known.length === 0 ? null : new RegExp(known.map(escapeRegExp).join('|'), 'g');
  return (s) => {
    let out = s.replace(PEM, REDACTED_PEM);
    if (knownPattern) out = out.replace(knownPattern, REDACTED);
    out = out.replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme}${REDACTED}`);
    out = out.replace(KEY_VALUE, (_m, prefix: string) => `${prefix}${REDACTED}`);
    return out;
  };
}

function redactWith(value: unknown, scrub: (s: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((v) => redactWith(v, scrub));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = scrub(k);
      if (isSecretKey(k)) out[key] = v === null || v === undefined || v === '' ? v : REDACTED;
      else out[key] = redactWith(v, scrub);
    }
    return out;
  }
  return value;
}

/**
 * A deep copy of `value` (plain JSON data) with secrets replaced by `[redacted]`. `secrets` are
 * values known to be secret (the device's DM token…) that must not appear anywhere.
 */
export function redactSecrets<T>(value: T, secrets: readonly string[] = []): T {
  const found = new Set<string>(secrets);
  collectSecrets(value, false, found);
  return redactWith(value, scrubber(found)) as T;
}

/** The diagnostics as they may leave the device. */
export const redactDiagnostics: <T>(diagnostics: T, secrets?: readonly string[]) => T = redactSecrets;
