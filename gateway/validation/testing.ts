/**
 * Builders for validation tests: a residential DN15 meter reporting hourly, readings, states and
 * inputs with sensible defaults that each test overrides.
 */
import type { DecodedAlarm, DecodedReading } from '../../decoders/core/types.js';
import type { RuleMemory } from './rules/context.js';
import type { MeterProfile, MeterState, ValidationInput } from './types.js';

export const T0 = '2026-03-01T00:00:00.000Z';
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** 1 m³ in millilitres. */
export const M3 = 1_000_000;

/** `base` plus `ms` as ISO 8601. */
export function at(ms: number, base: string = T0): string {
  return new Date(Date.parse(base) + ms).toISOString();
}

export function meterProfile(overrides: Partial<MeterProfile> = {}): MeterProfile {
  return {
    meterId: 'M1',
    meterClass: 'residential',
    diameterMm: 15,
    registerDigits: 5,
    expectedIntervalS: 3_600,
    ...overrides,
  };
}

export function meterReading(
  time: string,
  registerMl: number,
  overrides: Partial<DecodedReading> = {},
): DecodedReading {
  return { meterId: 'M1', time, timeFromMeter: true, registerMl, ...overrides };
}

export function meterState(
  time: string,
  registerMl: number,
  memory: Partial<RuleMemory> = {},
  receivedAt: string = time,
): MeterState {
  return { lastTime: time, lastRegisterMl: registerMl, lastReceivedAt: receivedAt, extra: { ...memory } };
}

export function meterAlarm(
  kind: DecodedAlarm['kind'],
  time: string,
  overrides: Partial<DecodedAlarm> = {},
): DecodedAlarm {
  return { kind, meterId: 'M1', time, ...overrides };
}

export interface InputParts {
  reading: DecodedReading;
  state?: MeterState;
  profile?: Partial<MeterProfile>;
  receivedAt?: string;
  meterAlarms?: DecodedAlarm[];
  active?: string[];
  meterStatusReported?: boolean;
}

export function validationInput(parts: InputParts): ValidationInput {
  const input: ValidationInput = {
    reading: parts.reading,
    receivedAt: parts.receivedAt ?? parts.reading.time,
    profile: meterProfile(parts.profile),
    state: parts.state,
    meterAlarms: parts.meterAlarms ?? [],
    activeAlarmKinds: parts.active ?? [],
  };
  if (parts.meterStatusReported !== undefined) input.meterStatusReported = parts.meterStatusReported;
  return input;
}
