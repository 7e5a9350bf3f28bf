/**
 * Standard billing cycles: every `months` months from the reading day. Fixed charges, period
 * tiers and minimum charges are defined per cycle, and a segment's share of one is its days over
 * the cycle's days ("standard days"). Cycles start on `readingDay` of the months congruent to
 * `firstMonth` modulo `months` (a bi-monthly cycle reading on the 5th of odd months: readingDay
 * 5, months 2, firstMonth 1).
 */
import { addMonths, daysBetween, formatCivilDate, parseCivilDate } from './civil-date.js';

export interface BillingCycleRule {
  /** Day of month the meter is read, 1-28. */
  readingDay: number;
  /** Cycle length in months, 1-12. */
  months: number;
  /** A month (1-12) in which a cycle starts; default 1. Only matters when months > 1. */
  firstMonth?: number;
}

export interface BillingCycle {
  start: string;
  end: string;
  days: number;
  months: number;
}

// A batch of accounts asks for the same few cycles again and again: remembered (bounded; the
// cycle objects are frozen, callers only read them).
const cycles = new Map<string, BillingCycle>();

export function cycleContaining(date: string, rule: BillingCycleRule): BillingCycle {
  const key = `${date} ${rule.readingDay} ${rule.months} ${rule.firstMonth ?? 1}`;
  let cycle = cycles.get(key);
  if (cycle === undefined) {
    cycle = Object.freeze(cycleUncached(date, rule));
    if (cycles.size >= 10_000) cycles.clear();
    cycles.set(key, cycle);
  }
  return cycle;
}

function cycleUncached(date: string, rule: BillingCycleRule): BillingCycle {
  const parts = parseCivilDate(date);
  if (!parts) throw new RangeError(`not a date: ${date}`);
  let index = parts.year * 12 + (parts.month - 1) - (parts.day < rule.readingDay ? 1 : 0);
  const first = (rule.firstMonth ?? 1) - 1;
  index -= (((index - first) % rule.months) + rule.months) % rule.months;
  const start = formatCivilDate({ year: Math.floor(index / 12), month: (index % 12) + 1, day: rule.readingDay });
  const end = addMonths(start, rule.months);
  return { start, end, days: daysBetween(start, end), months: rule.months };
}

/** Every cycle start in (from, to). */
export function cycleStartsWithin(from: string, to: string, rule: BillingCycleRule): string[] {
  const starts: string[] = [];
  let cycle = cycleContaining(from, rule);
  while (cycle.end < to) {
    starts.push(cycle.end);
    cycle = cycleContaining(cycle.end, rule);
  }
  return starts;
}
