/**
 * What every rule sees: the reading, the meter's limits and thresholds, and the previous accepted
 * reading with the rules' memory, all pre-parsed once per reading (times as epoch milliseconds).
 * The validator fills one context per reading; rules only read it.
 */
import type { DecodedReading } from '../../../decoders/core/types.js';
import type { ClassThresholds } from '../thresholds.js';
import type { MeterProfile } from '../types.js';

/** Rule memory kept in meter_state.state (MeterState.extra); times are epoch milliseconds. */
export interface RuleMemory {
  /** End of the latest interval that had (or could have had) zero flow. */
  zeroFlowAtMs: number;
  /** Time of the latest reading at which the register had moved. */
  registerChangedAtMs: number;
  /** Recent average flow (exponential moving average of interval flows), L/h. */
  averageFlowLph: number;
  /** Intervals behind that average. */
  averageSamples: number;
  /** Baseline of receive time − meter time, for clock drift; null until a meter-timed reading. */
  clockOffsetMs: number | null;
  /** Latest reverse (backflow) register, mL; null when the meter reports none. */
  reverseMl: number | null;
}

export interface RuleContext {
  reading: DecodedReading;
  profile: MeterProfile;
  thresholds: ClassThresholds;
  q3Lph: number;
  q4Lph: number;
  capacityMl: number;
  timeMs: number;
  receivedAtMs: number;
  /** False for a meter's first reading (or the first after a new installation). */
  hasPrevious: boolean;
  previousTimeMs: number;
  previousRegisterMl: number;
  /** timeMs − previousTimeMs (0 without a previous reading). */
  elapsedMs: number;
  /**
   * Volume since the previous reading, mL, allowing for a plausible rollover; −1 when unknown
   * (first reading, register went backwards, or not a later reading).
   */
  consumptionMl: number;
  /** The previous memory (initial values for a first reading). */
  memory: RuleMemory;
  /** Flags from the meter's own alarm bits (non-historic decoded alarms). */
  meterBitFlags: number;
}

export function emptyContext(): RuleContext {
  return {
    reading: undefined as unknown as DecodedReading,
    profile: undefined as unknown as MeterProfile,
    thresholds: undefined as unknown as ClassThresholds,
    q3Lph: 0,
    q4Lph: 0,
    capacityMl: 0,
    timeMs: 0,
    receivedAtMs: 0,
    hasPrevious: false,
    previousTimeMs: 0,
    previousRegisterMl: 0,
    elapsedMs: 0,
    consumptionMl: -1,
    memory: {
      zeroFlowAtMs: 0,
      registerChangedAtMs: 0,
      averageFlowLph: 0,
      averageSamples: 0,
      clockOffsetMs: null,
      reverseMl: null,
    },
    meterBitFlags: 0,
  };
}
