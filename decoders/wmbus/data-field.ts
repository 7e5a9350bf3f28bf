/**
 * Data field codings of EN 13757-3 §6.3.3 Table 5 and Annex A: binary integers (type B, two's
 * complement), BCD (type A, a leading F nibble means minus), 32-bit real (type H, IEEE 754) and
 * variable length (LVAR, Table 6).
 */

/** Length in bytes of the data for DIF data-field codes 0..F; -1 = variable or special. */
export const DATA_FIELD_LENGTH: readonly number[] = [0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, -1, 6, -1];

export type DataCoding = 'none' | 'int' | 'real' | 'bcd' | 'variable' | 'selection';

export function dataCodingOf(dataField: number): DataCoding {
  if (dataField === 0) return 'none';
  if (dataField === 5) return 'real';
  if (dataField === 8) return 'selection';
  if (dataField === 0x0d) return 'variable';
  if (dataField >= 9) return 'bcd';
  return 'int';
}

/** Signed little-endian binary integer as a bigint (EN 13757-3 Annex A type B). */
export function decodeSignedInt(data: Uint8Array): bigint {
  let v = 0n;
  for (let i = data.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(data[i] ?? 0);
  const bits = BigInt(data.length * 8);
  if (data.length > 0 && ((data[data.length - 1] ?? 0) & 0x80) !== 0) v -= 1n << bits;
  return v;
}

/** Bytes up to which a data field decodes exactly as a double (2^48, 10^12 < 2^53). */
export const EXACT_NUMBER_BYTES = 6;

/**
 * Type B like decodeSignedInt, as a number, for at most EXACT_NUMBER_BYTES bytes (exact there):
 * the decoder's hot path, which would otherwise allocate a bigint per record.
 */
export function decodeSignedIntNumber(data: Uint8Array, start = 0, length = data.length - start): number {
  let v = 0;
  for (let i = start + length - 1; i >= start; i--) v = v * 256 + (data[i] ?? 0);
  if (length > 0 && ((data[start + length - 1] ?? 0) & 0x80) !== 0) v -= 2 ** (8 * length);
  return v;
}

/** Type A like decodeBcd, as a number, for at most EXACT_NUMBER_BYTES bytes from `start`; null when a digit is above 9. */
export function decodeBcdNumber(data: Uint8Array, start = 0, length = data.length - start): number | null {
  let v = 0;
  let negative = false;
  const last = start + length - 1;
  for (let i = last; i >= start; i--) {
    const b = data[i] ?? 0;
    let hi = b >> 4;
    const lo = b & 0x0f;
    if (i === last && hi === 0x0f) {
      negative = true;
      hi = 0;
    }
    if (hi > 9 || lo > 9) return null;
    v = v * 100 + hi * 10 + lo;
  }
  return negative && v !== 0 ? -v : v;
}

export function decodeUnsignedInt(data: Uint8Array): bigint {
  let v = 0n;
  for (let i = data.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(data[i] ?? 0);
  return v;
}

/**
 * BCD little endian (EN 13757-3 Annex A type A). A most significant nibble of F marks a
 * negative value; any other nibble above 9 makes the value invalid (null).
 */
export function decodeBcd(data: Uint8Array): bigint | null {
  let v = 0n;
  let negative = false;
  for (let i = data.length - 1; i >= 0; i--) {
    const b = data[i] ?? 0;
    let hi = b >> 4;
    const lo = b & 0x0f;
    if (i === data.length - 1 && hi === 0x0f) {
      negative = true;
      hi = 0;
    }
    if (hi > 9 || lo > 9) return null;
    v = v * 100n + BigInt(hi * 10 + lo);
  }
  return negative ? -v : v;
}

/** IEEE 754 single precision, little endian (EN 13757-3 Annex A type H). */
export function decodeReal32(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, 4);
  return view.getFloat32(0, true);
}

export type VariableValue =
  | { kind: 'text'; text: string; length: number }
  | { kind: 'number'; value: bigint | null; length: number }
  | { kind: 'unsupported'; lvar: number; length: number };

/** Interpret the LVAR byte (EN 13757-3 §6.3.3 Table 6) and say how many data bytes follow. */
export function variableLength(lvar: number): { kind: 'text' | 'bcd+' | 'bcd-' | 'binary' | 'unsupported'; length: number } {
  if (lvar <= 0xbf) return { kind: 'text', length: lvar };
  if (lvar >= 0xc0 && lvar <= 0xcf) return { kind: 'bcd+', length: lvar - 0xc0 };
  if (lvar >= 0xd0 && lvar <= 0xdf) return { kind: 'bcd-', length: lvar - 0xd0 };
  if (lvar >= 0xe0 && lvar <= 0xef) return { kind: 'binary', length: lvar - 0xe0 };
  if (lvar >= 0xf0 && lvar <= 0xf4) return { kind: 'binary', length: 4 * (lvar - 0xec) };
  if (lvar === 0xf5) return { kind: 'binary', length: 48 };
  if (lvar === 0xf6) return { kind: 'binary', length: 64 };
  return { kind: 'unsupported', length: 0 };
}

export function decodeVariable(lvar: number, data: Uint8Array): VariableValue {
  const v = variableLength(lvar);
  switch (v.kind) {
    case 'text': {
      // Text is transmitted last character first (EN 13757-3 §6.3.3 note on LVAR strings).
      let text = '';
      for (let i = data.length - 1; i >= 0; i--) text += String.fromCharCode(data[i] ?? 0);
      return { kind: 'text', text, length: v.length };
    }
    case 'bcd+':
      return { kind: 'number', value: decodeBcd(data), length: v.length };
    case 'bcd-': {
      const n = decodeBcd(data);
      return { kind: 'number', value: n === null ? null : -n, length: v.length };
    }
    case 'binary':
      return { kind: 'number', value: decodeSignedInt(data), length: v.length };
    default:
      return { kind: 'unsupported', lvar, length: 0 };
  }
}
