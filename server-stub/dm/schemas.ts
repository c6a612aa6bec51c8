// Limits of the DM endpoint shared with the test hooks.

/** `deviceid` / attested IDs as a JSON-schema pattern (protocol/dm.ts DEVICE_ID_PATTERN). */
export const DEVICE_ID_JSON_PATTERN = '^[\\x21-\\x7E]{1,64}$';

/** Largest DM request body (a registration with its certificate is ~1 KiB); beyond it 413. */
export const DM_BODY_LIMIT = 64 * 1024;

/** At most this many query parameters (Chromium sends 7 to 9). */
export const MAX_QUERY_PARAMS = 16;
/** A tolerated query parameter we do not use is at most this long. */
export const MAX_OTHER_PARAM_LENGTH = 256;
/** At most this many PolicyFetchRequests in one `policy` request (Chromium sends one per type). */
export const MAX_POLICY_FETCH_REQUESTS = 8;
