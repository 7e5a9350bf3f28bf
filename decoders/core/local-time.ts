/**
 * Meter clocks keep local wall-clock time without an offset (CJ/T 188 real time, M-Bus type F
 * records). This turns such a time into a UTC instant for a given IANA zone, with the zone's
 * offset computed by Intl and cached per zone and hour, because decoders run this per payload.
 */

export interface WallClock {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The zone used when a context names none (DESIGN.md: utilities default to Asia/Shanghai). */
export const DEFAULT_METER_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Offsets by zone, then by hour since the epoch (numbers as keys: no string built per lookup). */
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_LIMIT = 4096;
const HOUR_MS = 3_600_000;

function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return undefined;
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Offset of `zone` from UTC at instant `utcMs`, in ms (east positive); undefined for an unknown zone. */
function offsetAt(zone: string, utcMs: number): number | undefined {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
  const hour = Math.floor(utcMs / HOUR_MS);
  let zoneCache = offsetCache.get(zone);
  const cached = zoneCache?.get(hour);
  if (cached !== undefined) return cached;
  const f = formatterFor(zone);
  if (f === undefined) return undefined;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  const offset = asUtc - Math.floor(utcMs / 1000) * 1000;
  if (zoneCache === undefined) offsetCache.set(zone, (zoneCache = new Map()));
  if (zoneCache.size >= OFFSET_CACHE_LIMIT) zoneCache.clear();
  zoneCache.set(hour, offset);
  return offset;
}

/** True when the fields name a real calendar date and time. */
export function isValidWallClock(t: WallClock): boolean {
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.hour > 23 || t.minute > 59 || t.second > 59) return false;
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day));
  return d.getUTCFullYear() === t.year && d.getUTCMonth() === t.month - 1 && d.getUTCDate() === t.day;
}

/**
 * UTC epoch ms of a local wall-clock time in `zone`, or undefined when the zone is unknown.
 * In a DST gap the earlier offset is used; in an overlap the first occurrence.
 */
export function wallClockToUtcMs(t: WallClock, zone: string): number | undefined {
  const guess = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const first = offsetAt(zone, guess);
  if (first === undefined) return undefined;
  const candidate = guess - first;
  const second = offsetAt(zone, candidate);
  if (second === undefined || second === first) return candidate;
  return guess - second;
}

/** The inverse, for encoders and simulators: wall clock of a UTC instant in `zone`. */
export function utcMsToWallClock(utcMs: number, zone: string): WallClock | undefined {
  const offset = offsetAt(zone, utcMs);
  if (offset === undefined) return undefined;
  const d = new Date(utcMs + offset);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}
