/**
 * The OMS records of a LoRaWAN payload (Kamstrup flowIQ "mbusparser", Sensus iPERL, wired M-Bus
 * behind a bridge), parsed by the wM-Bus record parser (decoders/wmbus, EN 13757-3) and seen the
 * way these vendors' modules use them: water quantities as integer value × 10^exponent (volume in
 * mL, flow in L/h, temperatures in °C), meter times as wall clocks, Kamstrup's manufacturer VIFEs
 * by name, the "invalid" markers of EN 13757-3 Annex A as no value, and the inverse compact profile
 * (Annex F), which the wM-Bus parser leaves as the record's bytes.
 */
import { DecodeErrorCode, decodeError, type DecodeError } from '../../../core/errors.js';
import type { WallClock } from '../../../core/local-time.js';
import { decodeBcdNumber, decodeSignedIntNumber, EXACT_NUMBER_BYTES } from '../../../wmbus/data-field.js';
import { parseRecords as parseWmbusRecords, type DataRecord } from '../../../wmbus/dif-vif.js';
import { primaryVif } from '../../../wmbus/vif-table.js';

export type Quantity =
  | 'volume'
  | 'flow'
  | 'flow_temperature'
  | 'external_temperature'
  | 'datetime'
  | 'date'
  | 'kamstrup_infocode'
  | 'kamstrup_ald_last_day'
  | 'kamstrup_config'
  | 'kamstrup_ald'
  | 'unknown';

export interface InverseProfile {
  /** 0 s, 1 min, 2 h, 3 days (or months with spacing value 254). */
  spacingUnit: number;
  spacingValue: number;
  /** 1 decrements, 2 increments, 3 signed differences (Annex F). */
  incrementMode: number;
  /** Deltas, newest first; undefined marks an invalid element. */
  deltas: Array<number | undefined>;
}

export interface OmsRecord {
  /** Offset of the DIF in the whole payload. */
  offset: number;
  /** 0 instantaneous, 1 maximum, 2 minimum, 3 during error state. */
  functionField: number;
  storage: number;
  tariff: number;
  quantity: Quantity;
  /** Decimal exponent: volume in mL, flow in L/h, temperature in °C. */
  exponent: number;
  /** Combinable VIFE codes (7 bits) after the VIF, e.g. 3Ch backward flow. */
  vifes: readonly number[];
  /** Integer value (type H reals as they are); undefined when the record carries the "invalid" pattern or no value. */
  value?: number;
  time?: WallClock;
  profile?: InverseProfile;
}

export type RecordsResult = { ok: true; records: OmsRecord[]; warnings: string[] } | { ok: false; error: DecodeError };

/** Kamstrup's manufacturer VIFEs after VIF FFh (Kamstrup LoRaWAN integration guide, mbusparser). */
const KAMSTRUP_VIFE: Readonly<Record<number, Quantity>> = {
  0x25: 'kamstrup_infocode',
  0x1c: 'kamstrup_ald_last_day',
  0x16: 'kamstrup_config',
  0x1b: 'kamstrup_ald',
};

/** Combinable VIFE 13h after a volume VIF: the data is an inverse compact profile (EN 13757-3 Annex F). */
const INVERSE_COMPACT_PROFILE = 0x13;

/** The water quantities these vendors send, by the wM-Bus quantity of a primary VIF. */
function waterQuantity(r: DataRecord): Quantity {
  if (r.vifTable === 'manufacturer')
    return r.vif === 0xff ? (KAMSTRUP_VIFE[r.combinable[0] ?? -1] ?? 'unknown') : 'unknown';
  if (r.vifTable !== 'primary') return 'unknown';
  switch (r.quantity) {
    case 'volume':
    case 'flow_temperature':
    case 'external_temperature':
    case 'date':
    case 'datetime':
      return r.quantity;
    case 'volume_flow':
      // m³/h only (VIF 38h..3Fh); the m³/min and m³/s rows are not integer × 10^n L/h.
      return primaryVif(r.vifCode).factor === 1 ? 'flow' : 'unknown';
    default:
      return 'unknown';
  }
}

/** Binary integer of `length` bytes from `start`, or undefined for the invalid marker (type B 80h…00, type C FFh…FF). */
function binary(b: Uint8Array, start: number, length: number, signed: boolean): number | undefined {
  const v = decodeSignedIntNumber(b, start, length);
  const top = 2 ** (8 * length);
  if (signed) return v === -top / 2 ? undefined : v;
  const unsigned = v < 0 ? v + top : v;
  return unsigned === top - 1 ? undefined : unsigned;
}

function parseProfile(data: Uint8Array): InverseProfile | undefined {
  const control = data[0] ?? 0;
  const elementSize = control & 0x0f;
  const incrementMode = (control >> 6) & 0x03;
  if (data.length < 2 || elementSize < 1 || elementSize > 4 || incrementMode === 0) return undefined;
  const deltas: Array<number | undefined> = [];
  for (let i = 2; i + elementSize <= data.length; i += elementSize)
    deltas.push(binary(data, i, elementSize, incrementMode === 3));
  return { spacingUnit: (control >> 4) & 0x03, spacingValue: data[1] ?? 0, incrementMode, deltas };
}

function wallClock(r: DataRecord): WallClock | undefined {
  if (r.value.kind !== 'date' || !r.value.date.valid) return undefined;
  const d = r.value.date;
  return { year: d.year, month: d.month, day: d.day, hour: d.hour ?? 0, minute: d.minute ?? 0, second: d.second ?? 0 };
}

/** Kamstrup's manufacturer records (kept as bytes by the wM-Bus parser): unsigned binary, or BCD. */
function kamstrupNumber(r: DataRecord): number | undefined {
  const n = r.data.length;
  if (n === 0 || n > EXACT_NUMBER_BYTES) return undefined;
  if (r.coding === 'int') return binary(r.data, 0, n, false);
  if (r.coding !== 'bcd') return undefined;
  const v = decodeBcdNumber(r.data);
  return v === null || v < 0 ? undefined : v;
}

/** The record's number as a double; undefined for invalid markers, non-numbers and integers beyond 2^53. */
function numberOf(r: DataRecord, quantity: Quantity): number | undefined {
  if (quantity.startsWith('kamstrup_')) return kamstrupNumber(r);
  if (r.value.kind !== 'number') return undefined;
  const m = r.value.mantissa;
  if (typeof m === 'bigint') return Number.isSafeInteger(Number(m)) ? Number(m) : undefined;
  // Type B's invalid marker is the most negative value (80h…00).
  return r.coding === 'int' && m === -(2 ** (8 * r.data.length - 1)) ? undefined : m;
}

function unsupported(offset: number, what: string): RecordsResult {
  return {
    ok: false,
    error: decodeError(DecodeErrorCode.UNSUPPORTED_RECORD, `record at byte ${offset}: unsupported ${what}`, { offset }),
  };
}

/**
 * Parses the records from `start` to the end of `b`. Never throws. A truncated or malformed record
 * fails the payload with the parser's error, at its offset in `b`; one the parser does not support
 * ends the records with a warning.
 */
export function parseRecords(b: Uint8Array, start: number): RecordsResult {
  const parsed = parseWmbusRecords(b.subarray(start), undefined, { collectFormat: false });
  if (!parsed.ok) return parsed;
  const { stoppedEarly, manufacturerData, readoutRequestAt } = parsed.value;
  const records: OmsRecord[] = [];
  const warnings: string[] = [];
  if (stoppedEarly !== undefined) {
    const offset = stoppedEarly.offset === undefined ? undefined : stoppedEarly.offset + start;
    // A reserved special DIF or an LVAR coding no one uses ends the records it cannot read (the
    // ones before it are kept, as in the wM-Bus decoder); a truncated or malformed record fails.
    if (stoppedEarly.code !== DecodeErrorCode.UNSUPPORTED_RECORD) {
      return { ok: false, error: offset === undefined ? stoppedEarly : { ...stoppedEarly, offset } };
    }
    warnings.push(`${stoppedEarly.message} at byte ${offset ?? '?'}: rest not decoded`);
  }
  for (const r of parsed.value.records) {
    const offset = start + r.offset;
    const quantity = waterQuantity(r);
    const exponent = r.value.kind === 'number' ? r.value.exponent : primaryVif(r.vifCode).exponent;
    const record: OmsRecord = {
      offset,
      functionField: (r.dif >> 4) & 0x03,
      storage: r.storage,
      tariff: r.tariff,
      quantity,
      exponent,
      vifes: r.combinable,
    };
    if (quantity === 'date' || quantity === 'datetime') {
      const time = wallClock(r);
      if (time !== undefined) record.time = time;
    } else if (r.vifTable === 'primary' && r.combinable[0] === INVERSE_COMPACT_PROFILE && r.coding === 'variable') {
      const profile = r.value.kind === 'text' ? parseProfile(r.data) : undefined;
      if (profile === undefined) return unsupported(offset, 'inverse compact profile header');
      record.profile = profile;
    } else {
      const value = numberOf(r, quantity);
      if (value !== undefined) record.value = value;
      else if (r.coding === 'variable') warnings.push(`variable-length record at ${offset} not decoded`);
      else if (r.value.kind === 'number' && typeof r.value.mantissa === 'bigint')
        warnings.push(`${r.data.length}-byte record at ${offset} is beyond exact integers: not decoded`);
    }
    if (quantity === 'unknown') warnings.push(`record with VIF ${r.vif.toString(16)}h at ${offset} not decoded`);
    records.push(record);
  }
  if (manufacturerData !== undefined)
    warnings.push(`${manufacturerData.length} bytes of manufacturer-specific data not decoded`);
  if (readoutRequestAt !== undefined) warnings.push(`special DIF 7fh at ${start + readoutRequestAt}: rest not decoded`);
  return { ok: true, records, warnings };
}

/** Value × 10^exponent as an integer (volumes in mL). */
export function scaleInteger(value: number, exponent: number): number {
  return exponent >= 0 ? Math.round(value * 10 ** exponent) : Math.round(value / 10 ** -exponent);
}

/** Value × 10^exponent as a decimal number (flows, temperatures). */
export function scaleDecimal(value: number, exponent: number): number {
  return exponent >= 0 ? value * 10 ** exponent : value / 10 ** -exponent;
}
