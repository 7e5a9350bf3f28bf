/** Small helpers every LoRa vendor module uses to build results and read integers. */
import { DecodeErrorCode, decodeError, type DecodeError } from '../../core/errors.js';
import type { DecodeContext, DecodeFailure, DecodeSuccess } from '../../core/types.js';

function volumeProblem(parts: Partial<Pick<DecodeSuccess, 'readings' | 'history'>>): string | undefined {
  const bad = (ml: number | undefined) => ml !== undefined && (!Number.isSafeInteger(ml) || ml < 0);
  for (const r of parts.readings ?? []) {
    if (bad(r.registerMl) || bad(r.billingDateRegisterMl) || bad(r.reverseMl))
      return `register of ${r.registerMl} mL is outside 0 … 2^53`;
  }
  for (const h of parts.history ?? [])
    if (bad(h.registerMl)) return `history value of ${h.registerMl} mL is outside 0 … 2^53`;
  return undefined;
}

/**
 * A success, unless a volume is negative or beyond exact integers (a payload can code values no
 * water meter reaches): then DECODE_VALUE_OUT_OF_RANGE, as the contract asks for bad input.
 */
export function success(
  decoder: string,
  parts: Partial<Pick<DecodeSuccess, 'readings' | 'history' | 'alarms' | 'warnings' | 'meta'>>,
): DecodeSuccess | DecodeFailure {
  const problem = volumeProblem(parts);
  if (problem !== undefined) return failure(decoder, DecodeErrorCode.VALUE_OUT_OF_RANGE, problem);
  return {
    ok: true,
    decoder,
    readings: parts.readings ?? [],
    history: parts.history ?? [],
    alarms: parts.alarms ?? [],
    warnings: parts.warnings ?? [],
    meta: parts.meta ?? {},
  };
}

export function failure(
  decoder: string,
  code: DecodeErrorCode,
  message: string,
  extra: { offset?: number; details?: DecodeError['details'] } = {},
): DecodeFailure {
  return { ok: false, decoder, error: decodeError(code, message, extra) };
}

export function truncated(decoder: string, needed: number, got: number, what: string): DecodeFailure {
  return failure(decoder, DecodeErrorCode.TRUNCATED, `${what} needs ${needed} bytes, got ${got}`, {
    offset: got,
    details: { needed, got },
  });
}

export function unknownPort(decoder: string, fPort: number | undefined, known: readonly number[]): DecodeFailure {
  return failure(
    decoder,
    DecodeErrorCode.UNKNOWN_FORMAT,
    `fPort ${fPort ?? 'none'} is not one of this device's ports (${known.join(', ')})`,
    {
      details: { fPort: fPort ?? null },
    },
  );
}

/** The id readings are reported under: the registry's meter id, else the device id. */
export function meterIdOf(ctx: DecodeContext, fallback = 'unknown'): string {
  return ctx.meterId ?? ctx.deviceId ?? fallback;
}

export const DEFAULT_PULSE_VOLUME_ML = 1000;

/**
 * Pulse weight in mL: from the context (the device registry), else 1 L per pulse with a warning,
 * so a wrong default is visible rather than silent.
 */
export function pulseVolumeMl(ctx: DecodeContext, warnings: string[]): number {
  const v = ctx.pulseVolumeMl;
  if (v !== undefined && Number.isSafeInteger(v) && v > 0) return v;
  warnings.push(`no pulse weight configured for this meter: assumed ${DEFAULT_PULSE_VOLUME_ML} mL per pulse`);
  return DEFAULT_PULSE_VOLUME_ML;
}

export function u8(b: Uint8Array, at: number): number {
  return b[at] ?? 0;
}
export function u16le(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}
export function u16be(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}
export function u32le(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0;
}
export function u32be(b: Uint8Array, at: number): number {
  return (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;
}
export function i16le(b: Uint8Array, at: number): number {
  const v = u16le(b, at);
  return v >= 0x8000 ? v - 0x10000 : v;
}
export function writeU32le(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
  b[at + 2] = (v >>> 16) & 0xff;
  b[at + 3] = (v >>> 24) & 0xff;
}
export function writeU32be(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 24) & 0xff;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}
export function writeU16be(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 8) & 0xff;
  b[at + 1] = v & 0xff;
}

/** Rounds a/b to the nearest integer, halves away from zero, for non-negative integers. */
export function divRoundHalfUp(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}
