// Calendar arithmetic on clock instants (UTC). No wall clock here: callers pass the injected clock's time.

const DAY_MS = 86_400_000;

export const TRIAL_DAYS = 30;

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** Same month and day `years` later (29 February + 1 year → 1 March). */
export function addYears(at: Date, years: number): Date {
  const d = new Date(at.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

export function iso(at: Date): string {
  return at.toISOString();
}
