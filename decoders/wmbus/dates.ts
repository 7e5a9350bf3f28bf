/** Date and time codings of EN 13757-3 Annex A: type G (date), F (date and time), I (with seconds). */

export interface MeterDate {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** False when the date cannot exist or the meter flagged it invalid (IV bit). */
  valid: boolean;
  /** YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS], as wmbusmeters prints it. */
  text: string;
}

/** Two-digit text of 0..99 (the fields here are at most 63), so dates build without padStart. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const pad = (n: number): string => TWO_DIGITS[n] ?? String(n).padStart(2, '0');

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function dateExists(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] ?? 31);
  return d <= days;
}

function yearOf(dayByte: number, monthByte: number): number {
  return 2000 + (((dayByte & 0xe0) >> 5) | ((monthByte & 0xf0) >> 1));
}

/** Type G, 16 bits (EN 13757-3 Annex A): day 1..31, month 1..12, year 0..127 counted from 2000. */
export function decodeTypeG(b: Uint8Array): MeterDate {
  const b0 = b[0] ?? 0;
  const b1 = b[1] ?? 0;
  const year = yearOf(b0, b1);
  const month = b1 & 0x0f;
  const day = b0 & 0x1f;
  return { year, month, day, valid: dateExists(year, month, day), text: `${year}-${pad(month)}-${pad(day)}` };
}

/** Type F, 32 bits: minute, hour, day, month, year; bit 7 of the first byte flags an invalid time. */
export function decodeTypeF(b: Uint8Array): MeterDate {
  const b0 = b[0] ?? 0;
  const b1 = b[1] ?? 0;
  const b2 = b[2] ?? 0;
  const b3 = b[3] ?? 0;
  const minute = b0 & 0x3f;
  const hour = b1 & 0x1f;
  const day = b2 & 0x1f;
  const month = b3 & 0x0f;
  const year = yearOf(b2, b3);
  const valid = (b0 & 0x80) === 0 && dateExists(year, month, day) && hour < 24 && minute < 60;
  return { year, month, day, hour, minute, valid, text: `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}` };
}

/** Type I, 48 bits: second, minute, hour, day, month, year. */
export function decodeTypeI(b: Uint8Array): MeterDate {
  const second = (b[0] ?? 0) & 0x3f;
  const minute = (b[1] ?? 0) & 0x3f;
  const hour = (b[2] ?? 0) & 0x1f;
  const b3 = b[3] ?? 0;
  const b4 = b[4] ?? 0;
  const day = b3 & 0x1f;
  const month = b4 & 0x0f;
  const year = yearOf(b3, b4);
  const valid = ((b[0] ?? 0) & 0x80) === 0 && dateExists(year, month, day) && hour < 24 && minute < 60 && second < 60;
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    valid,
    text: `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`,
  };
}

export function encodeTypeG(year: number, month: number, day: number): Uint8Array {
  const y = year - 2000;
  return Uint8Array.of((day & 0x1f) | ((y & 0x07) << 5), (month & 0x0f) | ((y & 0x78) << 1));
}

/** Formatters per IANA zone: making one costs far more than using it. Bounded; cleared when full. */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
const ZONE_FORMATTER_LIMIT = 64;

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let fmt = zoneFormatters.get(timeZone);
  if (fmt === undefined) {
    // Throws RangeError for an unknown zone; the caller falls back to UTC.
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (zoneFormatters.size >= ZONE_FORMATTER_LIMIT) zoneFormatters.clear();
    zoneFormatters.set(timeZone, fmt);
  }
  return fmt;
}

/** ISO 8601 UTC text of a valid meter date read as UTC (what toISOString gives for years 2000..9999). */
function isoAsUtc(d: MeterDate): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}T${pad(d.hour ?? 0)}:${pad(d.minute ?? 0)}:${pad(d.second ?? 0)}.000Z`;
}

/**
 * Meter-local time to UTC ISO 8601. Without a zone the meter clock is taken as UTC. The offset is
 * found with Intl (no global state but a formatter cache, no clock reads).
 */
export function meterDateToIso(d: MeterDate, timeZone?: string): string | null {
  if (!d.valid) return null;
  if (!timeZone) return isoAsUtc(d);
  const local = Date.UTC(d.year, d.month - 1, d.day, d.hour ?? 0, d.minute ?? 0, d.second ?? 0);
  try {
    const fmt = zoneFormatter(timeZone);
    const offsetAt = (t: number): number => {
      const parts = Object.fromEntries(fmt.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
      const asUtc = Date.UTC(
        Number(parts.year),
        Number(parts.month) - 1,
        Number(parts.day),
        Number(parts.hour),
        Number(parts.minute),
        Number(parts.second),
      );
      return asUtc - t;
    };
    const guess = local - offsetAt(local);
    return new Date(local - offsetAt(guess)).toISOString();
  } catch {
    return new Date(local).toISOString();
  }
}
