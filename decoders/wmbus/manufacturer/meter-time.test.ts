import { describe, expect, it } from 'vitest';
import {
  dateText,
  endOfLocalDayIso,
  secondsSince2000,
  wallClockFromSeconds2000,
  wallClockToIso,
} from './meter-time.js';

const ctx = (meterTimeZone?: string) => ({
  receivedAt: '2024-01-01T00:00:00Z',
  ...(meterTimeZone ? { meterTimeZone } : {}),
});

describe('meter-time', () => {
  it('rejects dates that do not exist', () => {
    expect(dateText(2023, 2, 29)).toBeUndefined();
    expect(dateText(2024, 2, 29)).toBe('2024-02-29');
    expect(dateText(2024, 13, 1)).toBeUndefined();
  });

  it('places the end of a billing day at the next local midnight, in the default zone when none is given', () => {
    expect(endOfLocalDayIso(2021, 12, 31, ctx())).toBe('2021-12-31T16:00:00.000Z');
    expect(endOfLocalDayIso(2021, 12, 31, ctx('UTC'))).toBe('2022-01-01T00:00:00.000Z');
  });

  it('converts meter wall clocks with the zone offset in force (summer time)', () => {
    const t = { year: 2024, month: 7, day: 1, hour: 12, minute: 0, second: 0 };
    expect(wallClockToIso(t, ctx('Europe/Berlin'))).toBe('2024-07-01T10:00:00.000Z');
  });

  it('counts seconds from 2000-01-01 both ways', () => {
    const t = wallClockFromSeconds2000(764_522_540);
    expect(t).toEqual({ year: 2024, month: 3, day: 23, hour: 15, minute: 22, second: 20 });
    expect(secondsSince2000(t)).toBe(764_522_540);
  });
});
