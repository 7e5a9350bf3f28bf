/**
 * The DI 901F "计量数据" record of water meters (CJ/T 188-2004 read-data response; the 2018
 * edition keeps the same 22-byte layout for T = 10h–19h). Every multi-byte field is low byte first:
 *
 *   DI0 DI1 = 1F 90 | SER | current cumulative flow: 4 BCD bytes (xxxxxx.xx) + unit code
 *   | settlement-day cumulative flow: 4 BCD bytes + unit code
 *   | real time: 7 BCD bytes ss mm hh DD MM YY CC (YYYYMMDDhhmmss) | ST: 2 bytes
 *
 * Unit codes (CJ/T 188-2004 Table 13, CJ/T 188-2018 Table 20): 29h L, 2Ah ×10 L, 2Bh ×100 L,
 * 2Ch m³, 2Dh ×10 m³, 2Eh ×100 m³. With two decimals one BCD step is 1/100 of the unit, so the
 * register is exact in millilitres: hundredths × (unit in mL) / 100.
 *
 * Status ST byte 0: D0 valve 0 open / 1 closed, D1 valve 0 normal / 1 abnormal, D2 battery
 * 0 normal / 1 under-voltage, D3–D7 vendor defined; byte 1 vendor defined.
 */
import { DecodeErrorCode, decodeError, type DecodeError } from '../core/errors.js';
import { isValidWallClock, type WallClock } from '../core/local-time.js';
import { bcdByte, readBcdLE, toBcdByte, writeBcdLE } from './bcd.js';

export const DI_CURRENT_DATA = 0x901f;
export const METER_DATA_LENGTH = 22;

/** Millilitres per 1/100 of each volume unit code. */
export const VOLUME_UNIT_ML_PER_HUNDREDTH: ReadonlyMap<number, number> = new Map([
  [0x29, 10], // L
  [0x2a, 100], // ×10 L
  [0x2b, 1_000], // ×100 L
  [0x2c, 10_000], // m³
  [0x2d, 100_000], // ×10 m³
  [0x2e, 1_000_000], // ×100 m³
]);

export const Status = {
  VALVE_CLOSED: 0x0001,
  VALVE_ABNORMAL: 0x0002,
  BATTERY_LOW: 0x0004,
} as const;

export interface MeterData {
  ser: number;
  /** Current cumulative flow in hundredths of `currentUnit`. */
  currentHundredths: number;
  currentUnit: number;
  settlementHundredths: number;
  settlementUnit: number;
  /** The meter's clock (local time), or null when it reads as all zeros. */
  clock: WallClock | null;
  /** ST as a 16-bit number: byte 0 in the low bits. */
  status: number;
  /** True when the DI came as 90 1F (high byte first), as some meters send it. */
  diHighByteFirst: boolean;
}

export type MeterDataResult = { ok: true; value: MeterData } | { ok: false; error: DecodeError };

/** Seven BCD bytes, seconds first: ss mm hh DD MM YY CC. */
function readClock(data: Uint8Array, at: number): WallClock | null | 'invalid' {
  let allZero = true;
  for (let i = 0; i < 7; i++) {
    const b = data[at + i] ?? 0xff;
    if (b !== 0) allZero = false;
    if (bcdByte(b) === undefined) return 'invalid';
  }
  if (allZero) return null;
  const digit = (i: number) => bcdByte(data[at + i]!)!;
  const clock: WallClock = {
    year: digit(6) * 100 + digit(5),
    month: digit(4),
    day: digit(3),
    hour: digit(2),
    minute: digit(1),
    second: digit(0),
  };
  return isValidWallClock(clock) ? clock : 'invalid';
}

/** Parses a 901F data field (DI, SER and data); `offset` is the data field's position in the frame. */
export function parseMeterData(data: Uint8Array, offset = 0): MeterDataResult {
  if (data.length < METER_DATA_LENGTH) {
    return {
      ok: false,
      error: decodeError(DecodeErrorCode.TRUNCATED, `DI 901F data needs ${METER_DATA_LENGTH} bytes, got ${data.length}`, {
        offset: offset + data.length,
      }),
    };
  }
  const current = readBcdLE(data, 3, 4);
  const settlement = readBcdLE(data, 8, 4);
  if (current === undefined || settlement === undefined) {
    return {
      ok: false,
      error: decodeError(DecodeErrorCode.VALUE_OUT_OF_RANGE, 'cumulative flow is not valid BCD', { offset: offset + (current === undefined ? 3 : 8) }),
    };
  }
  const currentUnit = data[7] ?? 0;
  const settlementUnit = data[12] ?? 0;
  for (const [unit, at] of [
    [currentUnit, 7],
    [settlementUnit, 12],
  ] as const) {
    if (!VOLUME_UNIT_ML_PER_HUNDREDTH.has(unit)) {
      return {
        ok: false,
        error: decodeError(DecodeErrorCode.UNSUPPORTED_RECORD, `unit code ${unit.toString(16)}h is not a volume unit`, {
          offset: offset + at,
          details: { unit },
        }),
      };
    }
  }
  const clock = readClock(data, 13);
  if (clock === 'invalid') {
    return { ok: false, error: decodeError(DecodeErrorCode.VALUE_OUT_OF_RANGE, 'meter real time is not a valid BCD date', { offset: offset + 13 }) };
  }
  return {
    ok: true,
    value: {
      ser: data[2] ?? 0,
      currentHundredths: current,
      currentUnit,
      settlementHundredths: settlement,
      settlementUnit,
      clock,
      status: (data[20] ?? 0) | ((data[21] ?? 0) << 8),
      diHighByteFirst: data[0] === 0x90 && data[1] === 0x1f,
    },
  };
}

/** DI of a data field as sent low byte first, or the 90 1F variant; undefined when too short. */
export function readDataIdentifier(data: Uint8Array): number | undefined {
  if (data.length < 2) return undefined;
  const lowFirst = (data[0] ?? 0) | ((data[1] ?? 0) << 8);
  if (lowFirst === DI_CURRENT_DATA) return lowFirst;
  if (data[0] === 0x90 && data[1] === 0x1f) return DI_CURRENT_DATA;
  return lowFirst;
}

/** Encodes a 901F data field (DI sent low byte first unless `diHighByteFirst`). */
export function encodeMeterData(m: MeterData): Uint8Array {
  const out = new Uint8Array(METER_DATA_LENGTH);
  if (m.diHighByteFirst) {
    out[0] = 0x90;
    out[1] = 0x1f;
  } else {
    out[0] = 0x1f;
    out[1] = 0x90;
  }
  out[2] = m.ser & 0xff;
  writeBcdLE(out, 3, 4, m.currentHundredths);
  out[7] = m.currentUnit;
  writeBcdLE(out, 8, 4, m.settlementHundredths);
  out[12] = m.settlementUnit;
  if (m.clock !== null) {
    const c = m.clock;
    const t = [c.second, c.minute, c.hour, c.day, c.month, c.year % 100, Math.floor(c.year / 100)];
    t.forEach((v, i) => (out[13 + i] = toBcdByte(v)));
  }
  out[20] = m.status & 0xff;
  out[21] = (m.status >> 8) & 0xff;
  return out;
}

/** Exact register in millilitres. */
export function hundredthsToMl(hundredths: number, unit: number): number {
  return hundredths * (VOLUME_UNIT_ML_PER_HUNDREDTH.get(unit) ?? 0);
}
