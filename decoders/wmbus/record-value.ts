/**
 * The value of a record's data field (EN 13757-3 Annex A): integers, BCD, reals, dates, LVAR text
 * and numbers, as the VIF's quantity and the DIF's coding say, and the record's number in its
 * canonical unit. Integer and BCD fields of up to 6 bytes are read straight from the payload as
 * exact numbers (no bigint, no view); longer ones as bigints.
 */
import {
  decodeBcd,
  decodeBcdNumber,
  decodeReal32,
  decodeSignedInt,
  decodeSignedIntNumber,
  decodeVariable,
  EXACT_NUMBER_BYTES,
  type DataCoding,
} from './data-field.js';
import { decodeTypeF, decodeTypeG, decodeTypeI, type MeterDate } from './dates.js';
import type { DataRecord } from './dif-vif.js';
import type { ValueInfo } from './vif-table.js';

export type RecordValue =
  | { kind: 'number'; mantissa: bigint | number; exponent: number; factor: number }
  | { kind: 'date'; date: MeterDate }
  | { kind: 'text'; text: string }
  | { kind: 'bytes' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'none' };

const NONE_VALUE: RecordValue = Object.freeze({ kind: 'none' });
/** The value of a record with a manufacturer-specific VIF: only its bytes. */
export const BYTES_VALUE: RecordValue = Object.freeze({ kind: 'bytes' });
const BAD_BCD = 'BCD digit above 9';

function numberValue(mantissa: bigint | number, exponent: number, factor: number): RecordValue {
  return { kind: 'number', mantissa, exponent, factor };
}

/** Where a data field lies: `length` bytes of `bytes` from `start`. */
export interface DataSpan {
  bytes: Uint8Array;
  start: number;
  length: number;
}

function view(d: DataSpan): Uint8Array {
  return d.bytes.subarray(d.start, d.start + d.length);
}

function integerValue(d: DataSpan, exponent: number, factor: number): RecordValue {
  const m =
    d.length <= EXACT_NUMBER_BYTES ? decodeSignedIntNumber(d.bytes, d.start, d.length) : decodeSignedInt(view(d));
  return numberValue(m, exponent, factor);
}

function bcdValue(d: DataSpan, exponent: number, factor: number): RecordValue {
  const v = d.length <= EXACT_NUMBER_BYTES ? decodeBcdNumber(d.bytes, d.start, d.length) : decodeBcd(view(d));
  return v === null ? { kind: 'invalid', reason: BAD_BCD } : numberValue(v, exponent, factor);
}

export function valueOf(
  info: ValueInfo,
  exponentDelta: number,
  coding: DataCoding,
  d: DataSpan,
  dataField: number,
  lvar: number,
): RecordValue {
  if (info.quantity === 'date' && dataField === 2) return { kind: 'date', date: decodeTypeG(view(d)) };
  if (info.quantity === 'datetime' && dataField === 4) return { kind: 'date', date: decodeTypeF(view(d)) };
  if (info.quantity === 'datetime' && dataField === 6) return { kind: 'date', date: decodeTypeI(view(d)) };
  if (info.quantity === 'date' && dataField === 4) return { kind: 'date', date: decodeTypeF(view(d)) };
  const exponent = info.exponent + exponentDelta;
  switch (coding) {
    case 'none':
    case 'selection':
      return NONE_VALUE;
    case 'int':
      return integerValue(d, exponent, info.factor);
    case 'real':
      return numberValue(decodeReal32(view(d)), exponent, info.factor);
    case 'bcd':
      return bcdValue(d, exponent, info.factor);
    case 'variable': {
      const v = decodeVariable(lvar, view(d));
      if (v.kind === 'text') return { kind: 'text', text: v.text };
      if (v.kind === 'number') {
        return v.value === null ? { kind: 'invalid', reason: BAD_BCD } : numberValue(v.value, exponent, info.factor);
      }
      return { kind: 'invalid', reason: `unsupported LVAR ${lvar}` };
    }
  }
}

/** 10^0 .. 10^22 (every one exact in a double), computed as `10 ** n` so the values are that operator's. */
const POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_, n) => 10 ** n);

/** `10 ** n` for an integer n ≥ 0, from the table where it can (Math.pow is slow on the hot path). */
function tenTo(n: number): number {
  return POWERS_OF_TEN[n] ?? 10 ** n;
}

/** A record's number in its canonical unit (see vif-table.ts), or null. */
export function recordNumber(r: DataRecord): number | null {
  if (r.value.kind !== 'number') return null;
  const { mantissa, exponent, factor } = r.value;
  const m = typeof mantissa === 'bigint' ? Number(mantissa) : mantissa;
  if (!Number.isFinite(m)) return null;
  const scaled = exponent >= 0 ? m * tenTo(exponent) : m / tenTo(-exponent);
  return factor === 1 ? scaled : scaled * factor;
}

/** A volume record in exact integer millilitres (null if not a finite number). */
export function recordMillilitres(r: DataRecord): number | null {
  if (r.value.kind !== 'number') return null;
  const { mantissa, exponent, factor } = r.value;
  if (factor === 1 && exponent >= 0) {
    if (typeof mantissa === 'bigint') {
      const v = mantissa * 10n ** BigInt(exponent);
      if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) return null;
      return Number(v);
    }
    if (r.coding !== 'real') {
      // An integer coding's mantissa is an exact integer below 2^48. The product is exact whenever
      // it is at most 2^53 - 1 (IEEE 754 rounds exact results to themselves) and at least 2^53
      // otherwise, so this bound is the bigint one above.
      const v = mantissa * tenTo(exponent);
      return Math.abs(v) <= Number.MAX_SAFE_INTEGER ? v : null;
    }
  }
  const n = recordNumber(r);
  return n === null ? null : Math.round(n);
}
