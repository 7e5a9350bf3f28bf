/**
 * Quandify CubicMeter 1.1 (plastic and copper; one codec). fPort 1: 28-byte status report;
 * fPort 6: response to a downlink (wraps a status, hardware or settings report); fPort 0: ping.
 * Layout from TheThingsNetwork/lorawan-devices vendor/quandify/cubicmeter-1-1-uplink.js:
 * bytes 4–5 error (bit 15 = not sensing), 6–9 total volume in litres (LE), 22 leak state,
 * 23/24 battery (1800 + 8·x mV, active/recovered), 25/26/27 temperatures (x/2 − 20 °C:
 * water min, water max, ambient). All integers little-endian.
 */
import { DecodeErrorCode } from '../../core/errors.js';
import type { DecodeContext, DecodeResult, DecodedAlarm, DecodedReading, DecoderDefinition } from '../../core/types.js';
import { failure, meterIdOf, success, truncated, u16le, u32le, u8, unknownPort } from '../shared/result.js';

export const QUANDIFY_CUBICMETER_ID = 'lora/quandify/cubicmeter';
export const STATUS_REPORT_LENGTH = 28;
const PORTS = [0, 1, 6] as const;

const RESPONSE_TYPES: Record<number, string> = {
  0: 'none',
  1: 'statusReport',
  2: 'hardwareReport',
  4: 'settingsReport',
};
const RESPONSE_STATUS: Record<number, string> = { 0: 'ok', 1: 'commandError', 2: 'payloadError', 3: 'valueError' };
const APP_STATES: Record<number, string> = { 3: 'ready', 4: 'pipeSelection', 5: 'metering' };
/** Recovered battery voltage at or below this is "low" (vendor codec). */
const LOW_BATTERY_MV = 3100;
const REVERSE_FLOW_ERROR = 384;

export interface CubicmeterStatus {
  errorCode: number;
  isSensing: boolean;
  totalLitres: number;
  leakState: number;
  batteryActiveMv: number;
  batteryRecoveredMv: number;
  waterTemperatureMinC: number;
  waterTemperatureMaxC: number;
  ambientTemperatureC: number;
}

const temperature = (x: number): number => x * 0.5 - 20;
const battery = (x: number): number => 1800 + x * 8;

export function parseStatusReport(b: Uint8Array, at: number): CubicmeterStatus {
  const error = u16le(b, at + 4);
  return {
    errorCode: error & 0x7fff,
    isSensing: (error & 0x8000) === 0,
    totalLitres: u32le(b, at + 6),
    leakState: u8(b, at + 22),
    batteryActiveMv: battery(u8(b, at + 23)),
    batteryRecoveredMv: battery(u8(b, at + 24)),
    waterTemperatureMinC: temperature(u8(b, at + 25)),
    waterTemperatureMaxC: temperature(u8(b, at + 26)),
    ambientTemperatureC: temperature(u8(b, at + 27)),
  };
}

function statusResult(
  s: CubicmeterStatus,
  ctx: DecodeContext,
  meta: Record<string, string | number | boolean | null>,
): DecodeResult {
  const meterId = meterIdOf(ctx);
  const time = ctx.receivedAt;
  const reading: DecodedReading = {
    meterId,
    time,
    timeFromMeter: false,
    registerMl: s.totalLitres * 1000,
    ambientTemperatureC: s.ambientTemperatureC,
    batteryV: s.batteryRecoveredMv / 1000,
    statusBits: s.errorCode | (s.isSensing ? 0 : 0x8000),
  };
  const alarms: DecodedAlarm[] = [];
  const warnings: string[] = [];
  if (s.leakState === 3) alarms.push({ kind: 'leak', meterId, time, detail: 'leak state 3: medium leak' });
  if (s.leakState === 4) alarms.push({ kind: 'leak', meterId, time, detail: 'leak state 4: large leak' });
  if (!s.isSensing) alarms.push({ kind: 'dry_pipe', meterId, time, detail: 'not sensing water' });
  if (s.errorCode === REVERSE_FLOW_ERROR)
    alarms.push({ kind: 'backflow', meterId, time, detail: 'error 384: reverse flow' });
  else if (s.errorCode !== 0) warnings.push(`meter error code ${s.errorCode}`);
  if (s.batteryRecoveredMv <= LOW_BATTERY_MV)
    alarms.push({ kind: 'low_battery', meterId, time, detail: `battery ${s.batteryRecoveredMv} mV` });
  return success(QUANDIFY_CUBICMETER_ID, {
    readings: [reading],
    alarms,
    warnings,
    meta: {
      ...meta,
      leakState: s.leakState,
      waterTemperatureMinC: s.waterTemperatureMinC,
      waterTemperatureMaxC: s.waterTemperatureMaxC,
      batteryActiveMv: s.batteryActiveMv,
      batteryRecoveredMv: s.batteryRecoveredMv,
    },
  });
}

function decodeResponse(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  if (b.length < 3) return truncated(QUANDIFY_CUBICMETER_ID, 3, b.length, 'response header');
  const status = RESPONSE_STATUS[u8(b, 1)];
  const type = RESPONSE_TYPES[u8(b, 2)];
  if (status === undefined || type === undefined) {
    return failure(
      QUANDIFY_CUBICMETER_ID,
      DecodeErrorCode.MALFORMED,
      `unknown response status ${u8(b, 1)} or type ${u8(b, 2)}`,
      { offset: 1 },
    );
  }
  const meta = { responseTo: u8(b, 0), responseStatus: status, responseType: type };
  const body = b.length - 3;
  if (type === 'statusReport') {
    if (body !== STATUS_REPORT_LENGTH)
      return truncated(QUANDIFY_CUBICMETER_ID, 3 + STATUS_REPORT_LENGTH, b.length, 'status report');
    return statusResult(parseStatusReport(b, 3), ctx, meta);
  }
  if (type === 'hardwareReport') {
    if (body !== 35) return truncated(QUANDIFY_CUBICMETER_ID, 38, b.length, 'hardware report');
    const fw = u32le(b, 3);
    return success(QUANDIFY_CUBICMETER_ID, {
      meta: {
        ...meta,
        firmwareVersion: `${(fw >>> 24) & 0xff}.${(fw >>> 16) & 0xff}.${fw & 0xffff}`,
        hardwareVersion: u8(b, 7),
        appState: APP_STATES[u8(b, 8)] ?? `unknown (${u8(b, 8)})`,
        pipeId: u8(b, 31),
      },
    });
  }
  if (type === 'settingsReport') {
    if (body !== 38) return truncated(QUANDIFY_CUBICMETER_ID, 41, b.length, 'settings report');
    return success(QUANDIFY_CUBICMETER_ID, { meta: { ...meta, lorawanReportIntervalS: u32le(b, 8) } });
  }
  return success(QUANDIFY_CUBICMETER_ID, { meta });
}

export function decodeCubicmeter(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  switch (ctx.fPort) {
    case 0:
      return success(QUANDIFY_CUBICMETER_ID, { meta: { type: 'ping' } });
    case 1:
      if (b.length !== STATUS_REPORT_LENGTH)
        return truncated(QUANDIFY_CUBICMETER_ID, STATUS_REPORT_LENGTH, b.length, 'status report');
      return statusResult(parseStatusReport(b, 0), ctx, { type: 'statusReport' });
    case 6:
      return decodeResponse(b, ctx);
    default:
      return unknownPort(QUANDIFY_CUBICMETER_ID, ctx.fPort, PORTS);
  }
}

/** Encoder for the simulator: a 28-byte fPort 1 status report. Bytes the codec does not read are zero. */
export function encodeStatusReport(s: CubicmeterStatus): Uint8Array {
  const out = new Uint8Array(STATUS_REPORT_LENGTH);
  const error = (s.errorCode & 0x7fff) | (s.isSensing ? 0 : 0x8000);
  out[4] = error & 0xff;
  out[5] = error >> 8;
  new DataView(out.buffer).setUint32(6, s.totalLitres, true);
  out[22] = s.leakState;
  out[23] = (s.batteryActiveMv - 1800) / 8;
  out[24] = (s.batteryRecoveredMv - 1800) / 8;
  out[25] = (s.waterTemperatureMinC + 20) * 2;
  out[26] = (s.waterTemperatureMaxC + 20) * 2;
  out[27] = (s.ambientTemperatureC + 20) * 2;
  return out;
}

export const quandifyCubicmeterDecoder: DecoderDefinition = {
  id: QUANDIFY_CUBICMETER_ID,
  protocol: 'lora',
  description: 'Quandify CubicMeter 1.1 ultrasonic water meter (status report, downlink responses)',
  detect: {
    lora: [
      { vendor: 'quandify', model: 'cubicmeter-1-1-plastic', fPorts: [...PORTS] },
      { vendor: 'quandify', model: 'cubicmeter-1-1-copper', fPorts: [...PORTS] },
    ],
  },
  decode: decodeCubicmeter,
  references: [
    'TheThingsNetwork/lorawan-devices vendor/quandify/cubicmeter-1-1-uplink.js (byte layout, error and leak codes)',
  ],
};
