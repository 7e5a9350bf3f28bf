/**
 * A minimal EN 13757-3 (M-Bus/OMS application layer) record parser for the LoRaWAN payloads that
 * carry DIF/VIF records (Kamstrup flowIQ "mbusparser", Sensus iPERL, wired M-Bus behind a bridge).
 * It knows the water VIFs (volume, flow, temperatures, date/time), Kamstrup's manufacturer VIFEs
 * and the inverse compact profile (Annex F). The generic wM-Bus parser in decoders/wmbus/ is the
 * full one; this one should be folded into it once that exports its record parser.
 */
import { DecodeErrorCode, decodeError, type DecodeError } from '../../../core/errors.js';
import type { WallClock } from '../../../core/local-time.js';
import { typeF, typeG, typeI } from './datetime.js';

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
  offset: number;
  /** 0 instantaneous, 1 maximum, 2 minimum, 3 during error state. */
  functionField: number;
  storage: number;
  tariff: number;
  quantity: Quantity;
  /** Decimal exponent: volume in mL, flow in L/h, temperature in °C. */
  exponent: number;
  /** VIFE 3Ch / backward flow marker or similar orthogonal VIFE codes, as given. */
  vifes: number[];
  /** Integer value; undefined when the record carries the "invalid" pattern or no value. */
  value?: number;
  time?: WallClock;
  profile?: InverseProfile;
}

export type RecordsResult = { ok: true; records: OmsRecord[]; warnings: string[] } | { ok: false; error: DecodeError };

const DATA_SIZE = [0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, -1, 6, 0];

function readBinary(b: Uint8Array, at: number, size: number, signed: boolean): number | undefined {
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = v * 256 + (b[at + i] ?? 0);
  const top = 2 ** (8 * size);
  if (signed) {
    if (v >= top / 2) v -= top;
    return v === -top / 2 ? undefined : v; // 80h…00 marks "invalid" (EN 13757-3 type B)
  }
  return v === top - 1 ? undefined : v; // FFh…FF marks "invalid" (type C)
}

function readBcd(b: Uint8Array, at: number, size: number): number | undefined {
  let v = 0;
  for (let i = size - 1; i >= 0; i--) {
    const x = b[at + i] ?? 0;
    if ((x >> 4) > 9 || (x & 0x0f) > 9) return undefined;
    v = v * 100 + (x >> 4) * 10 + (x & 0x0f);
  }
  return v;
}

interface VifMeaning {
  quantity: Quantity;
  exponent: number;
}

function primaryVif(vif: number): VifMeaning {
  const v = vif & 0x7f;
  if (v >= 0x10 && v <= 0x17) return { quantity: 'volume', exponent: (v & 7) - 6 + 6 }; // m³·10^(n-6) → mL
  if (v >= 0x38 && v <= 0x3f) return { quantity: 'flow', exponent: (v & 7) - 6 + 3 }; // m³/h → L/h
  if (v >= 0x58 && v <= 0x5b) return { quantity: 'flow_temperature', exponent: (v & 3) - 3 };
  if (v >= 0x64 && v <= 0x67) return { quantity: 'external_temperature', exponent: (v & 3) - 3 };
  if (v === 0x6c) return { quantity: 'date', exponent: 0 };
  if (v === 0x6d) return { quantity: 'datetime', exponent: 0 };
  return { quantity: 'unknown', exponent: 0 };
}

const KAMSTRUP_VIFE: Record<number, Quantity> = {
  0x25: 'kamstrup_infocode',
  0x1c: 'kamstrup_ald_last_day',
  0x16: 'kamstrup_config',
  0x1b: 'kamstrup_ald',
};

function unsignedQuantity(q: Quantity): boolean {
  return q.startsWith('kamstrup_');
}

function parseProfile(b: Uint8Array, at: number, length: number): InverseProfile | undefined {
  const control = b[at] ?? 0;
  const elementSize = control & 0x0f;
  const incrementMode = (control >> 6) & 0x03;
  if (length < 2 || elementSize < 1 || elementSize > 4 || incrementMode === 0) return undefined;
  const deltas: Array<number | undefined> = [];
  for (let i = at + 2; i + elementSize <= at + length; i += elementSize) deltas.push(readBinary(b, i, elementSize, incrementMode === 3));
  return { spacingUnit: (control >> 4) & 0x03, spacingValue: b[at + 1] ?? 0, incrementMode, deltas };
}

/** Parses records from `start` to the end of `b`. Never throws. */
export function parseRecords(b: Uint8Array, start: number): RecordsResult {
  const records: OmsRecord[] = [];
  const warnings: string[] = [];
  let i = start;
  while (i < b.length) {
    const offset = i;
    const dif = b[i++] ?? 0;
    if (dif === 0x2f) continue; // filler
    if (dif === 0x0f || dif === 0x1f) {
      warnings.push(`${b.length - i} bytes of manufacturer-specific data not decoded`);
      break;
    }
    if (dif === 0x7f || (dif & 0x0f) === 0x0f) {
      warnings.push(`special DIF ${dif.toString(16)}h at ${offset}: rest not decoded`);
      break;
    }
    let storage = (dif >> 6) & 1;
    let tariff = 0;
    let ext = dif;
    let n = 0;
    while (ext & 0x80) {
      if (i >= b.length) return truncatedAt(offset, 'DIFE');
      ext = b[i++] ?? 0;
      storage |= (ext & 0x0f) << (1 + 4 * n);
      tariff |= ((ext >> 4) & 0x03) << (2 * n);
      n++;
      if (n > 10) return malformed(offset, 'more than 10 DIFEs');
    }
    if (i >= b.length) return truncatedAt(offset, 'VIF');
    const vif = b[i++] ?? 0;
    const vifes: number[] = [];
    let more = vif & 0x80;
    while (more) {
      if (i >= b.length) return truncatedAt(offset, 'VIFE');
      const e = b[i++] ?? 0;
      vifes.push(e & 0x7f);
      more = e & 0x80;
      if (vifes.length > 10) return malformed(offset, 'more than 10 VIFEs');
    }
    let meaning: VifMeaning;
    if (vif === 0xff) meaning = { quantity: KAMSTRUP_VIFE[vifes[0] ?? -1] ?? 'unknown', exponent: 0 };
    else if ((vif & 0x7f) === 0x7c || vif === 0xfd || vif === 0xfb) meaning = { quantity: 'unknown', exponent: 0 };
    else meaning = primaryVif(vif);
    const isProfile = vif !== 0xff && vifes[0] === 0x13;
    const field = dif & 0x0f;
    const record: OmsRecord = { offset, functionField: (dif >> 4) & 0x03, storage, tariff, quantity: meaning.quantity, exponent: meaning.exponent, vifes };
    if (field === 0x0d) {
      if (i >= b.length) return truncatedAt(offset, 'LVAR');
      const length = b[i++] ?? 0;
      if (length >= 0xc0) return unsupported(offset, `LVAR ${length.toString(16)}h`);
      if (i + length > b.length) return truncatedAt(offset, 'variable-length data');
      if (isProfile) {
        const profile = parseProfile(b, i, length);
        if (profile === undefined) return unsupported(offset, 'inverse compact profile header');
        record.profile = profile;
      } else warnings.push(`variable-length record at ${offset} not decoded`);
      i += length;
    } else {
      const size = DATA_SIZE[field] ?? 0;
      if (i + size > b.length) return truncatedAt(offset, 'record data');
      const bcd = field >= 0x09 && field <= 0x0e;
      if (meaning.quantity === 'datetime') record.time = size === 6 ? typeI(b, i) : size === 4 ? typeF(b, i) : undefined;
      else if (meaning.quantity === 'date') record.time = size === 2 ? typeG(b, i) : undefined;
      else if (size > 0 && size <= 6) record.value = bcd ? readBcd(b, i, size) : readBinary(b, i, size, !unsignedQuantity(meaning.quantity));
      else if (size === 8) warnings.push(`64-bit record at ${offset} not decoded`);
      i += size;
    }
    if (meaning.quantity === 'unknown') warnings.push(`record with VIF ${vif.toString(16)}h at ${offset} not decoded`);
    records.push(record);
  }
  return { ok: true, records, warnings };
}

function truncatedAt(offset: number, what: string): RecordsResult {
  return { ok: false, error: decodeError(DecodeErrorCode.TRUNCATED, `payload ends inside the ${what} of the record at byte ${offset}`, { offset }) };
}
function malformed(offset: number, what: string): RecordsResult {
  return { ok: false, error: decodeError(DecodeErrorCode.MALFORMED, `record at byte ${offset}: ${what}`, { offset }) };
}
function unsupported(offset: number, what: string): RecordsResult {
  return { ok: false, error: decodeError(DecodeErrorCode.UNSUPPORTED_RECORD, `record at byte ${offset}: unsupported ${what}`, { offset }) };
}

/** Value × 10^exponent as an integer when exponent ≥ 0 (volumes in mL). */
export function scaleInteger(value: number, exponent: number): number {
  return exponent >= 0 ? value * 10 ** exponent : Math.round(value / 10 ** -exponent);
}

/** Value × 10^exponent as a decimal number (flows, temperatures). */
export function scaleDecimal(value: number, exponent: number): number {
  return exponent >= 0 ? value * 10 ** exponent : value / 10 ** -exponent;
}
