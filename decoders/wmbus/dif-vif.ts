/**
 * The generic DIF/VIF record parser (EN 13757-3 §6): DIF, up to 10 DIFEs (storage number, tariff,
 * subunit), VIF with its extension tables and combinable VIFEs, then the data field. It also
 * parses compact frames, whose DIF/VIF bytes come from a separately known format (wmbusmeters'
 * format signatures) while the data comes from the telegram.
 */
import { DecodeErrorCode, type DecodeError } from '../core/errors.js';
import {
  DATA_FIELD_LENGTH,
  dataCodingOf,
  decodeBcd,
  decodeReal32,
  decodeSignedInt,
  decodeVariable,
  variableLength,
  type DataCoding,
} from './data-field.js';
import { decodeTypeF, decodeTypeG, decodeTypeI, type MeterDate } from './dates.js';
import { fail, ok, type StageResult } from './result.js';
import {
  combinableEffect,
  extensionFbVif,
  extensionFdVif,
  primaryVif,
  type Quantity,
  type ValueInfo,
} from './vif-table.js';

export type FunctionField = 'instantaneous' | 'maximum' | 'minimum' | 'error';
const FUNCTIONS: readonly FunctionField[] = ['instantaneous', 'maximum', 'minimum', 'error'];

export type VifTable = 'primary' | 'fd' | 'fb' | 'manufacturer' | 'plain_text' | 'any';

export type RecordValue =
  | { kind: 'number'; mantissa: bigint | number; exponent: number; factor: number }
  | { kind: 'date'; date: MeterDate }
  | { kind: 'text'; text: string }
  | { kind: 'bytes' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'none' };

export interface DataRecord {
  /** Offset of the DIF in the application payload (compact frames: of the data). */
  offset: number;
  dif: number;
  difes: number[];
  coding: DataCoding;
  functionField: FunctionField;
  storage: number;
  tariff: number;
  subunit: number;
  vifTable: VifTable;
  /** VIF byte as sent (with extension bit), or null when the DIF has no VIF (special). */
  vif: number;
  /** Code within the table: primary VIF & 7F, or the first VIFE after FD/FB. */
  vifCode: number;
  /** Combinable VIFE codes (7 bits) after the table code. */
  combinable: number[];
  /** The VIFE bytes as sent. */
  vifes: number[];
  quantity: Quantity;
  direction: 'forward' | 'backward' | null;
  /** A combinable VIFE changes the meaning, so this is not the plain quantity. */
  qualified: boolean;
  data: Uint8Array;
  value: RecordValue;
}

export interface ParsedRecords {
  records: DataRecord[];
  /** Why parsing stopped before the end of the payload, if it did (records before it are kept). */
  stoppedEarly?: DecodeError;
  /** Bytes after a 0F/1F manufacturer-specific DIF (EN 13757-3 §6.3.3), if any. */
  manufacturerData?: Uint8Array;
  /** True when DIF 1F said more records follow in the next telegram. */
  moreRecordsFollow: boolean;
  /** DIF/VIF bytes of all records, in order: what a compact frame's format signature hashes. */
  formatBytes: Uint8Array;
  warnings: string[];
}

const MAX_DIFES = 10;
const MAX_VIFES = 10;

interface Cursor {
  bytes: Uint8Array;
  pos: number;
}

function valueOf(info: ValueInfo, exponentDelta: number, coding: DataCoding, data: Uint8Array, dataField: number, lvar: number | null): RecordValue {
  if (info.quantity === 'date' && dataField === 2) return { kind: 'date', date: decodeTypeG(data) };
  if (info.quantity === 'datetime' && dataField === 4) return { kind: 'date', date: decodeTypeF(data) };
  if (info.quantity === 'datetime' && dataField === 6) return { kind: 'date', date: decodeTypeI(data) };
  if (info.quantity === 'date' && dataField === 4) return { kind: 'date', date: decodeTypeF(data) };
  const exponent = info.exponent + exponentDelta;
  switch (coding) {
    case 'none':
    case 'selection':
      return { kind: 'none' };
    case 'int':
      return { kind: 'number', mantissa: decodeSignedInt(data), exponent, factor: info.factor };
    case 'real':
      return { kind: 'number', mantissa: decodeReal32(data), exponent, factor: info.factor };
    case 'bcd': {
      const v = decodeBcd(data);
      return v === null ? { kind: 'invalid', reason: 'BCD digit above 9' } : { kind: 'number', mantissa: v, exponent, factor: info.factor };
    }
    case 'variable': {
      const v = decodeVariable(lvar ?? 0, data);
      if (v.kind === 'text') return { kind: 'text', text: v.text };
      if (v.kind === 'number') {
        return v.value === null
          ? { kind: 'invalid', reason: 'BCD digit above 9' }
          : { kind: 'number', mantissa: v.value, exponent, factor: info.factor };
      }
      return { kind: 'invalid', reason: `unsupported LVAR ${lvar ?? 0}` };
    }
  }
}

/**
 * Parse the application payload into records.
 * @param payload the bytes after the transport header (decrypted)
 * @param format for compact frames: the DIF/VIF bytes learnt from a full frame
 */
export function parseRecords(payload: Uint8Array, format?: Uint8Array): StageResult<ParsedRecords> {
  const sink: RecordSink = { warnings: [], records: [], formatParts: [], moreRecordsFollow: false };
  const r = parseInto(sink, payload, format);
  const result: ParsedRecords = {
    records: sink.records,
    moreRecordsFollow: sink.moreRecordsFollow,
    formatBytes: Uint8Array.from(sink.formatParts),
    warnings: sink.warnings,
  };
  if (sink.manufacturerData) result.manufacturerData = sink.manufacturerData;
  if (!r.ok) {
    // Like wmbusmeters, keep the records parsed before a broken one: a complete record's bytes
    // are final, so nothing after the break can change them.
    result.stoppedEarly = r.error;
    result.warnings.push(`records after offset ${r.error.offset ?? '?'} not decoded: ${r.error.code} ${r.error.message}`);
  }
  return ok(result);
}

interface RecordSink {
  warnings: string[];
  records: DataRecord[];
  formatParts: number[];
  manufacturerData?: Uint8Array;
  moreRecordsFollow: boolean;
}

function parseInto(sink: RecordSink, payload: Uint8Array, format?: Uint8Array): StageResult<true> {
  const { warnings, records, formatParts } = sink;
  const head: Cursor = { bytes: format ?? payload, pos: 0 };
  const data: Cursor = format ? { bytes: payload, pos: 0 } : head;

  while (head.pos < head.bytes.length) {
    const recordOffset = data.pos;
    const dif = head.bytes[head.pos] ?? 0;
    if (dif === 0x2f) {
      head.pos++; // idle filler (EN 13757-3 §6.3.3)
      if (format) data.pos++;
      continue;
    }
    if (dif === 0x0f || dif === 0x1f) {
      // Manufacturer specific data follows to the end (EN 13757-3 §6.3.3, DIF 0F/1F).
      head.pos++;
      sink.moreRecordsFollow = dif === 0x1f;
      sink.manufacturerData = data.bytes.slice(format ? data.pos : head.pos);
      data.pos = data.bytes.length;
      head.pos = head.bytes.length;
      break;
    }
    if (dif === 0x7f) {
      warnings.push('global readout request DIF 7F ends the records');
      break;
    }
    if ((dif & 0x0f) === 0x0f) {
      return fail(DecodeErrorCode.UNSUPPORTED_RECORD, `special function DIF ${dif.toString(16)} is reserved (EN 13757-3 Table 7)`, { offset: recordOffset });
    }
    const startHead = head.pos;
    head.pos++;
    const difes: number[] = [];
    let ext = (dif & 0x80) !== 0;
    let storage = (dif >> 6) & 1;
    let tariff = 0;
    let subunit = 0;
    while (ext) {
      if (head.pos >= head.bytes.length) return fail(DecodeErrorCode.TRUNCATED, 'payload ends inside a DIFE chain', { offset: head.pos });
      if (difes.length >= MAX_DIFES) return fail(DecodeErrorCode.MALFORMED, 'more than 10 DIFEs', { offset: head.pos });
      const dife = head.bytes[head.pos++] ?? 0;
      const i = difes.length;
      difes.push(dife);
      storage += (dife & 0x0f) * 2 ** (1 + 4 * i);
      tariff += ((dife >> 4) & 0x03) * 2 ** (2 * i);
      subunit += ((dife >> 6) & 0x01) * 2 ** i;
      ext = (dife & 0x80) !== 0;
    }
    if (head.pos >= head.bytes.length) return fail(DecodeErrorCode.TRUNCATED, 'payload ends before a VIF', { offset: head.pos });
    const vif = head.bytes[head.pos++] ?? 0;
    const vifes: number[] = [];
    let vext = (vif & 0x80) !== 0;
    let plainTextUnit = '';
    if ((vif & 0x7f) === 0x7c) {
      // Plain-text VIF: length byte and ASCII unit follow (EN 13757-3 §6.4.3).
      const n = head.bytes[head.pos] ?? 0;
      if (head.pos + 1 + n > head.bytes.length) return fail(DecodeErrorCode.TRUNCATED, 'payload ends inside a plain-text VIF', { offset: head.pos });
      for (let i = 0; i < n; i++) plainTextUnit = String.fromCharCode(head.bytes[head.pos + 1 + i] ?? 0) + plainTextUnit;
      head.pos += 1 + n;
    }
    while (vext) {
      if (head.pos >= head.bytes.length) return fail(DecodeErrorCode.TRUNCATED, 'payload ends inside a VIFE chain', { offset: head.pos });
      if (vifes.length >= MAX_VIFES) return fail(DecodeErrorCode.MALFORMED, 'more than 10 VIFEs', { offset: head.pos });
      const vife = head.bytes[head.pos++] ?? 0;
      vifes.push(vife);
      vext = (vife & 0x80) !== 0;
    }
    for (let i = startHead; i < head.pos; i++) formatParts.push(head.bytes[i] ?? 0);

    let vifTable: VifTable;
    let vifCode: number;
    let info: ValueInfo;
    let combinableRaw: number[];
    if (vif === 0xfd || vif === 0xfb) {
      const code = vifes[0];
      if (code === undefined) return fail(DecodeErrorCode.MALFORMED, `VIF ${vif.toString(16)} without its table code`, { offset: head.pos });
      vifTable = vif === 0xfd ? 'fd' : 'fb';
      vifCode = code & 0x7f;
      info = vif === 0xfd ? extensionFdVif(vifCode) : extensionFbVif(vifCode);
      combinableRaw = vifes.slice(1);
    } else {
      vifCode = vif & 0x7f;
      info = primaryVif(vifCode);
      vifTable = vifCode === 0x7f ? 'manufacturer' : vifCode === 0x7c ? 'plain_text' : vifCode === 0x7e ? 'any' : 'primary';
      combinableRaw = vifes;
    }
    const combinable = combinableRaw.map((c) => c & 0x7f);
    const effect = vifTable === 'manufacturer' ? { exponentDelta: 0, direction: null, qualified: false } : combinableEffect(combinable);

    const dataField = dif & 0x0f;
    const coding = dataCodingOf(dataField);
    let len = DATA_FIELD_LENGTH[dataField] ?? 0;
    let lvar: number | null = null;
    if (coding === 'variable') {
      if (data.pos >= data.bytes.length) return fail(DecodeErrorCode.TRUNCATED, 'payload ends before an LVAR byte', { offset: data.pos });
      lvar = data.bytes[data.pos++] ?? 0;
      const v = variableLength(lvar);
      if (v.kind === 'unsupported') {
        return fail(DecodeErrorCode.UNSUPPORTED_RECORD, `LVAR ${lvar.toString(16)} is not supported`, { offset: data.pos - 1 });
      }
      len = v.length;
    }
    if (data.pos + len > data.bytes.length) {
      return fail(DecodeErrorCode.TRUNCATED, 'payload ends inside a data field', {
        offset: data.pos,
        details: { need: len, have: data.bytes.length - data.pos },
      });
    }
    const bytes = data.bytes.slice(data.pos, data.pos + len);
    data.pos += len;

    let value: RecordValue;
    if (vifTable === 'manufacturer') value = { kind: 'bytes' };
    else if (vifTable === 'plain_text') value = { kind: 'text', text: plainTextUnit };
    else value = valueOf(info, effect.exponentDelta, coding, bytes, dataField, lvar);

    records.push({
      offset: recordOffset,
      dif,
      difes,
      coding,
      functionField: FUNCTIONS[(dif >> 4) & 0x03] ?? 'instantaneous',
      storage,
      tariff,
      subunit,
      vifTable,
      vif,
      vifCode,
      combinable,
      vifes,
      quantity: info.quantity,
      direction: effect.direction,
      qualified: effect.qualified,
      data: bytes,
      value,
    });
    if (vifTable === 'manufacturer') warnings.push(`manufacturer-specific VIF at offset ${recordOffset} kept as raw bytes`);
  }
  if (format && data.pos < data.bytes.length) {
    warnings.push(`${data.bytes.length - data.pos} compact-frame data bytes left after the known format`);
  }
  return ok(true);
}

/** DIF, DIFEs, VIF and VIFEs as upper-case hex (wmbusmeters' "difvif key"), e.g. '0DFF5F'. */
export function recordKey(r: DataRecord): string {
  return [r.dif, ...r.difes, r.vif, ...r.vifes].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
}

/** A record's number in its canonical unit (see vif-table.ts), or null. */
export function recordNumber(r: DataRecord): number | null {
  if (r.value.kind !== 'number') return null;
  const { mantissa, exponent, factor } = r.value;
  const m = typeof mantissa === 'bigint' ? Number(mantissa) : mantissa;
  if (!Number.isFinite(m)) return null;
  const scaled = exponent >= 0 ? m * 10 ** exponent : m / 10 ** -exponent;
  return factor === 1 ? scaled : scaled * factor;
}

/** A volume record in exact integer millilitres (null if not a finite number). */
export function recordMillilitres(r: DataRecord): number | null {
  if (r.value.kind !== 'number') return null;
  const { mantissa, exponent, factor } = r.value;
  if (typeof mantissa === 'bigint' && factor === 1 && exponent >= 0) {
    const v = mantissa * 10n ** BigInt(exponent);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) return null;
    return Number(v);
  }
  const n = recordNumber(r);
  return n === null ? null : Math.round(n);
}
