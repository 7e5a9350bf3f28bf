/**
 * `new Date(ms).toISOString()` for the writer's hot loops, where it was the costliest line of a
 * batch's validation: the `YYYY-MM-DDT` of the last day formatted is kept, the time of day is
 * written from integer arithmetic, the whole as one flat string. Times outside years 0000–9999
 * take Date's own formatting (their ISO form has the six-digit expanded year).
 */
const DAY_MS = 86_400_000;
/** 0000-01-01T00:00:00.000Z and 10000-01-01T00:00:00.000Z. */
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_800_000;

let cachedDay = NaN;
/** Character codes of the cached day's `YYYY-MM-DDT`. */
let prefix: number[] = [];

const ZERO = 0x30;

/** The ISO 8601 UTC form of a time in epoch milliseconds, exactly as Date.prototype.toISOString writes it. */
export function isoTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < MIN_MS || ms >= MAX_MS) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    const text = new Date(day * DAY_MS).toISOString();
    prefix = Array.from({ length: 11 }, (_, i) => text.charCodeAt(i));
    cachedDay = day;
  }
  let rest = ms - day * DAY_MS;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  const p = prefix;
  // One flat string from its character codes (joining pieces would make a rope to flatten later).
  return String.fromCharCode(
    p[0]!,
    p[1]!,
    p[2]!,
    p[3]!,
    p[4]!,
    p[5]!,
    p[6]!,
    p[7]!,
    p[8]!,
    p[9]!,
    p[10]!,
    ZERO + Math.floor(hours / 10),
    ZERO + (hours % 10),
    0x3a,
    ZERO + Math.floor(minutes / 10),
    ZERO + (minutes % 10),
    0x3a,
    ZERO + Math.floor(seconds / 10),
    ZERO + (seconds % 10),
    0x2e,
    ZERO + Math.floor(millis / 100),
    ZERO + (Math.floor(millis / 10) % 10),
    ZERO + (millis % 10),
    0x5a,
  );
}
