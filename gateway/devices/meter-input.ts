/**
 * Checking a meter's record (a line of `meterflow meters import`) before it reaches the
 * database: what validation reads about a meter (class, size, register capacity, flow rates,
 * reporting interval). Messages name the field.
 */
import type { FieldProblem } from './device-input.js';

/** The columns of the meters file, in the order `meterflow simulate --meters-out` writes them. */
export const METER_COLUMNS = [
  'meter_id',
  'serial_number',
  'manufacturer',
  'model',
  'diameter_mm',
  'register_digits',
  'meter_class',
  'q3_lph',
  'q4_lph',
  'expected_interval_s',
] as const;
export type MeterColumn = (typeof METER_COLUMNS)[number];

/** A checked meter; a column left empty is undefined (the table's default, or NULL). */
export interface MeterInput {
  meterId: string;
  serialNumber?: string;
  manufacturer?: string;
  model?: string;
  /** Nominal diameter DN, mm. */
  diameterMm?: number;
  /** The register wraps after 10^registerDigits m³ (default 5). */
  registerDigits?: number;
  /** Validation thresholds are chosen by class (default residential). */
  meterClass?: string;
  /** Permanent flow Q3, L/h (ISO 4064 / OIML R49). */
  q3Lph?: number;
  /** Overload flow Q4, L/h (1.25 × Q3 for ISO 4064 meters). */
  q4Lph?: number;
  /** How often the meter reports, s (default 86,400). */
  expectedIntervalS?: number;
}

export type RawMeterInput = Partial<Record<MeterColumn, string>>;

const TEXT_LIMIT = 128;
const CLASS = /^[a-z0-9][a-z0-9_-]{0,63}$/;

function wholeNumber(
  field: MeterColumn,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined | FieldProblem {
  if (text === undefined) return undefined;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    return { field, message: `must be a whole number from ${min} to ${max}` };
  return n;
}

export function isFieldProblem(v: unknown): v is FieldProblem {
  return typeof v === 'object' && v !== null && 'field' in v && 'message' in v;
}

/** The checked meter, or the first problem. */
export function checkMeterInput(raw: RawMeterInput): MeterInput | FieldProblem {
  const value = (k: MeterColumn) => {
    const v = raw[k]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const meterId = value('meter_id');
  if (meterId === undefined) return { field: 'meter_id', message: 'is required' };
  const out: MeterInput = { meterId };
  for (const [field, key] of [
    ['meter_id', 'meterId'],
    ['serial_number', 'serialNumber'],
    ['manufacturer', 'manufacturer'],
    ['model', 'model'],
  ] as const) {
    const v = value(field);
    if (v === undefined) continue;
    if (v.length > TEXT_LIMIT) return { field, message: `is longer than ${TEXT_LIMIT} characters` };
    if (/\p{Cc}/u.test(v)) return { field, message: 'may not contain control characters' };
    out[key] = v;
  }
  const numbers = [
    ['diameter_mm', 'diameterMm', 6, 3_000],
    ['register_digits', 'registerDigits', 1, 12],
    ['q3_lph', 'q3Lph', 1, 10_000_000],
    ['q4_lph', 'q4Lph', 1, 12_500_000],
    ['expected_interval_s', 'expectedIntervalS', 1, 366 * 86_400],
  ] as const;
  for (const [field, key, min, max] of numbers) {
    const n = wholeNumber(field, value(field), min, max);
    if (isFieldProblem(n)) return n;
    if (n !== undefined) out[key] = n;
  }
  const meterClass = value('meter_class');
  if (meterClass !== undefined) {
    if (!CLASS.test(meterClass))
      return {
        field: 'meter_class',
        message: 'must be lower-case letters, digits, _ or - (as the validation config names classes)',
      };
    out.meterClass = meterClass;
  }
  if (out.q3Lph !== undefined && out.q4Lph !== undefined && out.q4Lph < out.q3Lph)
    return { field: 'q4_lph', message: `the overload flow Q4 is below the permanent flow Q3 (${out.q3Lph} L/h)` };
  return out;
}
