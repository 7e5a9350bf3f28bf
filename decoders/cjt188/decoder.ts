/**
 * The CJ/T 188 decoder definition (2004 and 2018 editions; water meters, T = 10h–19h).
 * Bytes are one frame as received, FE preamble optional. Read-data responses (C = 81h) with
 * DI 901F give one reading; other valid frames (requests, address replies, acknowledgements,
 * abnormal responses) decode to no reading with their facts in `meta`.
 */
import { DecodeErrorCode, decodeError } from '../core/errors.js';
import { DEFAULT_METER_TIME_ZONE, wallClockToUtcMs } from '../core/local-time.js';
import type { DecodeContext, DecodeResult, DecodedAlarm, DecodedReading, DecoderDefinition } from '../core/types.js';
import {
  Control,
  HEX2,
  formatAddress,
  functionCode,
  isAbnormal,
  isFromMeter,
  manufacturerCode,
  parseFrame,
  type ParsedCjt188Frame,
} from './frame.js';
import { DI_CURRENT_DATA, Status, hundredthsToMl, parseMeterData, readDataIdentifier, type MeterData } from './meter-data.js';

export const CJT188_DECODER_ID = 'cjt188';

export const WATER_METER_TYPES: readonly number[] = [0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19];

function isWater(meterType: number): boolean {
  return meterType >= 0x10 && meterType <= 0x19;
}

function hex(n: number, width = 2): string {
  return width === 2 ? (HEX2[n & 0xff] ?? '') : `${HEX2[(n >> 8) & 0xff] ?? ''}${HEX2[n & 0xff] ?? ''}`;
}

function frameMeta(frame: ParsedCjt188Frame): Record<string, string | number | boolean | null> {
  return {
    meterType: hex(frame.meterType),
    address: formatAddress(frame.addressWire),
    manufacturer: manufacturerCode(frame.addressWire),
    control: hex(frame.control),
    direction: isFromMeter(frame.control) ? 'meter' : 'master',
    abnormal: isAbnormal(frame.control),
    dataLength: frame.data.length,
    preambleLength: frame.preambleLength,
  };
}

function meterIdOf(frame: ParsedCjt188Frame, ctx: DecodeContext): string {
  const printed = formatAddress(frame.addressWire);
  return printed === 'AAAAAAAAAAAAAA' && ctx.meterId !== undefined ? ctx.meterId : printed;
}

function statusAlarms(status: number, meterId: string, time: string): DecodedAlarm[] {
  const alarms: DecodedAlarm[] = [];
  if (status & Status.VALVE_ABNORMAL) alarms.push({ kind: 'valve_fault', meterId, time, detail: 'ST D1: valve abnormal' });
  else if (status & Status.VALVE_CLOSED) alarms.push({ kind: 'valve_closed', meterId, time, detail: 'ST D0: valve closed' });
  if (status & Status.BATTERY_LOW) alarms.push({ kind: 'low_battery', meterId, time, detail: 'ST D2: battery under-voltage' });
  return alarms;
}

function valveState(status: number): DecodedReading['valve'] {
  if (status & Status.VALVE_ABNORMAL) return 'fault';
  return status & Status.VALVE_CLOSED ? 'closed' : 'open';
}

function readingFrom(frame: ParsedCjt188Frame, data: MeterData, ctx: DecodeContext): DecodeResult {
  const address = formatAddress(frame.addressWire);
  const meterId = address === 'AAAAAAAAAAAAAA' && ctx.meterId !== undefined ? ctx.meterId : address;
  const warnings: string[] = [];
  let time = ctx.receivedAt;
  let timeFromMeter = false;
  if (data.clock === null) {
    warnings.push('meter real time is all zeros (clock not set): using the receive time');
  } else {
    const zone = ctx.meterTimeZone ?? DEFAULT_METER_TIME_ZONE;
    const utcMs = wallClockToUtcMs(data.clock, zone);
    if (utcMs === undefined) warnings.push(`unknown meter time zone '${zone}': using the receive time`);
    else {
      time = new Date(utcMs).toISOString();
      timeFromMeter = true;
    }
  }
  if (data.diHighByteFirst) warnings.push('DI sent as 90 1F (high byte first); the standard sends 1F 90');
  if (frame.trailingLength > 0) warnings.push(`${frame.trailingLength} bytes after the end byte ignored`);
  const reading: DecodedReading = {
    meterId,
    time,
    timeFromMeter,
    registerMl: hundredthsToMl(data.currentHundredths, data.currentUnit),
    billingDateRegisterMl: hundredthsToMl(data.settlementHundredths, data.settlementUnit),
    statusBits: data.status,
    valve: valveState(data.status),
  };
  return {
    ok: true,
    decoder: CJT188_DECODER_ID,
    readings: [reading],
    history: [],
    alarms: statusAlarms(data.status, meterId, time),
    warnings,
    meta: {
      meterType: hex(frame.meterType),
      address,
      manufacturer: manufacturerCode(frame.addressWire),
      control: hex(frame.control),
      direction: 'meter',
      abnormal: false,
      dataLength: frame.data.length,
      preambleLength: frame.preambleLength,
      dataIdentifier: '901F',
      ser: data.ser,
      currentUnit: hex(data.currentUnit),
      settlementUnit: hex(data.settlementUnit),
      status: hex(data.status, 4),
    },
  };
}

function withoutReading(frame: ParsedCjt188Frame, warning: string | undefined, alarms: DecodedAlarm[] = []): DecodeResult {
  return {
    ok: true,
    decoder: CJT188_DECODER_ID,
    readings: [],
    history: [],
    alarms,
    warnings: warning === undefined ? [] : [warning],
    meta: frameMeta(frame),
  };
}

export function decodeCjt188(bytes: Uint8Array, ctx: DecodeContext): DecodeResult {
  const parsed = parseFrame(bytes);
  if (!parsed.ok) return { ok: false, decoder: CJT188_DECODER_ID, error: parsed.error };
  const frame = parsed.frame;
  const dataOffset = frame.preambleLength + 11;
  if (!isFromMeter(frame.control)) return withoutReading(frame, 'a request frame (master to meter) carries no reading');
  if (isAbnormal(frame.control)) {
    const meterId = meterIdOf(frame, ctx);
    return withoutReading(frame, undefined, [
      { kind: 'communication_error', meterId, time: ctx.receivedAt, detail: `abnormal response, C = ${hex(frame.control)}h` },
    ]);
  }
  const fn = functionCode(frame.control);
  if (fn === Control.READ_ADDRESS) return withoutReading(frame, undefined);
  if (fn !== Control.READ_DATA) return withoutReading(frame, `control code ${hex(frame.control)}h carries no reading`);
  if (!isWater(frame.meterType)) {
    return {
      ok: false,
      decoder: CJT188_DECODER_ID,
      error: decodeError(DecodeErrorCode.UNSUPPORTED_RECORD, `meter type ${hex(frame.meterType)}h is not a water meter (10h–19h)`, {
        offset: frame.preambleLength + 1,
        details: { meterType: frame.meterType },
      }),
    };
  }
  const di = readDataIdentifier(frame.data);
  if (di !== DI_CURRENT_DATA) {
    return {
      ok: false,
      decoder: CJT188_DECODER_ID,
      error: decodeError(
        di === undefined ? DecodeErrorCode.TRUNCATED : DecodeErrorCode.UNSUPPORTED_RECORD,
        di === undefined ? 'read-data response without a data identifier' : `data identifier ${hex(di, 4)} is not decoded (only 901F)`,
        { offset: dataOffset, details: { dataIdentifier: di ?? null } },
      ),
    };
  }
  const data = parseMeterData(frame.data, dataOffset);
  if (!data.ok) return { ok: false, decoder: CJT188_DECODER_ID, error: data.error };
  return readingFrom(frame, data.value, ctx);
}

export const cjt188Decoder: DecoderDefinition = {
  id: CJT188_DECODER_ID,
  protocol: 'cjt188',
  description: 'CJ/T 188-2004/2018 water meter frames (read-data response DI 901F, address and control frames)',
  detect: {
    cjt188: WATER_METER_TYPES.map((meterType) => ({ meterType })),
    models: ['cjt188/water'],
  },
  recognise: (bytes) => parseFrame(bytes).ok,
  decode: decodeCjt188,
  references: [
    'CJ/T 188-2004 Table 2 (frame format), Table 3 (meter types), Figure 2 (control code)',
    'CJ/T 188-2004 transmission order: multi-byte fields low byte first; CS = sum mod 256 from 68h',
    'CJ/T 188-2004 Table 13 / CJ/T 188-2018 Table 20 (unit codes)',
    'DI 901F water meter data: current and settlement-day cumulative flow, real time, status ST',
  ],
};
