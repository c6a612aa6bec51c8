// Backoff for the machine's retries: capped exponential with jitter, Retry-After honoured.
// Pure: randomness and the current time are passed in.

/** Largest delay a timer can hold (setTimeout's 2^31 − 1 ms). */
export const MAX_DELAY_MS = 2_147_483_647;

/**
 * `full`: uniform in [0, ceiling] (AWS "full jitter", best against a fleet booting at once).
 * `equal`: uniform in [ceiling/2, ceiling]. `decorrelated`: uniform in [base, min(cap, 3 × previous)].
 */
export type JitterKind = 'full' | 'equal' | 'decorrelated';

export interface RetryDelayOptions {
  /** Ceiling of the first retry. */
  baseMs: number;
  /** No backoff delay exceeds this. */
  capMs: number;
  /** Uniform in [0, 1), like Math.random; tests pass a fixed function. */
  random: () => number;
  /** The server's Retry-After (see parseRetryAfter); when given, the delay is at least this, capped. */
  retryAfterMs?: number | null;
  /** Cap on an honoured Retry-After (default capMs). */
  maxRetryAfterMs?: number;
  jitter?: JitterKind;
  /** The delay used before the previous retry (decorrelated jitter only; default baseMs). */
  previousDelayMs?: number;
}

export const DEFAULT_RETRY_POLICY = { baseMs: 1_000, capMs: 30_000, jitter: 'full' } as const satisfies Omit<
  RetryDelayOptions,
  'random'
>;

/** NaN and negatives → 0, Infinity → MAX_DELAY_MS. */
function nonNegative(n: number): number {
  if (Number.isNaN(n) || n <= 0) return 0;
  return Math.min(n, MAX_DELAY_MS);
}

function unit(random: () => number): number {
  const r = random();
  if (!Number.isFinite(r) || r <= 0) return 0;
  return r >= 1 ? 1 - Number.EPSILON : r;
}

/** The un-jittered delay of retry number `attempt` (1 = first retry): min(cap, base × 2^(attempt−1)). */
export function backoffCeilingMs(attempt: number, baseMs: number, capMs: number): number {
  const base = nonNegative(baseMs);
  const cap = nonNegative(capMs);
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  if (base === 0) return 0;
  // 2^1100 overflows to Infinity, which min() turns into the cap.
  return Math.min(cap, base * 2 ** (n - 1));
}

/** How long to wait before retry number `attempt` (1 = first retry), in whole milliseconds. */
export function retryDelayMs(attempt: number, options: RetryDelayOptions): number {
  const base = nonNegative(options.baseMs);
  const cap = nonNegative(options.capMs);
  let delay: number;
  switch (options.jitter ?? 'full') {
    case 'full':
      delay = unit(options.random) * backoffCeilingMs(attempt, base, cap);
      break;
    case 'equal': {
      const ceiling = backoffCeilingMs(attempt, base, cap);
      delay = ceiling / 2 + (unit(options.random) * ceiling) / 2;
      break;
    }
    case 'decorrelated': {
      const previous = nonNegative(options.previousDelayMs ?? base);
      const upper = Math.min(cap, Math.max(base, previous * 3));
      const lower = Math.min(base, upper);
      delay = lower + unit(options.random) * (upper - lower);
      break;
    }
  }
  delay = Math.min(Math.floor(delay), cap);
  if (options.retryAfterMs !== undefined && options.retryAfterMs !== null) {
    const maxRetryAfter = nonNegative(options.maxRetryAfterMs ?? cap);
    delay = Math.max(delay, Math.min(nonNegative(options.retryAfterMs), maxRetryAfter));
  }
  return Math.ceil(delay);
}

const HTTP_DATE_START = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)/i;

/**
 * Retry-After (RFC 9110 §10.2.3) as milliseconds from `nowMs`: delay-seconds (`120`) or an HTTP-date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`; a date in the past is 0). Null when absent or unparsable.
 */
export function parseRetryAfter(
  value: string | readonly string[] | null | undefined,
  nowMs: number,
): number | null {
  const raw = typeof value === 'string' ? value : value?.[0];
  if (raw === undefined) return null;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_DELAY_MS);
  if (!HTTP_DATE_START.test(text)) return null;
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return null;
  return Math.min(Math.max(0, at - nowMs), MAX_DELAY_MS);
}
