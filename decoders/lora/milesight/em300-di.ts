/**
 * Milesight EM300-DI pulse counter: channel/type/value records (all little-endian), after
 * TheThingsNetwork/lorawan-devices vendor/milesight-iot/em300-di.js:
 *   01 75 battery % | 03 67 temperature int16 /10 °C | 04 68 humidity /2 % | 05 00 GPIO
 *   | 05 C8 pulse counter uint32 | 20 CE history: time uint32, temp int16, hum, mode, gpio, pulse uint32
 */
import type { DecodeContext, DecodeResult, DecodedReading, DecoderDefinition, HistoryValue } from '../../core/types.js';
import { fieldValue, pulseCount } from '../shared/encode.js';
import { i16le, meterIdOf, pulseVolumeMl, success, truncated, u32le } from '../shared/result.js';

export const MILESIGHT_EM300_DI_ID = 'lora/milesight/em300-di';

export function decodeEm300Di(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  const warnings: string[] = [];
  const meta: Record<string, number> = {};
  const history: HistoryValue[] = [];
  const meterId = meterIdOf(ctx);
  let pulses: number | undefined;
  let batteryPercent: number | undefined;
  let temperatureC: number | undefined;
  let weight: number | undefined;
  let i = 0;
  const need = (n: number): boolean => i + n <= b.length;
  while (i < b.length) {
    if (!need(2)) return truncated(MILESIGHT_EM300_DI_ID, i + 2, b.length, 'channel header');
    const channel = b[i] ?? 0;
    const type = b[i + 1] ?? 0;
    i += 2;
    if (channel === 0x01 && type === 0x75) {
      if (!need(1)) return truncated(MILESIGHT_EM300_DI_ID, i + 1, b.length, 'battery');
      batteryPercent = b[i] ?? 0;
      i += 1;
    } else if (channel === 0x03 && type === 0x67) {
      if (!need(2)) return truncated(MILESIGHT_EM300_DI_ID, i + 2, b.length, 'temperature');
      temperatureC = i16le(b, i) / 10;
      i += 2;
    } else if (channel === 0x04 && type === 0x68) {
      if (!need(1)) return truncated(MILESIGHT_EM300_DI_ID, i + 1, b.length, 'humidity');
      meta.humidityPercent = (b[i] ?? 0) / 2;
      i += 1;
    } else if (channel === 0x05 && type === 0x00) {
      if (!need(1)) return truncated(MILESIGHT_EM300_DI_ID, i + 1, b.length, 'GPIO');
      meta.gpio = b[i] ?? 0;
      i += 1;
    } else if (channel === 0x05 && type === 0xc8) {
      if (!need(4)) return truncated(MILESIGHT_EM300_DI_ID, i + 4, b.length, 'pulse counter');
      pulses = u32le(b, i);
      i += 4;
    } else if (channel === 0x20 && type === 0xce) {
      if (!need(13)) return truncated(MILESIGHT_EM300_DI_ID, i + 13, b.length, 'history record');
      if (b[i + 7] === 2) {
        weight ??= pulseVolumeMl(ctx, warnings);
        history.push({
          meterId,
          time: new Date(u32le(b, i) * 1000).toISOString(),
          registerMl: u32le(b, i + 9) * weight,
          kind: 'interval',
        });
      }
      i += 13;
    } else {
      warnings.push(`unknown channel ${channel.toString(16)}h type ${type.toString(16)}h: rest not decoded`);
      break;
    }
  }
  const readings: DecodedReading[] = [];
  if (pulses !== undefined) {
    weight ??= pulseVolumeMl(ctx, warnings);
    const r: DecodedReading = { meterId, time: ctx.receivedAt, timeFromMeter: false, registerMl: pulses * weight };
    if (batteryPercent !== undefined) r.batteryPercent = batteryPercent;
    if (temperatureC !== undefined) r.ambientTemperatureC = temperatureC;
    readings.push(r);
    meta.pulses = pulses;
  } else {
    if (batteryPercent !== undefined) meta.batteryPercent = batteryPercent;
    if (temperatureC !== undefined) meta.temperatureC = temperatureC;
  }
  return success(MILESIGHT_EM300_DI_ID, { readings, history, warnings, meta });
}

/** What an EM300-DI uplink carries, as the decoder reports it; absent fields are not sent. */
export interface Em300DiUplink {
  batteryPercent?: number;
  /** Tenths of a degree. */
  temperatureC?: number;
  /** Halves of a percent. */
  humidityPercent?: number;
  gpio?: number;
  registerMl?: number;
  /** The registry's pulse weight (for the register and the history). */
  pulseVolumeMl: number;
  /** Counter-mode history records (whole seconds). */
  history?: Array<{ time: string; registerMl: number }>;
}

function le(v: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(v / 256 ** i) & 0xff);
}

function scaled(v: number, factor: number, min: number, max: number, what: string): number {
  const x = Math.round(v * factor);
  if (x / factor !== v || x < min || x > max) throw new RangeError(`${what} ${v} is not a value the device sends`);
  return x;
}

/** Encoder for the simulator (fPort 85): channel records in the device's order, then history records. */
export function encodeEm300Di(u: Em300DiUplink): Uint8Array {
  const out: number[] = [];
  if (u.batteryPercent !== undefined) out.push(0x01, 0x75, fieldValue(u.batteryPercent, 100, 'battery %'));
  if (u.temperatureC !== undefined)
    out.push(0x03, 0x67, ...le(scaled(u.temperatureC, 10, -32768, 32767, 'temperature') & 0xffff, 2));
  if (u.humidityPercent !== undefined) out.push(0x04, 0x68, scaled(u.humidityPercent, 2, 0, 255, 'humidity'));
  if (u.gpio !== undefined) out.push(0x05, 0x00, fieldValue(u.gpio, 0xff, 'GPIO'));
  if (u.registerMl !== undefined) out.push(0x05, 0xc8, ...le(pulseCount(u.registerMl, u.pulseVolumeMl), 4));
  for (const h of u.history ?? []) {
    const ms = Date.parse(h.time);
    if (!Number.isInteger(ms / 1000) || ms < 0 || ms / 1000 > 0xffffffff)
      throw new RangeError(`history time ${h.time} is not a 32-bit Unix second`);
    // time, temperature (int16), humidity, mode 2 (counter), GPIO, pulses
    out.push(0x20, 0xce, ...le(ms / 1000, 4), 0, 0, 0, 0x02, 0, ...le(pulseCount(h.registerMl, u.pulseVolumeMl), 4));
  }
  return Uint8Array.from(out);
}

export const milesightEm300DiDecoder: DecoderDefinition = {
  id: MILESIGHT_EM300_DI_ID,
  protocol: 'lora',
  description: 'Milesight EM300-DI pulse counter (channel/type records)',
  detect: { lora: [{ vendor: 'milesight-iot', model: 'em300-di', fPorts: [85] }] },
  decode: decodeEm300Di,
  references: ['TheThingsNetwork/lorawan-devices vendor/milesight-iot/em300-di.js'],
};
