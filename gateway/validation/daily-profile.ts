/**
 * A meter's daily consumption profile: how its consumption is shaped over the hours of the day,
 * learned from its own interval readings. Hours are UTC hours: the shape is learned and applied
 * on the same clock, so the utility's time zone does not matter (and no daylight-saving jump can
 * bend it).
 *
 * The profile is 24 integer weights (the average flow in each hour of the day, scaled so the
 * largest is 1,000,000). `cumulativeWeight(t)` is the weighted time from the epoch to `t`, exact
 * in bigint, so the profile-weighted share of an interval is an exact ratio.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const PROFILE_SCALE = 1_000_000;

export interface RegisterPoint {
  timeMs: number;
  registerMl: number;
}

export interface HourProfile {
  /** Relative flow per UTC hour of day, 24 integers in [0, PROFILE_SCALE]. */
  weights: readonly number[];
}

export interface LearnOptions {
  /** Intervals longer than this say too little about the hour they fell in (default 3 h). */
  maxIntervalMs?: number;
  /** Each hour of the day must be covered this long by usable intervals (default 5 h). */
  minCoverageMsPerHour?: number;
}

/**
 * Learns the profile from readings in time order. Each interval's volume is spread over the
 * hours it covers in proportion to time. Returns undefined when some hour of the day is covered
 * too little, or nothing was consumed.
 */
export function learnHourProfile(
  points: readonly RegisterPoint[],
  options: LearnOptions = {},
): HourProfile | undefined {
  const maxIntervalMs = options.maxIntervalMs ?? 3 * HOUR_MS;
  const minCoverage = options.minCoverageMsPerHour ?? 5 * HOUR_MS;
  const volume = new Array<number>(24).fill(0);
  const covered = new Array<number>(24).fill(0);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const span = b.timeMs - a.timeMs;
    const consumed = b.registerMl - a.registerMl;
    if (span <= 0 || span > maxIntervalMs || consumed < 0) continue;
    let t = a.timeMs;
    while (t < b.timeMs) {
      const hourEnd = (Math.floor(t / HOUR_MS) + 1) * HOUR_MS;
      const end = Math.min(hourEnd, b.timeMs);
      const hour = hourOfDay(t);
      covered[hour]! += end - t;
      volume[hour]! += (consumed * (end - t)) / span;
      t = end;
    }
  }
  let maxRate = 0;
  const rates = volume.map((v, h) => {
    const c = covered[h]!;
    const rate = c > 0 ? v / c : 0;
    if (rate > maxRate) maxRate = rate;
    return rate;
  });
  if (maxRate <= 0 || covered.some((c) => c < minCoverage)) return undefined;
  return { weights: rates.map((r) => Math.round((r / maxRate) * PROFILE_SCALE)) };
}

export function hourOfDay(timeMs: number): number {
  return Math.floor((((timeMs % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
}

/** Σ weight × ms from the epoch to `timeMs` (floor of days, then hours of the last day). */
export function cumulativeWeight(profile: HourProfile, timeMs: number): bigint {
  const w = profile.weights;
  let daySum = 0;
  for (let h = 0; h < 24; h++) daySum += w[h]!;
  const day = Math.floor(timeMs / DAY_MS);
  const rem = timeMs - day * DAY_MS;
  const hour = Math.floor(rem / HOUR_MS);
  let total = BigInt(day) * BigInt(daySum) * BigInt(HOUR_MS);
  let prefix = 0;
  for (let h = 0; h < hour; h++) prefix += w[h]!;
  total += BigInt(prefix) * BigInt(HOUR_MS) + BigInt(w[hour]!) * BigInt(rem - hour * HOUR_MS);
  return total;
}
