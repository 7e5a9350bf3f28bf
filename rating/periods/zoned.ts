/**
 * Local midnight of a civil date in an IANA time zone, as a UTC instant. Billing periods are
 * half-open [start, end) between local midnights in the tariff's time zone (Asia/Shanghai by
 * default), while readings are stored in UTC: the batch job looks up register values at these
 * instants.
 */
import { parseCivilDate } from './civil-date.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of the zone from UTC at `epochMs`, in milliseconds (Asia/Shanghai: +8 h). */
function offsetMs(timeZone: string, epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - (epochMs - (epochMs % 1000));
}

/** '2024-03-01' in Asia/Shanghai → '2024-02-29T16:00:00.000Z'. */
export function localMidnightUtc(date: string, timeZone: string): string {
  const parts = parseCivilDate(date);
  if (!parts) throw new RangeError(`not a date: ${date}`);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day);
  let instant = wall - offsetMs(timeZone, wall);
  instant = wall - offsetMs(timeZone, instant); // second pass settles DST transitions
  return new Date(instant).toISOString();
}

/** The civil date in `timeZone` at a UTC instant: '2024-02-29T16:00:00Z' → '2024-03-01'. */
export function localDateOf(instant: string, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  return `${parts.year}-${(parts.month ?? '').padStart(2, '0')}-${(parts.day ?? '').padStart(2, '0')}`;
}
