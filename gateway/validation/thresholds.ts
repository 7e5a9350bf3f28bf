/**
 * Validation thresholds per meter class, with documented defaults (docs/validation.md has the
 * same tables), and the flow limits of a meter from its nameplate or its diameter.
 *
 * Flow limits follow ISO 4064-1:2014 / OIML R 49-1: Q3 is the permanent flow rate, Q4 the
 * overload flow rate, and Q4/Q3 = 1.25 (ISO 4064-1 §4.2.3). Where a meter has no Q3/Q4 of its own,
 * the typical Q3 for its nominal diameter DN is used (the usual ISO 4064 sizing of meters
 * from the R10 series of Q3 values).
 */
import type { MeterProfile } from './types.js';

export interface ClassThresholds {
  /** Diameter assumed when the meter has none (selects Q3/Q4 from the DN table). */
  defaultDiameterMm: number;
  /** Spike: interval or reported flow above Q4 × this factor. */
  overloadFactor: number;
  /** Spike: interval flow above this multiple of the meter's recent average flow... */
  historySpikeFactor: number;
  /** ...and at least this fraction of Q3 (small flows are never spikes)... */
  historySpikeMinQ3Fraction: number;
  /** ...once the average has this many intervals behind it. */
  historyMinSamples: number;
  /** Weight of the newest interval in the recent average flow (exponential moving average). */
  historyWeight: number;
  /** Continuous flow: no zero-flow interval for this long, seconds. */
  leakWindowS: number;
  /** An interval longer than this could hide a zero-flow period, so it counts as one, seconds. */
  leakMaxIntervalS: number;
  /** Zero consumption: the register has not moved for this many days on an active account. */
  zeroConsumptionDays: number;
  /** Gap: the time since the previous reading exceeds expected_interval_s × this factor. */
  gapFactor: number;
  /** A reading time later than its receipt by more than this is in the future, seconds. */
  futureToleranceS: number;
  /** A reading time earlier than its receipt by more than this is stale, seconds. */
  staleAfterS: number;
  /** Clock drift: the meter clock's offset moved more than this from its baseline, seconds; 0 disables. */
  clockDriftToleranceS: number;
  /** A register this much below the previous one is tolerated (no flag), millilitres. */
  backwardsToleranceMl: number;
  /** The register's resolution: one step of it is never evidence of a spike, millilitres. */
  registerResolutionMl: number;
}

/** Defaults for a meter of an unknown class; each class below overrides some of them. */
export const DEFAULT_THRESHOLDS: Readonly<ClassThresholds> = Object.freeze({
  defaultDiameterMm: 15,
  overloadFactor: 1,
  historySpikeFactor: 20,
  historySpikeMinQ3Fraction: 0.2,
  historyMinSamples: 6,
  historyWeight: 0.125,
  leakWindowS: 86_400,
  leakMaxIntervalS: 3_600,
  zeroConsumptionDays: 30,
  gapFactor: 2,
  futureToleranceS: 300,
  staleAfterS: 3 * 86_400,
  clockDriftToleranceS: 900,
  backwardsToleranceMl: 0,
  registerResolutionMl: 1_000,
});

/** Per-class overrides of the defaults (meters.meter_class). */
export const DEFAULT_CLASS_OVERRIDES: Readonly<Record<string, Partial<ClassThresholds>>> = Object.freeze({
  residential: {},
  commercial: { defaultDiameterMm: 25, zeroConsumptionDays: 14, historySpikeFactor: 15 },
  industrial: { defaultDiameterMm: 50, zeroConsumptionDays: 7, historySpikeFactor: 10 },
  // district and bulk meters: water always flows, a stopped register is urgent
  bulk: { defaultDiameterMm: 100, zeroConsumptionDays: 2, historySpikeFactor: 5, leakWindowS: 0 },
});

/** Typical permanent flow Q3 per nominal diameter DN (mm → L/h). */
export const TYPICAL_Q3_LPH_BY_DN: ReadonlyArray<readonly [diameterMm: number, q3Lph: number]> = [
  [15, 2_500],
  [20, 4_000],
  [25, 6_300],
  [32, 10_000],
  [40, 16_000],
  [50, 25_000],
  [65, 40_000],
  [80, 63_000],
  [100, 100_000],
  [125, 160_000],
  [150, 250_000],
  [200, 400_000],
  [250, 630_000],
  [300, 1_000_000],
];

/** ISO 4064-1 §4.2.3: Q4 = 1.25 × Q3. */
export const Q4_PER_Q3 = 1.25;

export interface ValidationConfig {
  /** Overrides of DEFAULT_THRESHOLDS for every class. */
  defaults?: Partial<ClassThresholds>;
  /** Per-class overrides, applied over DEFAULT_CLASS_OVERRIDES and `defaults`. */
  classes?: Record<string, Partial<ClassThresholds>>;
}

/** The thresholds for each class, resolved once when the validator is built. */
export class ThresholdTable {
  private readonly byClass = new Map<string, ClassThresholds>();
  readonly fallback: ClassThresholds;

  constructor(config: ValidationConfig = {}) {
    this.fallback = Object.freeze({ ...DEFAULT_THRESHOLDS, ...config.defaults });
    const names = new Set([...Object.keys(DEFAULT_CLASS_OVERRIDES), ...Object.keys(config.classes ?? {})]);
    for (const name of names) {
      this.byClass.set(
        name,
        Object.freeze({ ...this.fallback, ...DEFAULT_CLASS_OVERRIDES[name], ...config.classes?.[name] }),
      );
    }
  }

  forClass(meterClass: string): ClassThresholds {
    return this.byClass.get(meterClass) ?? this.fallback;
  }

  classes(): Array<[string, ClassThresholds]> {
    return [...this.byClass.entries()];
  }
}

/** Typical Q3 for a diameter: the smallest listed DN at or above it, else the largest. */
export function typicalQ3Lph(diameterMm: number): number {
  for (const [dn, q3] of TYPICAL_Q3_LPH_BY_DN) if (diameterMm <= dn) return q3;
  return TYPICAL_Q3_LPH_BY_DN[TYPICAL_Q3_LPH_BY_DN.length - 1]![1];
}

/** Q3 of a meter: its own, else derived from its own Q4, else typical for its (or its class's) DN. */
export function meterQ3Lph(profile: MeterProfile, t: ClassThresholds): number {
  if (profile.q3Lph !== undefined && profile.q3Lph > 0) return profile.q3Lph;
  if (profile.q4Lph !== undefined && profile.q4Lph > 0) return profile.q4Lph / Q4_PER_Q3;
  return typicalQ3Lph(profile.diameterMm ?? t.defaultDiameterMm);
}

/** Q4 of a meter: its own, else 1.25 × its Q3. */
export function meterQ4Lph(profile: MeterProfile, t: ClassThresholds): number {
  if (profile.q4Lph !== undefined && profile.q4Lph > 0) return profile.q4Lph;
  return meterQ3Lph(profile, t) * Q4_PER_Q3;
}

/** Register capacity in millilitres: the register wraps to 0 at 10^digits m³ (1 m³ = 10^6 mL). */
export function registerCapacityMl(registerDigits: number): number {
  return 10 ** (registerDigits + 6);
}

/** The largest volume (mL) a flow of `flowLph` passes in `elapsedMs`: L/h × ms × 1000 / 3.6e6. */
export function volumeAtFlowMl(flowLph: number, elapsedMs: number): number {
  return (flowLph * elapsedMs) / 3_600;
}
