/**
 * Estimation (the E of VEE): the register at any instant from the neighbouring actual readings.
 *
 *  - `linear`: in proportion to time between the reading before and the reading after;
 *  - `profile`: in proportion to the meter's daily consumption profile (daily-profile.ts) over
 *    the same interval, when the meter has enough interval history to learn one;
 *  - `extrapolated`: past the last reading, at the average flow of the history before it (no
 *    reading after the instant exists yet).
 *
 * An interpolated estimate never leaves its neighbours (for a rollover between them: the wrapped
 * path between them), and at a neighbour's own time it equals that reading. Volumes are whole
 * millilitres, computed exactly in bigint and rounded down (toward the earlier neighbour).
 */
import { cumulativeWeight, type HourProfile, type RegisterPoint } from './daily-profile.js';

export type { HourProfile, RegisterPoint } from './daily-profile.js';

export type EstimateMethod = 'linear' | 'profile' | 'extrapolated';

export interface Estimate {
  registerMl: number;
  method: EstimateMethod;
}

export interface InterpolateOptions {
  profile?: HourProfile;
  /** Register capacity (mL): with it, an `after` below `before` is read as a rollover between them. */
  capacityMl?: number;
}

/** floor(a × b / c) exactly, for c > 0 (a may be negative: rounds toward −∞). */
function mulDivFloor(a: bigint, b: bigint, c: bigint): bigint {
  const n = a * b;
  const q = n / c;
  return n % c !== 0n && n < 0n ? q - 1n : q;
}

/**
 * The register at `instantMs`, with before.timeMs ≤ instantMs ≤ after.timeMs. Throws a
 * RangeError when the instant is outside its neighbours (a caller bug, not an input error).
 */
export function interpolateRegister(
  before: RegisterPoint,
  after: RegisterPoint,
  instantMs: number,
  options: InterpolateOptions = {},
): Estimate {
  if (!(before.timeMs <= instantMs && instantMs <= after.timeMs)) {
    throw new RangeError(`instant ${instantMs} is not between its neighbours ${before.timeMs} and ${after.timeMs}`);
  }
  const profile = options.profile;
  if (instantMs === before.timeMs || before.timeMs === after.timeMs)
    return { registerMl: before.registerMl, method: profile ? 'profile' : 'linear' };
  if (instantMs === after.timeMs) return { registerMl: after.registerMl, method: profile ? 'profile' : 'linear' };

  const capacity = options.capacityMl;
  const wraps = capacity !== undefined && after.registerMl < before.registerMl;
  const volume = BigInt(wraps ? capacity - before.registerMl + after.registerMl : after.registerMl - before.registerMl);

  let part: bigint;
  let method: EstimateMethod = 'linear';
  let whole: bigint;
  if (profile) {
    const start = cumulativeWeight(profile, before.timeMs);
    part = cumulativeWeight(profile, instantMs) - start;
    whole = cumulativeWeight(profile, after.timeMs) - start;
    if (whole > 0n) method = 'profile';
  } else {
    whole = 0n;
    part = 0n;
  }
  if (method === 'linear') {
    part = BigInt(instantMs - before.timeMs);
    whole = BigInt(after.timeMs - before.timeMs);
  }
  let registerMl = before.registerMl + Number(mulDivFloor(volume, part, whole));
  if (wraps && registerMl >= capacity) registerMl -= capacity;
  return { registerMl, method };
}

/**
 * The register at `instantMs` ≥ last.timeMs, continuing the average flow from `first` to `last`
 * (two actual readings of the history before it). Without a usable history the register stays.
 */
export function extrapolateRegister(
  first: RegisterPoint,
  last: RegisterPoint,
  instantMs: number,
  capacityMl?: number,
): Estimate {
  if (instantMs < last.timeMs) throw new RangeError(`instant ${instantMs} is before the last reading ${last.timeMs}`);
  const span = last.timeMs - first.timeMs;
  const volume = last.registerMl - first.registerMl;
  if (span <= 0 || volume <= 0) return { registerMl: last.registerMl, method: 'extrapolated' };
  let registerMl = last.registerMl + Number(mulDivFloor(BigInt(volume), BigInt(instantMs - last.timeMs), BigInt(span)));
  if (capacityMl !== undefined) registerMl %= capacityMl;
  return { registerMl, method: 'extrapolated' };
}
