/**
 * Billing period ids ('2026-10': a month) and each account's own period in it: from its reading
 * day in that month to its reading day one billing cycle later (in its time zone). An account on
 * a cycle of several months is rated only in the months its cycle starts. Pure.
 */
import type { BillingCycleRule } from '../periods/billing-cycle.js';
import { addMonths, formatCivilDate } from '../periods/civil-date.js';

const PERIOD_ID = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface PeriodMonth {
  periodId: string;
  year: number;
  month: number;
  /** The calendar month [first day, first day of the next month). */
  startsOn: string;
  endsOn: string;
}

export function parsePeriodId(text: string): PeriodMonth | null {
  const match = PERIOD_ID.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const startsOn = formatCivilDate({ year, month, day: 1 });
  return { periodId: text, year, month, startsOn, endsOn: addMonths(startsOn, 1) };
}

/** The account's period in `month`, or null when its billing cycle does not start that month. */
export function accountPeriod(month: PeriodMonth, cycle: BillingCycleRule): { start: string; end: string } | null {
  const months = cycle.months;
  const first = cycle.firstMonth ?? 1;
  if ((((month.month - first) % months) + months) % months !== 0) return null;
  const start = formatCivilDate({ year: month.year, month: month.month, day: cycle.readingDay });
  return { start, end: addMonths(start, months) };
}
