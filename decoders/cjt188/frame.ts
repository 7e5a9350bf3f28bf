/**
 * CJ/T 188 frame layer (CJ/T 188-2004 Table 2 "帧格式", same in the 2018 edition):
 *
 *   [FE FE ...] 68 | T | A0 A1 A2 A3 A4 A5 A6 | C | L | DATA (L bytes) | CS | 16
 *
 * - FE: 2–4 wake-up bytes before the frame ("前导字节"); any number is accepted here.
 * - T: meter type (Table 3): 10h–19h water (10 cold, 11 domestic hot, 12 drinking, 13 reclaimed),
 *   20h–29h heat, 30h–39h gas, 40h–49h user defined.
 * - A0..A6: address, 2 BCD digits a byte, low byte first; A5 A6 are the manufacturer code.
 *   AAAAAAAAAAAAAAh is the broadcast address.
 * - C: control code (Figure 2): D7 direction (1 = meter to master), D6 abnormal, D5..D0 function
 *   (01 read data, 04 write data, 09 read key version, 03 read address, 15h write address,
 *   16h write meter base, 1xxxxx vendor defined).
 * - CS: sum modulo 256 of every byte from 68h to the end of DATA.
 */
import { DecodeErrorCode, decodeError, type DecodeError } from '../core/errors.js';

export const START = 0x68;
export const END = 0x16;
export const PREAMBLE = 0xfe;
/** 68 T A0..A6 C L */
export const HEADER_LENGTH = 11;

export const Control = {
  READ_DATA: 0x01,
  WRITE_DATA: 0x04,
  READ_KEY_VERSION: 0x09,
  READ_ADDRESS: 0x03,
  WRITE_ADDRESS: 0x15,
  WRITE_METER_BASE: 0x16,
  /** D7: set on frames sent by the meter. */
  FROM_METER: 0x80,
  /** D6: set when the meter reports that it could not carry out the request. */
  ABNORMAL: 0x40,
} as const;

export interface Cjt188Frame {
  meterType: number;
  /** A0..A6 as on the wire (low byte first). */
  addressWire: Uint8Array;
  control: number;
  data: Uint8Array;
}

export interface ParsedCjt188Frame extends Cjt188Frame {
  /** Number of FE bytes before the start byte. */
  preambleLength: number;
  /** Bytes after the end byte (ignored). */
  trailingLength: number;
}

export type FrameResult = { ok: true; frame: ParsedCjt188Frame } | { ok: false; error: DecodeError };

export function checksum(bytes: Uint8Array, from: number, toExclusive: number): number {
  let sum = 0;
  for (let i = from; i < toExclusive; i++) sum += bytes[i] ?? 0;
  return sum & 0xff;
}

export function isFromMeter(control: number): boolean {
  return (control & Control.FROM_METER) !== 0;
}

export function isAbnormal(control: number): boolean {
  return (control & Control.ABNORMAL) !== 0;
}

export function functionCode(control: number): number {
  return control & 0x3f;
}

/** Two upper-case hex digits for every byte value (decoders format addresses per payload). */
export const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase());

/** The address as meters are labelled: A6 first. BCD bytes print as digits, others (AA) as hex. */
export function formatAddress(wire: Uint8Array): string {
  let s = '';
  for (let i = wire.length - 1; i >= 0; i--) s += HEX2[wire[i] ?? 0];
  return s;
}

/** Manufacturer code A6 A5 as printed (CJ/T 188-2004 §address field: "A5、A6为厂商代码"). */
export function manufacturerCode(wire: Uint8Array): string {
  return formatAddress(wire.subarray(5, 7));
}

/** Wire bytes A0..A6 of a 14-character printed address (digits, or AA for broadcast). */
export function parseAddress(printed: string): Uint8Array | undefined {
  if (!/^[0-9A-Fa-f]{14}$/.test(printed)) return undefined;
  const wire = new Uint8Array(7);
  for (let i = 0; i < 7; i++) wire[6 - i] = parseInt(printed.slice(2 * i, 2 * i + 2), 16);
  return wire;
}

/** Parses one frame; never throws. */
export function parseFrame(bytes: Uint8Array): FrameResult {
  let start = 0;
  while (start < bytes.length && bytes[start] === PREAMBLE) start++;
  if (start >= bytes.length) {
    return { ok: false, error: decodeError(DecodeErrorCode.TRUNCATED, 'no CJ/T 188 frame: payload is empty or only FE preamble', { offset: start }) };
  }
  if (bytes[start] !== START) {
    return {
      ok: false,
      error: decodeError(DecodeErrorCode.UNKNOWN_FORMAT, `not a CJ/T 188 frame: expected start byte 68h, found ${(bytes[start] ?? 0).toString(16)}h`, { offset: start }),
    };
  }
  if (bytes.length - start < HEADER_LENGTH) {
    return { ok: false, error: decodeError(DecodeErrorCode.TRUNCATED, 'CJ/T 188 frame ends inside the header', { offset: bytes.length }) };
  }
  const length = bytes[start + 10] ?? 0;
  const csAt = start + HEADER_LENGTH + length;
  if (bytes.length < csAt + 2) {
    return {
      ok: false,
      error: decodeError(DecodeErrorCode.TRUNCATED, `CJ/T 188 frame declares ${length} data bytes but ends early`, {
        offset: bytes.length,
        details: { declaredLength: length, available: Math.max(0, bytes.length - start - HEADER_LENGTH) },
      }),
    };
  }
  const expected = checksum(bytes, start, csAt);
  const given = bytes[csAt] ?? 0;
  if (expected !== given) {
    return {
      ok: false,
      error: decodeError(DecodeErrorCode.CHECKSUM_MISMATCH, `CJ/T 188 checksum is ${given.toString(16)}h, frame sums to ${expected.toString(16)}h`, {
        offset: csAt,
        details: { expected, given },
      }),
    };
  }
  if (bytes[csAt + 1] !== END) {
    return { ok: false, error: decodeError(DecodeErrorCode.CHECKSUM_MISMATCH, 'CJ/T 188 frame does not end with 16h', { offset: csAt + 1 }) };
  }
  return {
    ok: true,
    frame: {
      meterType: bytes[start + 1] ?? 0,
      // Views, not copies: decoders never write to their input.
      addressWire: bytes.subarray(start + 2, start + 9),
      control: bytes[start + 9] ?? 0,
      data: bytes.subarray(start + HEADER_LENGTH, csAt),
      preambleLength: start,
      trailingLength: bytes.length - csAt - 2,
    },
  };
}

/** Builds a frame with `preamble` FE bytes in front (the standard asks for 2–4). */
export function encodeFrame(frame: Cjt188Frame, preamble = 0): Uint8Array {
  if (frame.data.length > 0xff) throw new RangeError(`CJ/T 188 data field of ${frame.data.length} bytes exceeds 255`);
  if (frame.addressWire.length !== 7) throw new RangeError('CJ/T 188 address must be 7 bytes');
  const out = new Uint8Array(preamble + HEADER_LENGTH + frame.data.length + 2);
  out.fill(PREAMBLE, 0, preamble);
  let i = preamble;
  out[i++] = START;
  out[i++] = frame.meterType & 0xff;
  out.set(frame.addressWire, i);
  i += 7;
  out[i++] = frame.control & 0xff;
  out[i++] = frame.data.length;
  out.set(frame.data, i);
  i += frame.data.length;
  out[i] = checksum(out, preamble, i);
  out[i + 1] = END;
  return out;
}
