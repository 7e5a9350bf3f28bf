/**
 * Meter-local dates and times in vendor payloads (no offset on the wire) turned into the strings
 * `ManufacturerValues` carries: billing dates as `YYYY-MM-DD`, instants as ISO 8601 UTC in the
 * meter's time zone (context `meterTimeZone`, else the project default).
 *
 * A register stamped with a date (billing date, month end) is the value at the END of that local
 * day, so history entries get the instant of the following local midnight.
 */
import type { DecodeContext } from '../../core/types.js';
import { DEFAULT_METER_TIME_ZONE, isValidWallClock, wallClockToUtcMs, type WallClock } from '../../core/local-time.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Years a meter clock can sensibly show; outside them a time is treated as invalid. */
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

export function zoneOf(ctx: DecodeContext): string {
  return ctx.meterTimeZone ?? DEFAULT_METER_TIME_ZONE;
}

/** `YYYY-MM-DD` of a real calendar date, or undefined when the date cannot exist. */
export function dateText(year: number, month: number, day: number): string | undefined {
  if (!isValidWallClock({ year, month, day, hour: 0, minute: 0, second: 0 })) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** `YYYY-MM-DD HH:MM:SS` as the meter shows it (wmbusmeters prints meter times this way). */
export function wallClockText(t: WallClock): string {
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

/** ISO 8601 UTC of a meter wall-clock time, or undefined when the time or the zone is invalid. */
export function wallClockToIso(t: WallClock, ctx: DecodeContext): string | undefined {
  if (t.year < MIN_YEAR || t.year > MAX_YEAR || !isValidWallClock(t)) return undefined;
  const ms = wallClockToUtcMs(t, zoneOf(ctx));
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** ISO 8601 UTC of the end of a meter-local day (the next local midnight). */
export function endOfLocalDayIso(year: number, month: number, day: number, ctx: DecodeContext): string | undefined {
  if (dateText(year, month, day) === undefined) return undefined;
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return wallClockToIso(
    {
      year: next.getUTCFullYear(),
      month: next.getUTCMonth() + 1,
      day: next.getUTCDate(),
      hour: 0,
      minute: 0,
      second: 0,
    },
    ctx,
  );
}

/** The wall clock `seconds` after 2000-01-01 00:00:00 (Apator NA-1 counts meter time this way). */
export function wallClockFromSeconds2000(seconds: number): WallClock {
  const d = new Date(Date.UTC(2000, 0, 1) + seconds * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** The inverse of `wallClockFromSeconds2000` for a valid wall clock. */
export function secondsSince2000(t: WallClock): number {
  return (Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - Date.UTC(2000, 0, 1)) / 1000;
}
