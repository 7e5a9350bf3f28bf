/**
 * The simulators' error catalogue (simulate, record, replay, demo). Expected failures (a bad
 * option, an unreadable capture line, a broker that does not answer) are returned as values with
 * one of these codes; only the unexpected is thrown.
 */
export const SimulatorErrorCode = {
  /** An option value is malformed or out of range; `details.option` names it. */
  BAD_OPTION: 'SIM_BAD_OPTION',
  /** The fleet has meters for a transport that was given no target (--broker, --coap). */
  NO_TARGET: 'SIM_NO_TARGET',
  /** A requested fault cannot be carried by the meter's format or does not fit the run. */
  FAULT_NOT_APPLICABLE: 'SIM_FAULT_NOT_APPLICABLE',
  /** A capture file line is not a valid capture record; `details.line` gives its number. */
  CAPTURE_INVALID: 'SIM_CAPTURE_INVALID',
  /** A file could not be read or written. */
  FILE_UNAVAILABLE: 'SIM_FILE_UNAVAILABLE',
  /** The MQTT broker or CoAP server did not answer. */
  TARGET_UNREACHABLE: 'SIM_TARGET_UNREACHABLE',
} as const;

export type SimulatorErrorCode = (typeof SimulatorErrorCode)[keyof typeof SimulatorErrorCode];

export type SimulatorErrorKind = 'invalid_input' | 'unavailable' | 'internal';

const KIND: Record<SimulatorErrorCode, SimulatorErrorKind> = {
  SIM_BAD_OPTION: 'invalid_input',
  SIM_NO_TARGET: 'invalid_input',
  SIM_FAULT_NOT_APPLICABLE: 'invalid_input',
  SIM_CAPTURE_INVALID: 'invalid_input',
  SIM_FILE_UNAVAILABLE: 'unavailable',
  SIM_TARGET_UNREACHABLE: 'unavailable',
};

export interface SimulatorError {
  code: SimulatorErrorCode;
  kind: SimulatorErrorKind;
  message: string;
  details?: Record<string, string | number | boolean | null>;
}

export function simulatorError(
  code: SimulatorErrorCode,
  message: string,
  details?: SimulatorError['details'],
): SimulatorError {
  return { code, kind: KIND[code], message, ...(details !== undefined ? { details } : {}) };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: SimulatorError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function fail<T = never>(
  code: SimulatorErrorCode,
  message: string,
  details?: SimulatorError['details'],
): Result<T> {
  return { ok: false, error: simulatorError(code, message, details) };
}

export function badOptionError(option: string, message: string): SimulatorError {
  return simulatorError(SimulatorErrorCode.BAD_OPTION, `${option}: ${message}`, { option });
}

export function badOption<T = never>(option: string, message: string): Result<T> {
  return { ok: false, error: badOptionError(option, message) };
}

/** Thrown only where a caller chose to treat a returned error as fatal (the CLI edge). */
export class SimulatorFailure extends Error {
  readonly code: SimulatorErrorCode;
  constructor(readonly error: SimulatorError) {
    super(error.message);
    this.name = 'SimulatorFailure';
    this.code = error.code;
  }
}
