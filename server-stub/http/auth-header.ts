// Parsing of the Authorization header schemes the stub understands:
//   Bearer <token>                               (admin API, partner API)
//   GoogleLogin auth=<admin token>               (DM register, manual fallback)
//   GoogleEnrollmentToken token=<enrollment token> (DM token_based_register)
//   GoogleDMToken token=<dm token>               (DM policy, unregister)

const MAX_CREDENTIAL = 512;
const CREDENTIAL = /^[\x21-\x7E]+$/;

function headerValue(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  const v = Array.isArray(header) ? header[0] : header;
  return v === undefined ? null : v.trim();
}

function credential(v: string | undefined): string | null {
  if (v === undefined || v.length === 0 || v.length > MAX_CREDENTIAL || !CREDENTIAL.test(v)) return null;
  return v;
}

/** `Bearer <token>` (scheme case-insensitive) → the token, or null when absent or malformed. */
export function bearerToken(header: string | string[] | undefined): string | null {
  const v = headerValue(header);
  if (v === null) return null;
  const m = /^bearer\s+(\S+)$/i.exec(v);
  return credential(m?.[1]);
}

/** `<Scheme> <param>=<value>` (scheme case-insensitive) → the value, or null when absent or malformed. */
export function schemeParam(
  header: string | string[] | undefined,
  scheme: string,
  param: string,
): string | null {
  const v = headerValue(header);
  if (v === null) return null;
  const space = v.indexOf(' ');
  if (space < 0 || v.slice(0, space).toLowerCase() !== scheme.toLowerCase()) return null;
  const rest = v.slice(space + 1).trim();
  const prefix = `${param}=`;
  if (!rest.startsWith(prefix)) return null;
  return credential(rest.slice(prefix.length).replace(/^"(.*)"$/, '$1'));
}
