import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  dateOfDayNumber,
  dayNumber,
  daysBetween,
  isCivilDate,
  wholeMonthsBetween,
} from './civil-date.js';
import { cycleContaining, cycleStartsWithin } from './billing-cycle.js';
import { tierYearContaining, tierYearStartsWithin } from './tier-year.js';
import { entryOn, changesWithin } from './history.js';
import { cutPeriod } from './segments.js';
import { localDateOf, localMidnightUtc } from './zoned.js';

describe('civil dates', () => {
  it('rejects dates that do not exist', () => {
    expect(isCivilDate('2024-02-29')).toBe(true);
    expect(isCivilDate('2023-02-29')).toBe(false);
    expect(isCivilDate('2024-13-01')).toBe(false);
    expect(isCivilDate('2024-1-01')).toBe(false);
  });

  it('counts the days of a half-open period: March has 31, February 2024 has 29', () => {
    expect(daysBetween('2024-03-01', '2024-04-01')).toBe(31);
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
  });

  it('counts whole months, a started month not yet whole', () => {
    expect(wholeMonthsBetween('2024-01-01', '2024-07-15')).toBe(6);
    expect(wholeMonthsBetween('2024-01-15', '2024-07-14')).toBe(5);
    expect(addMonths('2024-11-05', 3)).toBe('2025-02-05');
  });
});

describe('billing cycles', () => {
  it('finds the monthly cycle from the reading day', () => {
    expect(cycleContaining('2024-03-15', { readingDay: 1, months: 1 })).toEqual({
      start: '2024-03-01',
      end: '2024-04-01',
      days: 31,
      months: 1,
    });
    expect(cycleContaining('2024-03-04', { readingDay: 5, months: 1 })).toEqual({
      start: '2024-02-05',
      end: '2024-03-05',
      days: 29,
      months: 1,
    });
  });

  it('aligns a bi-monthly cycle on its first month', () => {
    expect(cycleContaining('2024-04-10', { readingDay: 1, months: 2, firstMonth: 1 }).start).toBe('2024-03-01');
    expect(cycleContaining('2024-04-10', { readingDay: 1, months: 2, firstMonth: 2 }).start).toBe('2024-04-01');
    expect(cycleContaining('2024-01-10', { readingDay: 1, months: 2, firstMonth: 2 }).start).toBe('2023-12-01');
  });

  it('lists cycle starts strictly inside a range', () => {
    expect(cycleStartsWithin('2024-01-01', '2024-04-01', { readingDay: 1, months: 1 })).toEqual([
      '2024-02-01',
      '2024-03-01',
    ]);
  });
});

describe('tier years', () => {
  it('uses the calendar year or a set month-day', () => {
    expect(tierYearContaining('2024-06-30', '01-01')).toEqual({ start: '2024-01-01', end: '2025-01-01' });
    expect(tierYearContaining('2024-06-30', '07-01')).toEqual({ start: '2023-07-01', end: '2024-07-01' });
    expect(tierYearStartsWithin('2023-12-15', '2024-01-15', '01-01')).toEqual(['2024-01-01']);
  });
});

describe('histories', () => {
  const history = [
    { from: '2024-01-01', persons: 3 },
    { from: '2024-03-10', persons: 7 },
  ];

  it('takes the latest entry in force on a day, none before the first', () => {
    expect(entryOn(history, '2024-03-09')?.persons).toBe(3);
    expect(entryOn(history, '2024-03-10')?.persons).toBe(7);
    expect(entryOn(history, '2023-12-31')).toBeUndefined();
    expect(changesWithin(history, '2024-03-01', '2024-04-01')).toEqual(['2024-03-10']);
  });
});

describe('segments', () => {
  it('cuts a period at inside boundaries only, sorted and deduplicated', () => {
    expect(
      cutPeriod('2024-03-01', '2024-04-01', ['2024-03-15', '2024-03-01', '2024-04-01', '2024-03-15', '2024-03-10']),
    ).toEqual([
      { start: '2024-03-01', end: '2024-03-10', days: 9 },
      { start: '2024-03-10', end: '2024-03-15', days: 5 },
      { start: '2024-03-15', end: '2024-04-01', days: 17 },
    ]);
  });
});

describe('time zones', () => {
  it('puts a Shanghai midnight at 16:00 UTC the day before', () => {
    expect(localMidnightUtc('2024-03-01', 'Asia/Shanghai')).toBe('2024-02-29T16:00:00.000Z');
    expect(localDateOf('2024-02-29T16:00:00.000Z', 'Asia/Shanghai')).toBe('2024-03-01');
  });

  it('follows daylight saving time in Europe/Berlin', () => {
    expect(localMidnightUtc('2024-07-01', 'Europe/Berlin')).toBe('2024-06-30T22:00:00.000Z');
    expect(localMidnightUtc('2024-01-01', 'Europe/Berlin')).toBe('2023-12-31T23:00:00.000Z');
  });
});

describe('properties', () => {
  const day = fc.integer({ min: dayNumber('1990-01-01'), max: dayNumber('2090-01-01') }).map(dateOfDayNumber);

  it('segments cover the period exactly: their days add up to the period days', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 400 }),
        fc.array(fc.integer({ min: -10, max: 410 })),
        (start, length, offsets) => {
          const end = addDays(start, length);
          const spans = cutPeriod(
            start,
            end,
            offsets.map((offset) => addDays(start, offset)),
          );
          expect(spans.reduce((sum, span) => sum + span.days, 0)).toBe(length);
          expect(spans.every((span) => span.days > 0)).toBe(true);
        },
      ),
    );
  });

  it('a date lies in the billing cycle found for it', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (date, readingDay, months, firstMonth) => {
          const cycle = cycleContaining(date, { readingDay, months, firstMonth });
          return cycle.start <= date && date < cycle.end && cycle.start.endsWith(String(readingDay).padStart(2, '0'));
        },
      ),
    );
  });

  it('local midnight in Shanghai maps back to the same date', () => {
    fc.assert(
      fc.property(day, (date) => localDateOf(localMidnightUtc(date, 'Asia/Shanghai'), 'Asia/Shanghai') === date),
    );
  });
});
