/**
 * Develiot RWMR remote water meter reader (pulse based), fPort 12, 11 bytes, after
 * TheThingsNetwork/lorawan-devices vendor/develiot/rwmr.js:
 *   0 firmware (high nibble) and services (bit 0 counter 1, bit 1 counter 2, bit 2 temperature)
 *   | 1–4 pulse counter 1 (LE) | 5–8 pulse counter 2 (LE) | 9 battery x·3.3/255 V | 10 temperature x·90/255 − 30 °C
 */
import type { DecodeContext, DecodeResult, DecodedReading, DecoderDefinition } from '../../core/types.js';
import { fieldValue, pulseCount } from '../shared/encode.js';
import { meterIdOf, pulseVolumeMl, success, truncated, u32le, unknownPort } from '../shared/result.js';

export const DEVELIOT_RWMR_ID = 'lora/develiot/rwmr';
export const RWMR_LENGTH = 11;

const round2 = (x: number): number => Math.round(x * 100) / 100;
const batteryOf = (x: number): number => round2((x * 3.3) / 255);
const temperatureOf = (x: number): number => round2((x * 90) / 255 - 30);

export function decodeRwmr(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  if (ctx.fPort !== 12) return unknownPort(DEVELIOT_RWMR_ID, ctx.fPort, [12]);
  if (b.length < RWMR_LENGTH) return truncated(DEVELIOT_RWMR_ID, RWMR_LENGTH, b.length, 'RWMR status');
  const warnings: string[] = [];
  const weight = pulseVolumeMl(ctx, warnings);
  const services = (b[0] ?? 0) & 0x0f;
  const meterId = meterIdOf(ctx);
  const batteryV = batteryOf(b[9] ?? 0);
  const temperatureC = temperatureOf(b[10] ?? 0);
  const readings: DecodedReading[] = [];
  const counters: Array<[number, string, number]> = [
    [0x01, meterId, u32le(b, 1)],
    [0x02, `${meterId}/2`, u32le(b, 5)],
  ];
  for (const [bit, id, pulses] of counters) {
    if (!(services & bit)) continue;
    const r: DecodedReading = {
      meterId: id,
      time: ctx.receivedAt,
      timeFromMeter: false,
      registerMl: pulses * weight,
      batteryV,
    };
    if (services & 0x04) r.ambientTemperatureC = temperatureC;
    readings.push(r);
  }
  return success(DEVELIOT_RWMR_ID, {
    readings,
    warnings,
    meta: {
      firmwareVersion: (b[0] ?? 0) >> 4,
      services,
      pulseCounter1: u32le(b, 1),
      pulseCounter2: u32le(b, 5),
      batteryV,
      temperatureC,
    },
  });
}

/** What an RWMR status carries, as the decoder reports it. */
export interface RwmrStatus {
  firmwareVersion: number;
  /** Bit 0 counter 1, bit 1 counter 2 (reported as `<meter>/2`), bit 2 temperature. */
  services: number;
  /** Counter 1 and counter 2 registers (both are sent; the services say which are readings). */
  registerMl: number;
  register2Ml: number;
  /** The registry's pulse weight. */
  pulseVolumeMl: number;
  /** On the device's grid: x · 3.3 / 255 V, to 2 decimals. */
  batteryV: number;
  /** On the device's grid: x · 90 / 255 − 30 °C, to 2 decimals. */
  temperatureC: number;
}

/** The byte whose rounded value is `value`, or a RangeError when it is off the grid. */
function gridByte(value: number, of: (x: number) => number, what: string): number {
  let best = 0;
  for (let x = 1; x < 256; x++) if (Math.abs(of(x) - value) < Math.abs(of(best) - value)) best = x;
  if (of(best) !== value)
    throw new RangeError(`${what} ${value} is not a value the device sends (nearest ${of(best)})`);
  return best;
}

/** Encoder for the simulator: the 11-byte fPort 12 status. */
export function encodeRwmr(s: RwmrStatus): Uint8Array {
  const out = new Uint8Array(RWMR_LENGTH);
  out[0] = (fieldValue(s.firmwareVersion, 0x0f, 'firmware version') << 4) | fieldValue(s.services, 0x0f, 'services');
  const view = new DataView(out.buffer);
  view.setUint32(1, pulseCount(s.registerMl, s.pulseVolumeMl), true);
  view.setUint32(5, pulseCount(s.register2Ml, s.pulseVolumeMl), true);
  out[9] = gridByte(s.batteryV, batteryOf, 'battery voltage');
  out[10] = gridByte(s.temperatureC, temperatureOf, 'temperature');
  return out;
}

export const develiotRwmrDecoder: DecoderDefinition = {
  id: DEVELIOT_RWMR_ID,
  protocol: 'lora',
  description: 'Develiot RWMR pulse-based water meter reader',
  detect: { lora: [{ vendor: 'develiot', model: 'rwmr', fPorts: [12] }] },
  decode: decodeRwmr,
  references: ['TheThingsNetwork/lorawan-devices vendor/develiot/rwmr.js'],
};
