/**
 * Local calendar facts of each UTC hour, in the fleet's time zone: the households' rhythm follows
 * local time. Computed once per hour of the run and shared by every meter.
 */
import { isValidWallClock, utcMsToWallClock, wallClockToUtcMs } from '../../decoders/core/local-time.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface HourInfo {
  /** Local hour of day, 0..23. */
  hour: number;
  /** Local day of week, 0 = Sunday. */
  weekday: number;
  /** Local day of year, 1..366. */
  dayOfYear: number;
  /** Days since 1970-01-01 of the local date: a key for per-day draws. */
  dayNumber: number;
  /** Local date YYYY-MM-DD. */
  date: string;
  /** Local day of month, 1..31. */
  dayOfMonth: number;
}

export class Calendar {
  private readonly cache = new Map<number, HourInfo>();

  constructor(readonly timeZone: string) {
    if (utcMsToWallClock(0, timeZone) === undefined) throw new RangeError(`unknown time zone '${timeZone}'`);
  }

  /** The local facts of the UTC hour that contains `utcMs`. */
  at(utcMs: number): HourInfo {
    const hourIndex = Math.floor(utcMs / HOUR_MS);
    let info = this.cache.get(hourIndex);
    if (info === undefined) {
      const wall = utcMsToWallClock(hourIndex * HOUR_MS, this.timeZone)!;
      const localDay = Date.UTC(wall.year, wall.month - 1, wall.day);
      const dayNumber = Math.floor(localDay / DAY_MS);
      info = {
        hour: wall.hour,
        weekday: new Date(localDay).getUTCDay(),
        dayOfYear: Math.floor((localDay - Date.UTC(wall.year, 0, 1)) / DAY_MS) + 1,
        dayNumber,
        date: new Date(localDay).toISOString().slice(0, 10),
        dayOfMonth: wall.day,
      };
      this.cache.set(hourIndex, info);
    }
    return info;
  }
}

/** UTC ms of local midnight of `date` (YYYY-MM-DD) in `zone`; undefined for a bad date or zone. */
export function localMidnightUtcMs(date: string, zone: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const clock = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: 0, minute: 0, second: 0 };
  return isValidWallClock(clock) ? wallClockToUtcMs(clock, zone) : undefined;
}

/** True when Intl knows the IANA zone. */
export function isKnownTimeZone(zone: string): boolean {
  return utcMsToWallClock(0, zone) !== undefined;
}
