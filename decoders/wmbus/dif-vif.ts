/**
 * The generic DIF/VIF record parser (EN 13757-3 §6): DIF, up to 10 DIFEs (storage number, tariff,
 * subunit), VIF with its extension tables and combinable VIFEs, then the data field. It also
 * parses compact frames, whose DIF/VIF bytes come from a separately known format (wmbusmeters'
 * format signatures) while the data comes from the telegram.
 */
import { DecodeErrorCode, decodeError, type DecodeError } from '../core/errors.js';
import { DATA_FIELD_LENGTH, dataCodingOf, variableLength, type DataCoding } from './data-field.js';
import { HEX_BYTE_UPPER } from './bytes.js';
import { BYTES_VALUE, valueOf, type RecordValue } from './record-value.js';
import { ok, type StageResult } from './result.js';
import {
  combinableEffect,
  extensionFbVif,
  extensionFdVif,
  NO_EFFECT,
  primaryVif,
  type Quantity,
  type ValueInfo,
} from './vif-table.js';

export type FunctionField = 'instantaneous' | 'maximum' | 'minimum' | 'error';
const FUNCTIONS: readonly FunctionField[] = ['instantaneous', 'maximum', 'minimum', 'error'];

export type VifTable = 'primary' | 'fd' | 'fb' | 'manufacturer' | 'plain_text' | 'any';

export { recordMillilitres, recordNumber, type RecordValue } from './record-value.js';

export interface DataRecord {
  /** Offset of the DIF in the application payload (compact frames: of the data). */
  offset: number;
  dif: number;
  /** DIFE bytes as sent (a shared frozen empty array when there are none, as for the arrays below). */
  difes: readonly number[];
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
  combinable: readonly number[];
  /** The VIFE bytes as sent. */
  vifes: readonly number[];
  quantity: Quantity;
  direction: 'forward' | 'backward' | null;
  /** A combinable VIFE changes the meaning, so this is not the plain quantity. */
  qualified: boolean;
  /**
   * The record's data bytes (after the LVAR byte): a view into the payload given to parseRecords,
   * not a copy, so it stays valid as long as that payload is not modified. Made on first read.
   */
  readonly data: Uint8Array;
  /**
   * The number (integer codings up to 6 bytes as a number, longer ones as a bigint; type H as a
   * number), date, text or why the value is invalid.
   */
  value: RecordValue;
}

export interface ParsedRecords {
  records: DataRecord[];
  /** Why parsing stopped before the end of the payload, if it did (records before it are kept). */
  stoppedEarly?: DecodeError;
  /** Bytes after a 0F/1F manufacturer-specific DIF (EN 13757-3 §6.3.3), if any (a view into the payload). */
  manufacturerData?: Uint8Array;
  /** True when DIF 1F said more records follow in the next telegram. */
  moreRecordsFollow: boolean;
  /** Offset of a DIF 7F (global readout request) that ended the records, if one did. */
  readoutRequestAt?: number;
  /**
   * DIF/VIF bytes of all records, in order: what a compact frame's format signature hashes. Empty
   * when the caller said it does not want them (`collectFormat: false`).
   */
  formatBytes: Uint8Array;
  warnings: string[];
}

/** A parsed record; its `data` view is made only when someone reads it (most records are only read as values). */
class PayloadRecord implements DataRecord {
  readonly #source: Uint8Array;
  readonly #start: number;
  readonly #length: number;
  #data: Uint8Array | undefined;

  constructor(
    readonly offset: number,
    readonly dif: number,
    readonly difes: readonly number[],
    readonly coding: DataCoding,
    readonly functionField: FunctionField,
    readonly storage: number,
    readonly tariff: number,
    readonly subunit: number,
    readonly vifTable: VifTable,
    readonly vif: number,
    readonly vifCode: number,
    readonly combinable: readonly number[],
    readonly vifes: readonly number[],
    readonly quantity: Quantity,
    readonly direction: 'forward' | 'backward' | null,
    readonly qualified: boolean,
    source: Uint8Array,
    start: number,
    length: number,
    readonly value: RecordValue,
  ) {
    this.#source = source;
    this.#start = start;
    this.#length = length;
  }

  get data(): Uint8Array {
    this.#data ??= this.#source.subarray(this.#start, this.#start + this.#length);
    return this.#data;
  }
}

const MAX_DIFES = 10;
const MAX_VIFES = 10;
const NONE: readonly number[] = Object.freeze([]);
function sevenBits(codes: readonly number[], from: number): readonly number[] {
  if (codes.length <= from) return NONE;
  const out: number[] = [];
  for (let i = from; i < codes.length; i++) out.push((codes[i] ?? 0) & 0x7f);
  return out;
}

export interface RecordsOptions {
  /** Collect `formatBytes` (default true); a caller that learns no compact formats saves the copy. */
  collectFormat?: boolean;
}

const NO_FORMAT_BYTES = new Uint8Array(0);

/**
 * Parse the application payload into records.
 * @param payload the bytes after the transport header (decrypted)
 * @param format for compact frames: the DIF/VIF bytes learnt from a full frame
 */
export function parseRecords(payload: Uint8Array, format?: Uint8Array, options: RecordsOptions = {}): StageResult<ParsedRecords> {
  const head = format ?? payload;
  const formatBytes = options.collectFormat === false ? NO_FORMAT_BYTES : new Uint8Array(head.length);
  const result: ParsedRecords = { records: [], moreRecordsFollow: false, formatBytes, warnings: [] };
  const formatLength = parseInto(result, payload, format);
  if (formatBytes !== NO_FORMAT_BYTES) result.formatBytes = formatBytes.subarray(0, formatLength);
  const error = result.stoppedEarly;
  if (error !== undefined) {
    // Like wmbusmeters, keep the records parsed before a broken one: a complete record's bytes
    // are final, so nothing after the break can change them.
    result.warnings.push(`records after offset ${error.offset ?? '?'} not decoded: ${error.code} ${error.message}`);
  }
  return ok(result);
}

/** Records why parsing stopped early (`code`, `message` at `offset`) and passes the format length through. */
function halt(
  out: ParsedRecords,
  formatLength: number,
  code: DecodeErrorCode,
  message: string,
  offset: number,
  details?: DecodeError['details'],
): number {
  out.stoppedEarly = decodeError(code, message, details === undefined ? { offset } : { offset, details });
  return formatLength;
}

/**
 * The record loop. `head` holds the DIF/VIF bytes and `data` the data bytes: the same payload for
 * a full frame (one cursor), the learnt format and the payload for a compact frame (two cursors).
 * Fills `out` (records, warnings, the format bytes, `stoppedEarly` when it stops on a broken
 * record) and returns how many format bytes it wrote.
 */
function parseInto(out: ParsedRecords, payload: Uint8Array, format?: Uint8Array): number {
  const { warnings, records, formatBytes } = out;
  const compact = format !== undefined;
  const head = format ?? payload;
  const data = payload;
  let hp = 0; // head cursor
  let dp = 0; // data cursor (compact frames only; a full frame uses hp for both)
  let formatLength = 0;

  while (hp < head.length) {
    const recordOffset = compact ? dp : hp;
    const dif = head[hp] ?? 0;
    if (dif === 0x2f) {
      hp++; // idle filler (EN 13757-3 §6.3.3)
      if (compact) dp++;
      continue;
    }
    if (dif === 0x0f || dif === 0x1f) {
      // Manufacturer specific data follows to the end (EN 13757-3 §6.3.3, DIF 0F/1F).
      hp++;
      out.moreRecordsFollow = dif === 0x1f;
      out.manufacturerData = data.subarray(compact ? dp : hp);
      dp = data.length;
      hp = head.length;
      break;
    }
    if (dif === 0x7f) {
      warnings.push('global readout request DIF 7F ends the records');
      out.readoutRequestAt = recordOffset;
      break;
    }
    if ((dif & 0x0f) === 0x0f) {
      const message = `special function DIF ${dif.toString(16)} is reserved (EN 13757-3 Table 7)`;
      return halt(out, formatLength, DecodeErrorCode.UNSUPPORTED_RECORD, message, recordOffset);
    }
    const startHead = hp;
    hp++;
    let difes = NONE;
    let ext = (dif & 0x80) !== 0;
    let storage = (dif >> 6) & 1;
    let tariff = 0;
    let subunit = 0;
    while (ext) {
      if (hp >= head.length) return halt(out, formatLength, DecodeErrorCode.TRUNCATED, 'payload ends inside a DIFE chain', hp);
      if (difes.length >= MAX_DIFES) return halt(out, formatLength, DecodeErrorCode.MALFORMED, 'more than 10 DIFEs', hp);
      const dife = head[hp++] ?? 0;
      const i = difes.length;
      if (i === 0) difes = [dife];
      else (difes as number[]).push(dife);
      storage += (dife & 0x0f) * 2 ** (1 + 4 * i);
      tariff += ((dife >> 4) & 0x03) * 2 ** (2 * i);
      subunit += ((dife >> 6) & 0x01) * 2 ** i;
      ext = (dife & 0x80) !== 0;
    }
    if (hp >= head.length) return halt(out, formatLength, DecodeErrorCode.TRUNCATED, 'payload ends before a VIF', hp);
    const vif = head[hp++] ?? 0;
    let vifes = NONE;
    let vext = (vif & 0x80) !== 0;
    let plainTextUnit = '';
    if ((vif & 0x7f) === 0x7c) {
      // Plain-text VIF: length byte and ASCII unit follow (EN 13757-3 §6.4.3).
      const n = head[hp] ?? 0;
      if (hp + 1 + n > head.length) return halt(out, formatLength, DecodeErrorCode.TRUNCATED, 'payload ends inside a plain-text VIF', hp);
      for (let i = 0; i < n; i++) plainTextUnit = String.fromCharCode(head[hp + 1 + i] ?? 0) + plainTextUnit;
      hp += 1 + n;
    }
    while (vext) {
      if (hp >= head.length) return halt(out, formatLength, DecodeErrorCode.TRUNCATED, 'payload ends inside a VIFE chain', hp);
      if (vifes.length >= MAX_VIFES) return halt(out, formatLength, DecodeErrorCode.MALFORMED, 'more than 10 VIFEs', hp);
      const vife = head[hp++] ?? 0;
      if (vifes.length === 0) vifes = [vife];
      else (vifes as number[]).push(vife);
      vext = (vife & 0x80) !== 0;
    }
    if (formatBytes.length > 0) for (let i = startHead; i < hp; i++) formatBytes[formatLength + i - startHead] = head[i] ?? 0;
    formatLength += hp - startHead;

    let vifTable: VifTable;
    let vifCode: number;
    let info: ValueInfo;
    let combinable: readonly number[];
    if (vif === 0xfd || vif === 0xfb) {
      const code = vifes[0];
      if (code === undefined) return halt(out, formatLength, DecodeErrorCode.MALFORMED, `VIF ${vif.toString(16)} without its table code`, hp);
      vifTable = vif === 0xfd ? 'fd' : 'fb';
      vifCode = code & 0x7f;
      info = vif === 0xfd ? extensionFdVif(vifCode) : extensionFbVif(vifCode);
      combinable = sevenBits(vifes, 1);
    } else {
      vifCode = vif & 0x7f;
      info = primaryVif(vifCode);
      vifTable = vifCode === 0x7f ? 'manufacturer' : vifCode === 0x7c ? 'plain_text' : vifCode === 0x7e ? 'any' : 'primary';
      combinable = sevenBits(vifes, 0);
    }
    const effect = vifTable === 'manufacturer' ? NO_EFFECT : combinableEffect(combinable);

    const dataField = dif & 0x0f;
    const coding = dataCodingOf(dataField);
    let len = DATA_FIELD_LENGTH[dataField] ?? 0;
    let lvar = 0;
    if (!compact) dp = hp;
    if (coding === 'variable') {
      if (dp >= data.length) return halt(out, formatLength, DecodeErrorCode.TRUNCATED, 'payload ends before an LVAR byte', dp);
      lvar = data[dp++] ?? 0;
      const v = variableLength(lvar);
      if (v.kind === 'unsupported') {
        return halt(out, formatLength, DecodeErrorCode.UNSUPPORTED_RECORD, `LVAR ${lvar.toString(16)} is not supported`, dp - 1);
      }
      len = v.length;
    }
    if (dp + len > data.length) {
      return halt(out, formatLength, DecodeErrorCode.TRUNCATED, 'payload ends inside a data field', dp, { need: len, have: data.length - dp });
    }
    const span = { bytes: data, start: dp, length: len };
    dp += len;
    if (!compact) hp = dp;

    let value: RecordValue;
    if (vifTable === 'manufacturer') value = BYTES_VALUE;
    else if (vifTable === 'plain_text') value = { kind: 'text', text: plainTextUnit };
    else value = valueOf(info, effect.exponentDelta, coding, span, dataField, lvar);

    const functionField = FUNCTIONS[(dif >> 4) & 0x03] ?? 'instantaneous';
    records.push(
      new PayloadRecord(
        recordOffset,
        dif,
        difes,
        coding,
        functionField,
        storage,
        tariff,
        subunit,
        vifTable,
        vif,
        vifCode,
        combinable,
        vifes,
        info.quantity,
        effect.direction,
        effect.qualified,
        data,
        span.start,
        len,
        value,
      ),
    );
    if (vifTable === 'manufacturer') warnings.push(`manufacturer-specific VIF at offset ${recordOffset} kept as raw bytes`);
  }
  if (compact && dp < data.length) {
    warnings.push(`${data.length - dp} compact-frame data bytes left after the known format`);
  }
  return formatLength;
}

/** DIF, DIFEs, VIF and VIFEs as upper-case hex (wmbusmeters' "difvif key"), e.g. '0DFF5F'. */
export function recordKey(r: DataRecord): string {
  let key = HEX_BYTE_UPPER[r.dif] ?? '';
  for (const b of r.difes) key += HEX_BYTE_UPPER[b] ?? '';
  key += HEX_BYTE_UPPER[r.vif] ?? '';
  for (const b of r.vifes) key += HEX_BYTE_UPPER[b] ?? '';
  return key;
}

