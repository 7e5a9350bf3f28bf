/**
 * Civil (calendar) dates as 'YYYY-MM-DD' text, with arithmetic on day numbers.
 *
 * Billing boundaries are local midnights in the tariff's time zone, so everything the rating
 * engine decides (segments, day counts, tier years) works on dates alone; zoned.ts turns a date
 * into the UTC instant of its local midnight where readings have to be looked up.
 */
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface CivilDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

// Rating a batch parses and formats the same few dates again and again: both directions are
// remembered (bounded caches; the parts objects are frozen, callers only read them).
const CACHE_LIMIT = 100_000;
const parsedDates = new Map<string, Readonly<CivilDate> | null>();
const formattedDays = new Map<number, string>();

/** The parts of a valid date, or null for anything else ('2024-02-30', '2024-2-1'). */
export function parseCivilDate(text: string): CivilDate | null {
  let parts = parsedDates.get(text);
  if (parts === undefined) {
    parts = parseUncached(text);
    if (parsedDates.size >= CACHE_LIMIT) parsedDates.clear();
    parsedDates.set(text, parts === null ? null : Object.freeze(parts));
  }
  return parts;
}

function parseUncached(text: string): CivilDate | null {
  const match = DATE_TEXT.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isCivilDate(text: string): boolean {
  return parseCivilDate(text) !== null;
}

function partsOf(text: string): CivilDate {
  const parts = parseCivilDate(text);
  if (!parts) throw new RangeError(`not a date: ${JSON.stringify(text)}`);
  return parts;
}

/** Days since 1970-01-01. */
export function dayNumber(text: string): number {
  const { year, month, day } = partsOf(text);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function dateOfDayNumber(days: number): string {
  let text = formattedDays.get(days);
  if (text === undefined) {
    text = new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
    if (formattedDays.size >= CACHE_LIMIT) formattedDays.clear();
    formattedDays.set(days, text);
  }
  return text;
}

export function formatCivilDate(parts: CivilDate): string {
  return dateOfDayNumber(Date.UTC(parts.year, parts.month - 1, parts.day) / MS_PER_DAY);
}

export function addDays(text: string, days: number): string {
  return dateOfDayNumber(dayNumber(text) + days);
}

/** Number of days in [start, end): '2024-03-01' to '2024-04-01' is 31. */
export function daysBetween(start: string, end: string): number {
  return dayNumber(end) - dayNumber(start);
}

/** The same day of month `months` later; only used with days ≤ 28, which every month has. */
export function addMonths(text: string, months: number): string {
  const { year, month, day } = partsOf(text);
  if (day > 28) throw new RangeError(`addMonths needs a day of month ≤ 28, got ${text}`);
  const index = year * 12 + (month - 1) + months;
  return formatCivilDate({ year: Math.floor(index / 12), month: (index % 12) + 1, day });
}

/** Whole months from `start` to `end`, counting a started month as not yet whole. */
export function wholeMonthsBetween(start: string, end: string): number {
  const a = partsOf(start);
  const b = partsOf(end);
  return (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0);
}

export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0; // ISO dates sort as text
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}
