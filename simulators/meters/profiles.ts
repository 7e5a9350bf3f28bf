/**
 * How much water a meter's premises use, and when: daily profiles by local hour, a seasonal
 * swing, household-size scaling, and the size of single water uses (a toilet flush, a shower).
 *
 * Water is drawn in discrete uses ("events"); the number of uses in an hour is Poisson with the
 * hour's expected volume divided by the mean use volume, so quiet night hours are mostly empty,
 * as real interval data are. The volume a meter records in any slot of the interval grid is
 * capped at a small share of its Q3 (see SLOT_CAP_Q3_SHARE), which keeps ordinary use below the
 * validator's spike limits: the faults are what the validator must find, not the profile.
 */
import type { MeterClass } from './types.js';

function normalised(weights: readonly number[]): readonly number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / sum);
}

/**
 * Residential: a morning peak (06–09), a smaller midday, an evening peak (18–22), almost nothing
 * between midnight and 05 (after published household end-use studies; the shape, not the
 * numbers, is what matters here).
 */
export const RESIDENTIAL_HOURLY: readonly number[] = normalised([
  0.006, 0.003, 0.002, 0.002, 0.003, 0.012, 0.055, 0.09, 0.075, 0.05, 0.04, 0.04, 0.048, 0.035, 0.03, 0.03, 0.035, 0.05,
  0.075, 0.088, 0.08, 0.065, 0.045, 0.02,
]);

/** Commercial (offices, shops): working hours 08–18 on weekdays, nothing at night. */
export const COMMERCIAL_HOURLY: readonly number[] = normalised([
  0, 0, 0, 0, 0, 0, 0.005, 0.04, 0.1, 0.1, 0.1, 0.1, 0.11, 0.1, 0.1, 0.1, 0.09, 0.05, 0.02, 0.01, 0.005, 0, 0, 0,
]);

/** Share of a commercial weekday's volume used on a Saturday or Sunday. */
export const COMMERCIAL_WEEKEND_FACTOR = 0.12;
/** Households use a little more at weekends. */
export const RESIDENTIAL_WEEKEND_FACTOR = 1.08;

/** Seasonal swing: ±12 %, highest around 15 July (day 196), lowest in mid-January. */
export function seasonalFactor(dayOfYear: number): number {
  return 1 + 0.12 * Math.cos((2 * Math.PI * (dayOfYear - 196)) / 365.25);
}

/** Household daily volume: per-person use with economies of scale (persons^0.85). */
export function householdDailyLitres(persons: number, litresPerPerson: number): number {
  return litresPerPerson * persons ** 0.85;
}

/** Distribution of household sizes (persons 1..6), roughly as in urban census tables. */
export const HOUSEHOLD_SIZE_WEIGHTS: readonly number[] = [0.18, 0.3, 0.27, 0.15, 0.07, 0.03];

export interface UseShape {
  /** Mean volume of one use, litres (exponential, clamped to [minL, maxL]). */
  meanL: number;
  minL: number;
  maxL: number;
  /** Flow while a use lasts, litres per hour, uniform in [min, max]. */
  flowMinLph: number;
  flowMaxLph: number;
}

export const RESIDENTIAL_USE: UseShape = { meanL: 12, minL: 1, maxL: 60, flowMinLph: 360, flowMaxLph: 900 };
export const COMMERCIAL_USE: UseShape = { meanL: 20, minL: 2, maxL: 80, flowMinLph: 480, flowMaxLph: 1_200 };

export function useShape(meterClass: MeterClass): UseShape {
  return meterClass === 'commercial' ? COMMERCIAL_USE : RESIDENTIAL_USE;
}

export function hourlyWeights(meterClass: MeterClass): readonly number[] {
  return meterClass === 'commercial' ? COMMERCIAL_HOURLY : RESIDENTIAL_HOURLY;
}

/** Weekday factor of the daily volume (0 = Sunday). */
export function weekdayFactor(meterClass: MeterClass, weekday: number): number {
  const weekend = weekday === 0 || weekday === 6;
  if (meterClass === 'commercial') return weekend ? COMMERCIAL_WEEKEND_FACTOR : 1;
  return weekend ? RESIDENTIAL_WEEKEND_FACTOR : 1;
}

/**
 * The most a meter records from ordinary use in one slot of the grid (a slot is one interval,
 * at most an hour), as a share of Q3 per hour. A reporting interval overlaps at most two slots,
 * so its average flow stays below 2 × 0.09 = 0.18 × Q3, under the validator's spike floor of
 * 0.2 × Q3 (gateway/validation/thresholds.ts, historySpikeMinQ3Fraction).
 */
export const SLOT_CAP_Q3_SHARE = 0.09;

/** The flow a meter reports from ordinary use is capped here (a household pipe's limit). */
export const USE_FLOW_CAP_Q3_SHARE = 0.8;

/** Typical Q3 by nominal diameter (ISO 4064 R10 series), L/h. */
export function q3ForDiameter(diameterMm: number): number {
  if (diameterMm <= 15) return 2_500;
  if (diameterMm <= 20) return 4_000;
  if (diameterMm <= 25) return 6_300;
  if (diameterMm <= 32) return 10_000;
  if (diameterMm <= 40) return 16_000;
  return 25_000;
}
