/**
 * The register at a boundary from the readings around it (pure): a trusted reading exactly at the
 * instant (actual or corrected without a suspect flag, or a stored estimate) is used as is;
 * otherwise it is interpolated linearly between the nearest trusted readings before and after
 * (gateway/validation's interpolateRegister: exact integer arithmetic, rollover-aware) and marked
 * 'estimated', with both readings as the readings used.
 */
import { interpolateRegister } from '../../gateway/validation/estimation.js';
import type { BoundaryRegister, ReadingQuality } from '../account.js';

export interface BoundaryRequest {
  meterId: string;
  /** The civil date of the boundary (BoundaryRegister.on). */
  on: string;
  /** Its local midnight as an ISO instant. */
  instant: string;
  /** Register capacity in mL (10^digits m³), when known: an interpolation across a rollover. */
  capacityMl?: number;
}

/** A stored reading near a boundary, as the batch query returns it. */
export interface NearReading {
  meterId: string;
  timeMs: number;
  registerMl: number;
  quality: ReadingQuality;
  suspect: boolean;
}

export interface Point {
  timeMs: number;
  registerMl: number;
}

export interface Neighbours {
  exact?: Point & { quality: ReadingQuality };
  before?: Point;
  after?: Point;
}

// Meters of a batch read at the same few instants: their ISO texts are remembered (bounded).
const isoTexts = new Map<number, string>();

function isoText(timeMs: number): string {
  let text = isoTexts.get(timeMs);
  if (text === undefined) {
    text = new Date(timeMs).toISOString();
    if (isoTexts.size >= 100_000) isoTexts.clear();
    isoTexts.set(timeMs, text);
  }
  return text;
}

/** Reading ids are the reading's key: `<meter>@<ISO time>`. */
export function readingId(meterId: string, timeMs: number): string {
  return `${meterId}@${isoText(timeMs)}`;
}

/** Adds one reading to what is known around `atMs`. */
export function addNeighbour(n: Neighbours, reading: NearReading, atMs: number): void {
  const t = reading.timeMs;
  if (t === atMs) {
    if (reading.quality === 'estimated' || !reading.suspect) {
      n.exact = { timeMs: t, registerMl: reading.registerMl, quality: reading.quality };
    }
    return;
  }
  if (reading.quality === 'estimated' || reading.suspect) return;
  if (t < atMs && (!n.before || n.before.timeMs < t)) n.before = { timeMs: t, registerMl: reading.registerMl };
  if (t > atMs && (!n.after || n.after.timeMs > t)) n.after = { timeMs: t, registerMl: reading.registerMl };
}

/** The boundary register, or null when neither an exact reading nor both neighbours are known. */
export function registerFrom(request: BoundaryRequest, n: Neighbours): BoundaryRegister | null {
  if (n.exact) {
    return {
      meterId: request.meterId,
      on: request.on,
      registerMl: n.exact.registerMl,
      quality: n.exact.quality,
      readingIds: [readingId(request.meterId, n.exact.timeMs)],
    };
  }
  if (!n.before || !n.after) return null;
  const estimate = interpolateRegister(
    n.before,
    n.after,
    Date.parse(request.instant),
    request.capacityMl === undefined ? {} : { capacityMl: request.capacityMl },
  );
  return {
    meterId: request.meterId,
    on: request.on,
    registerMl: estimate.registerMl,
    quality: 'estimated',
    readingIds: [readingId(request.meterId, n.before.timeMs), readingId(request.meterId, n.after.timeMs)],
  };
}

/**
 * Neighbours per meter around `instant` from nearReadingsJson texts of
 * `[meterId, timeMs, registerMl, quality, suspect]` rows (parsed in the worker).
 */
export function neighboursFromJson(texts: readonly string[], instant: string): Map<string, Neighbours> {
  const atMs = Date.parse(instant);
  const byMeter = new Map<string, Neighbours>();
  const reading: NearReading = { meterId: '', timeMs: 0, registerMl: 0, quality: 'actual', suspect: false };
  for (const text of texts) {
    for (const row of JSON.parse(text) as [string, number, number, NearReading['quality'], boolean][]) {
      reading.meterId = row[0];
      reading.timeMs = row[1];
      reading.registerMl = row[2];
      reading.quality = row[3];
      reading.suspect = row[4];
      let n = byMeter.get(reading.meterId);
      if (!n) byMeter.set(reading.meterId, (n = {}));
      addNeighbour(n, reading, atMs);
    }
  }
  return byMeter;
}
