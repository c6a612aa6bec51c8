// Is the device clock plausible enough to enroll? A clock at 1970 (dead RTC battery) or years off
// breaks TLS and certificate validity, so the agent shows a distinct `clock` screen instead of
// failing obscurely, and re-checks until the clock is right (issue 7).

/** This agent's release: a device clock before it is certainly wrong. */
export const EARLIEST_PLAUSIBLE_TIME = Date.parse('2026-01-01T00:00:00Z');
/** Largest tolerated difference with the server's `Date` header. */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

export type ClockVerdict =
  /**
   * `unverified`: no server time could be read (a slow or unreachable server), so only "not before
   * this release" was checked; the enrollment-state answers' `Date` header is judged instead (checkClockAgainstAnswer).
   */
  | { ok: true; unverified?: true }
  | { ok: false; reason: 'before-release' | 'skewed'; deviceTime: string; serverTime: string | null };

/** `serverTime`: the server's `Date` header when it could be read, else null (offline: check later). */
export function judgeClock(deviceTime: Date, serverTime: Date | null): ClockVerdict {
  const device = deviceTime.getTime();
  if (Number.isNaN(device) || device < EARLIEST_PLAUSIBLE_TIME) {
    return {
      ok: false,
      reason: 'before-release',
      deviceTime: safeIso(deviceTime),
      serverTime: serverTime ? safeIso(serverTime) : null,
    };
  }
  if (serverTime !== null && Math.abs(device - serverTime.getTime()) > MAX_CLOCK_SKEW_MS) {
    return { ok: false, reason: 'skewed', deviceTime: safeIso(deviceTime), serverTime: safeIso(serverTime) };
  }
  return serverTime === null ? { ok: true, unverified: true } : { ok: true };
}

/** The device clock disagrees with the time of a DM answer; `code` 'clock' leads to the clock screen. */
export class ClockSkewError extends Error {
  readonly code = 'clock' as const;
  readonly verdict: Exclude<ClockVerdict, { ok: true }>;

  constructor(verdict: Exclude<ClockVerdict, { ok: true }>) {
    super(clockMessage(verdict));
    this.name = 'ClockSkewError';
    this.verdict = verdict;
  }
}

/**
 * The clock check the probe could not make, made with a DM answer's `Date` header: throws a
 * ClockSkewError when the device clock is off by more than a day; nothing without a server time.
 */
export function checkClockAgainstAnswer(deviceTime: Date, serverTime: Date | null): void {
  if (serverTime === null) return;
  const verdict = judgeClock(deviceTime, serverTime);
  if (!verdict.ok) throw new ClockSkewError(verdict);
}

export function clockMessage(verdict: Exclude<ClockVerdict, { ok: true }>): string {
  return verdict.reason === 'before-release'
    ? `The device clock says ${verdict.deviceTime}, which cannot be right. Set the date and time (or let the network set them); enrollment resumes by itself.`
    : `The device clock (${verdict.deviceTime}) differs from the enrollment server's (${verdict.serverTime}) by more than a day. Correct the date and time; enrollment resumes by itself.`;
}

function safeIso(d: Date): string {
  return Number.isNaN(d.getTime()) ? 'an invalid date' : d.toISOString();
}
