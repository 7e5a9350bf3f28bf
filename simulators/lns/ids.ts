/** Identifiers network servers put on uplinks (UUIDs, ULIDs), drawn from a seeded stream. */
import type { Rng } from '../random.js';

/** A version 4 UUID from the stream. */
export function uuidOf(rng: Rng): string {
  const b = rng.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (as The Things Stack's correlation ids carry): 48-bit time in ms, 80 random bits, Crockford base32. */
export function ulidOf(timeMs: number, rng: Rng): string {
  let time = '';
  let t = Math.floor(timeMs);
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  let random = '';
  for (let i = 0; i < 16; i++) random += CROCKFORD[rng.int(0, 32)]!;
  return time + random;
}

/** RFC 3339 with microseconds and a +00:00 offset, as ChirpStack's JSON events write times. */
export function chirpstackTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000+00:00`;
}

/** RFC 3339 with nanoseconds and Z, as The Things Stack writes times. */
export function ttsTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000000Z`;
}
