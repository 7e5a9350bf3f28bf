/**
 * Develiot RWMR remote water meter reader (pulse based), fPort 12, 11 bytes, after
 * TheThingsNetwork/lorawan-devices vendor/develiot/rwmr.js:
 *   0 firmware (high nibble) and services (bit 0 counter 1, bit 1 counter 2, bit 2 temperature)
 *   | 1–4 pulse counter 1 (LE) | 5–8 pulse counter 2 (LE) | 9 battery x·3.3/255 V | 10 temperature x·90/255 − 30 °C
 */
import type { DecodeContext, DecodeResult, DecodedReading, DecoderDefinition } from '../../core/types.js';
import { meterIdOf, pulseVolumeMl, success, truncated, u32le, unknownPort } from '../shared/result.js';

export const DEVELIOT_RWMR_ID = 'lora/develiot/rwmr';
export const RWMR_LENGTH = 11;

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function decodeRwmr(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  if (ctx.fPort !== 12) return unknownPort(DEVELIOT_RWMR_ID, ctx.fPort, [12]);
  if (b.length < RWMR_LENGTH) return truncated(DEVELIOT_RWMR_ID, RWMR_LENGTH, b.length, 'RWMR status');
  const warnings: string[] = [];
  const weight = pulseVolumeMl(ctx, warnings);
  const services = (b[0] ?? 0) & 0x0f;
  const meterId = meterIdOf(ctx);
  const batteryV = round2(((b[9] ?? 0) * 3.3) / 255);
  const temperatureC = round2(((b[10] ?? 0) * 90) / 255 - 30);
  const readings: DecodedReading[] = [];
  const counters: Array<[number, string, number]> = [
    [0x01, meterId, u32le(b, 1)],
    [0x02, `${meterId}/2`, u32le(b, 5)],
  ];
  for (const [bit, id, pulses] of counters) {
    if (!(services & bit)) continue;
    const r: DecodedReading = { meterId: id, time: ctx.receivedAt, timeFromMeter: false, registerMl: pulses * weight, batteryV };
    if (services & 0x04) r.ambientTemperatureC = temperatureC;
    readings.push(r);
  }
  return success(DEVELIOT_RWMR_ID, {
    readings,
    warnings,
    meta: { firmwareVersion: (b[0] ?? 0) >> 4, services, pulseCounter1: u32le(b, 1), pulseCounter2: u32le(b, 5), batteryV, temperatureC },
  });
}

export const develiotRwmrDecoder: DecoderDefinition = {
  id: DEVELIOT_RWMR_ID,
  protocol: 'lora',
  description: 'Develiot RWMR pulse-based water meter reader',
  detect: { lora: [{ vendor: 'develiot', model: 'rwmr', fPorts: [12] }] },
  decode: decodeRwmr,
  references: ['TheThingsNetwork/lorawan-devices vendor/develiot/rwmr.js'],
};
