// French dates of the seed's "Date de fabrication" column, turned into ISO `YYYY-MM-DD`.
// Used to generate and verify `rows.ts` (which is plain literal data), never at import time.
//
// Accepted forms (case-insensitive, extra spaces tolerated, accents optional):
//   "À partir du 1er janvier 2021"  → 2021-01-01
//   "À partir du 11 décembre 2020"  → 2020-12-11
//   "1er mars 2021"                 → 2021-03-01
//   "Octobre 2023"                  → 2023-10-01 (a month alone means its first day)
//   "Tous les appareils sont compatibles" → null (no cut-off), via parseEligibleFrom only.

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['janvier', 1],
  ['fevrier', 2],
  ['mars', 3],
  ['avril', 4],
  ['mai', 5],
  ['juin', 6],
  ['juillet', 7],
  ['aout', 8],
  ['septembre', 9],
  ['octobre', 10],
  ['novembre', 11],
  ['decembre', 12],
]);

/** The seed's wording for "no cut-off: every device is compatible". */
export const ALL_DEVICES_COMPATIBLE = 'Tous les appareils sont compatibles';

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one (UTC, so no time-zone effects).
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const DATE_PATTERN = /^(?:a partir du )?(?:(1er|\d{1,2}) )?([a-z]+) (\d{4})$/u;

/**
 * Parses one French date of the seed into `YYYY-MM-DD`. Returns null when the text is not such a
 * date (unknown month, impossible day such as "31 avril", "0 mai", trailing words…).
 */
export function parseFrenchDate(text: string): string | null {
  const match = DATE_PATTERN.exec(fold(text));
  if (match === null) return null;
  const [, dayText, monthText, yearText] = match;
  if (monthText === undefined || yearText === undefined) return null;
  const month = MONTHS.get(monthText);
  if (month === undefined) return null;
  const year = Number(yearText);
  const day = dayText === undefined || dayText === '1er' ? 1 : Number(dayText);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * The eligibility cut-off of one table cell: null for "Tous les appareils sont compatibles",
 * else the parsed date. Throws a RangeError on anything else, so a generator never guesses.
 */
export function parseEligibleFrom(text: string): string | null {
  if (fold(text) === fold(ALL_DEVICES_COMPATIBLE)) return null;
  const date = parseFrenchDate(text);
  if (date === null) throw new RangeError(`not a French manufacture date: ${JSON.stringify(text)}`);
  return date;
}
