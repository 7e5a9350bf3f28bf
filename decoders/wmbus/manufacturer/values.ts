/**
 * Building `ManufacturerValues` and results: empty values, typed failures, and exact volume
 * conversions to integer millilitres (Number stays exact below 2^53; fractional vendor units are
 * rounded once, half up, and the raw count is kept in `meta` so nothing is lost).
 */
import { decodeError, type DecodeError, type DecodeErrorCode } from '../../core/errors.js';
import type { ManufacturerResult, ManufacturerValues } from './types.js';

export function emptyValues(): ManufacturerValues {
  return { alarms: [], history: [], warnings: [], meta: {} };
}

export function ok(values: ManufacturerValues): ManufacturerResult {
  return { ok: true, values };
}

export function fail(
  code: DecodeErrorCode,
  message: string,
  extra: { offset?: number; details?: DecodeError['details'] } = {},
): { ok: false; error: DecodeError } {
  return { ok: false, error: decodeError(code, message, extra) };
}

/** DECODE_TRUNCATED for a field of `need` bytes at `offset` in a buffer of `have` bytes. */
export function truncated(what: string, offset: number, need: number, have: number): { ok: false; error: DecodeError } {
  return fail(
    'DECODE_TRUNCATED',
    `${what} needs ${need} byte(s) at offset ${offset}, only ${Math.max(0, have - offset)} left`,
    {
      offset,
      details: { field: what, need, have },
    },
  );
}

/** Integer litres to millilitres (exact: litres counts are below 2^43 here). */
export function litresToMl(litres: number): number {
  return litres * 1000;
}

/**
 * `numerator / denominator` rounded half up, for non-negative safe integers, computed on bigint so
 * the doubled numerator cannot lose precision.
 */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  return Number((2n * n + d) / (2n * d));
}

/** A volume of `count` units of `numerator/denominator` millilitres each, rounded half up to 1 mL. */
export function unitsToMl(count: number, numeratorMl: number, denominator: number): number {
  const n = BigInt(count) * BigInt(numeratorMl);
  const d = BigInt(denominator);
  return Number((2n * n + d) / (2n * d));
}
