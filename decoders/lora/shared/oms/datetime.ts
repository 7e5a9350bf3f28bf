/**
 * M-Bus date and time types (EN 13757-3 Annex A): type F (4 bytes: minute, hour, day, month and
 * year, with an invalid flag), type G (2 bytes: date) and type I (6 bytes: with seconds).
 * The meter clock is local time; callers convert with decoders/core/local-time.ts.
 */
import { isValidWallClock, type WallClock } from '../../../core/local-time.js';

/** Type F (CP32). Undefined when the invalid bit is set or the fields are not a date. */
export function typeF(b: Uint8Array, at: number): WallClock | undefined {
  const b0 = b[at] ?? 0;
  const b1 = b[at + 1] ?? 0;
  const b2 = b[at + 2] ?? 0;
  const b3 = b[at + 3] ?? 0;
  if (b0 & 0x80) return undefined;
  const year = 1900 + 100 * ((b1 >> 5) & 0x03) + (((b2 >> 5) & 0x07) | (((b3 >> 4) & 0x0f) << 3));
  const t: WallClock = { year, month: b3 & 0x0f, day: b2 & 0x1f, hour: b1 & 0x1f, minute: b0 & 0x3f, second: 0 };
  return isValidWallClock(t) ? t : undefined;
}

/** Type G (CP16) date at midnight. */
export function typeG(b: Uint8Array, at: number): WallClock | undefined {
  const b0 = b[at] ?? 0;
  const b1 = b[at + 1] ?? 0;
  if (b0 === 0xff && b1 === 0xff) return undefined;
  const year = 2000 + (((b0 >> 5) & 0x07) | (((b1 >> 4) & 0x0f) << 3));
  const t: WallClock = { year, month: b1 & 0x0f, day: b0 & 0x1f, hour: 0, minute: 0, second: 0 };
  return isValidWallClock(t) ? t : undefined;
}

/** Type I (CP48): seconds, then a type F layout. */
export function typeI(b: Uint8Array, at: number): WallClock | undefined {
  const f = typeF(b, at + 1);
  if (f === undefined) return undefined;
  const t = { ...f, second: (b[at] ?? 0) & 0x3f };
  return isValidWallClock(t) ? t : undefined;
}
