/**
 * One-dimensional PostgreSQL arrays in binary format (what array_recv reads), each column of a
 * batch written straight into one Buffer. node-postgres sends a Buffer parameter in binary, so
 * PostgreSQL takes the values as they are: no text to format here, and none to parse there (no
 * array literal, no timestamp or integer parsing), and bytes travel as bytes rather than hex.
 *
 * Each builder returns undefined when a value cannot be written exactly in binary (a time that is
 * not in the canonical ISO 8601 form of a millisecond, a number that is not an integer of the
 * column's range); the caller then sends that column as a text literal (pg-array.ts), so the
 * database sees, and accepts or refuses, exactly what it would have seen before.
 */
import { isoTime } from '../../pipeline/iso-time.js';
import { numberArray, textArray } from './pg-array.js';

/** Element type OIDs (pg_type). */
const OID = { bool: 16, bytea: 17, int8: 20, int2: 21, int4: 23, text: 25, timestamptz: 1184, uuid: 2950 } as const;

/** ndim, flags (has nulls), element type, length, lower bound. */
const HEADER = 20;
const TWO_32 = 2 ** 32;
/** Strings up to this long are written by hand when they are ASCII. */
const SHORT_TEXT = 64;
/** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;
/** Times this far from 2000 (±285 years) still have exact microseconds in a double. */
const MAX_OFFSET_MS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

class ArrayWriter {
  private buf: Buffer;
  private pos = HEADER;
  private count = 0;
  private nulls = false;

  constructor(
    private readonly oid: number,
    sizeHint: number,
  ) {
    this.buf = Buffer.allocUnsafe(HEADER + sizeHint);
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  null(): void {
    this.ensure(4);
    this.buf.writeInt32BE(-1, this.pos);
    this.pos += 4;
    this.count++;
    this.nulls = true;
  }

  /** An element of `length` bytes; returns where its bytes go. */
  private element(length: number): number {
    this.ensure(4 + length);
    this.buf.writeInt32BE(length, this.pos);
    this.pos += 4 + length;
    this.count++;
    return this.pos - length;
  }

  text(s: string): void {
    // At most three bytes of UTF-8 per UTF-16 unit; the length is filled in once written.
    const n = s.length;
    this.ensure(4 + n * 3);
    const buf = this.buf;
    const at = this.pos + 4;
    // ASCII, the usual case, byte by byte (cheaper than a call into the encoder for short strings).
    let i = 0;
    if (n <= SHORT_TEXT) {
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c > 0x7f) break;
        buf[at + i] = c;
      }
    }
    const written = i === n ? n : buf.write(s, at);
    buf.writeInt32BE(written, this.pos);
    this.pos = at + written;
    this.count++;
  }

  bytes(b: Uint8Array): void {
    const at = this.element(b.byteLength);
    this.buf.set(b, at);
  }

  hex(hex: string): void {
    const length = hex.length >> 1;
    const at = this.element(length);
    this.buf.write(hex, at, length, 'hex');
  }

  bool(v: boolean): void {
    this.buf[this.element(1)] = v ? 1 : 0;
  }

  int16(v: number): void {
    this.buf.writeInt16BE(v, this.element(2));
  }

  int32(v: number): void {
    this.buf.writeInt32BE(v, this.element(4));
  }

  int64(v: number): void {
    const at = this.element(8);
    const high = Math.floor(v / TWO_32);
    this.buf.writeInt32BE(high, at);
    this.buf.writeUInt32BE(v - high * TWO_32, at + 4);
  }

  finish(): Buffer {
    const b = this.buf;
    if (this.count === 0) {
      // An empty array has no dimensions.
      b.writeInt32BE(0, 8);
      b.writeInt32BE(0, 12);
      b.writeInt32BE(this.oid, 16);
      return b.subarray(8, HEADER);
    }
    b.writeInt32BE(1, 0);
    b.writeInt32BE(this.nulls ? 1 : 0, 4);
    b.writeInt32BE(this.oid, 8);
    b.writeInt32BE(this.count, 12);
    b.writeInt32BE(1, 16);
    return b.subarray(0, this.pos);
  }
}

/** An array of `oid` elements, each written by `write` (null/undefined → NULL). */
function nullableArray<T>(
  oid: number,
  bytesPerElement: number,
  values: ReadonlyArray<T | null | undefined>,
  write: (w: ArrayWriter, v: T) => void,
): Buffer {
  const w = new ArrayWriter(oid, values.length * bytesPerElement);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) w.null();
    else write(w, v);
  }
  return w.finish();
}

/** text[]: null/undefined → NULL. */
export function binaryTextArray(values: ReadonlyArray<string | null | undefined>): Buffer {
  return nullableArray(OID.text, 24, values, (w, v) => w.text(v));
}

/** bytea[]: null/undefined → NULL. */
export function binaryByteaArray(values: ReadonlyArray<Uint8Array | null | undefined>): Buffer {
  return nullableArray(OID.bytea, 40, values, (w, v) => w.bytes(v));
}

/** uuid[] of 32-digit hex strings (16 bytes each, as uuid_recv reads them). */
export function binaryUuidArrayFromHex(values: readonly string[]): Buffer {
  const w = new ArrayWriter(OID.uuid, values.length * 20);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v.length !== 32) throw new RangeError(`a uuid is 32 hex digits, not ${v.length}`);
    w.hex(v);
  }
  return w.finish();
}

/** bool[]: null/undefined → NULL. */
export function binaryBoolArray(values: ReadonlyArray<boolean | null | undefined>): Buffer {
  return nullableArray(OID.bool, 5, values, (w, v) => w.bool(v));
}

/** int8[] (bigint); undefined when a value is not a safe integer. */
export function binaryInt8Array(values: ReadonlyArray<number | null | undefined>): Buffer | undefined {
  const w = new ArrayWriter(OID.int8, values.length * 12);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) w.null();
    else if (Number.isSafeInteger(v)) w.int64(v);
    else return undefined;
  }
  return w.finish();
}

function smallIntArray(
  oid: number,
  bytes: 2 | 4,
  min: number,
  max: number,
  values: ReadonlyArray<number | null | undefined>,
): Buffer | undefined {
  const w = new ArrayWriter(oid, values.length * (4 + bytes));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) w.null();
    else if (Number.isInteger(v) && v >= min && v <= max) {
      if (bytes === 2) w.int16(v);
      else w.int32(v);
    } else return undefined;
  }
  return w.finish();
}

/** int2[] (smallint); undefined when a value is not an integer in range. */
export function binaryInt2Array(values: ReadonlyArray<number | null | undefined>): Buffer | undefined {
  return smallIntArray(OID.int2, 2, -32_768, 32_767, values);
}

/** int4[] (integer); undefined when a value is not an integer in range. */
export function binaryInt4Array(values: ReadonlyArray<number | null | undefined>): Buffer | undefined {
  return smallIntArray(OID.int4, 4, -2_147_483_648, 2_147_483_647, values);
}

/**
 * timestamptz[] from ISO 8601 strings; undefined when one is not exactly the canonical form
 * (`YYYY-MM-DDTHH:mm:ss.sssZ`, as toISOString writes it) of a time within ±285 years of 2000.
 */
export function binaryTimestamptzArray(values: ReadonlyArray<string | null | undefined>): Buffer | undefined {
  const w = new ArrayWriter(OID.timestamptz, values.length * 12);
  let previous: string | undefined;
  let previousMicros = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      w.null();
      continue;
    }
    // A column often repeats its time from row to row (the receipt time of a burst).
    if (v !== previous) {
      const ms = Date.parse(v);
      const offset = ms - PG_EPOCH_MS;
      if (!Number.isFinite(ms) || Math.abs(offset) > MAX_OFFSET_MS || isoTime(ms) !== v) return undefined;
      previous = v;
      previousMicros = offset * 1000;
    }
    w.int64(previousMicros);
  }
  return w.finish();
}

/** timestamptz[] in binary when the times allow it, else as a literal. */
export function timestamptzArray(times: ReadonlyArray<string | null | undefined>): Buffer | string {
  return binaryTimestamptzArray(times) ?? textArray(times);
}

/** int8[] in binary when the values allow it, else as a literal. */
export function int8Array(values: ReadonlyArray<number | null | undefined>): Buffer | string {
  return binaryInt8Array(values) ?? numberArray(values);
}
