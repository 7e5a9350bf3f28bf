/**
 * Tier years: the window an annual tier schedule accumulates over. A calendar year starts on
 * '01-01'; a utility can set another month-day. A year is the half-open [start, next start).
 */
import { formatCivilDate, parseCivilDate } from './civil-date.js';
import { parseMonthDay } from './month-day.js';

export interface TierYear {
  start: string;
  end: string;
}

/** The tier year that contains `date`, for a year starting each `startMonthDay` ('MM-DD'). */
export function tierYearContaining(date: string, startMonthDay: string): TierYear {
  const monthDay = parseMonthDay(startMonthDay);
  const parts = parseCivilDate(date);
  if (!monthDay || !parts) throw new RangeError(`bad tier year input: ${date}, ${startMonthDay}`);
  const startThisYear = formatCivilDate({ year: parts.year, ...monthDay });
  const year = date >= startThisYear ? parts.year : parts.year - 1;
  return {
    start: formatCivilDate({ year, ...monthDay }),
    end: formatCivilDate({ year: year + 1, ...monthDay }),
  };
}

/** Every tier-year start in (from, to): the dates where an annual schedule resets. */
export function tierYearStartsWithin(from: string, to: string, startMonthDay: string): string[] {
  const starts: string[] = [];
  let year = tierYearContaining(from, startMonthDay);
  while (year.end < to) {
    starts.push(year.end);
    year = tierYearContaining(year.end, startMonthDay);
  }
  return starts;
}
