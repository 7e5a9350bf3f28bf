/**
 * The validation stage's contract (VEE: validation, estimation, editing). Rules are pure
 * functions of a candidate reading, the meter's configuration and its last accepted state. They
 * never drop a reading: they set flags and raise or clear alarms.
 */
import type { DecodedReading, DecodedAlarm } from '../../decoders/core/types.js';

/** What the meters table says about the meter (thresholds are per meter class). */
export interface MeterProfile {
  meterId: string;
  meterClass: string;
  diameterMm?: number;
  registerDigits: number;
  q3Lph?: number;
  q4Lph?: number;
  expectedIntervalS: number;
  /**
   * Start of the meter's current installation (meter_installations.installed_at, ISO 8601). A
   * stored state older than this belongs to an earlier installation (a meter exchange or a
   * re-installed meter) and is ignored: the next reading is treated as the meter's first.
   */
  installedAt?: string;
  /**
   * False when the meter is on no open account (vacant premises): zero consumption is then
   * expected and not flagged. Undefined counts as active.
   */
  accountActive?: boolean;
}

/** The meter's last accepted state, kept in meter_state and updated in the writer's transaction. */
export interface MeterState {
  lastTime: string;
  lastRegisterMl: number;
  lastReceivedAt: string;
  lastFlowLph?: number;
  /** Rule-specific memory (e.g. when flow was last zero, days without consumption), plain JSON. */
  extra: Record<string, unknown>;
}

export interface ValidationInput {
  reading: DecodedReading;
  receivedAt: string;
  profile: MeterProfile;
  /** undefined for the first reading of a meter. */
  state: MeterState | undefined;
  /** Alarms the decoder reported from the meter's own status bits. */
  meterAlarms: DecodedAlarm[];
  /** Kinds of alarms currently active for this meter (to clear them when the condition ends). */
  activeAlarmKinds: string[];
  /**
   * Whether the payload reported the meter's status at all. When false, the absence of a meter
   * alarm says nothing, so alarms raised from meter bits are neither raised nor cleared by it.
   * Undefined counts as true (the decoder reports every alarm the payload carries).
   */
  meterStatusReported?: boolean;
}

export interface AlarmChange {
  action: 'raise' | 'clear';
  kind: string;
  /** The rule or meter bit behind it. */
  source: string;
  severity: 'info' | 'warning' | 'critical';
  detail?: Record<string, string | number | boolean | null>;
}

export interface ValidationOutput {
  /** Bit set of flags (gateway/validation/flags.ts names the bits). */
  flags: number;
  alarms: AlarmChange[];
  /** The state to store when this reading is accepted as the meter's latest; undefined: keep the old one. */
  nextState: MeterState | undefined;
  /**
   * Kinds already active whose condition still holds on this reading: the alarm store moves
   * their `last_seen_at` to the reading's time. Undefined when there are none.
   */
  stillActive?: string[];
}

export type Validator = (input: ValidationInput) => ValidationOutput;
