/**
 * Minol-Zenner EDC communication module (LoRaWAN), fPort 1, 13 bytes: a status byte and three
 * 32-bit big-endian meter values (the module counts modulator-disc turns: 1, 10 or 100 L a turn,
 * so the pulse weight comes from the device registry). No codec source is published; the layout
 * and status bits are read from the repository's single example (status 27h → removal, battery
 * low, battery end of life and coil manipulation set, hardware error clear), so bits 0, 1, 2, 5 are
 * those four and bit 3 is taken as the hardware error. The first value is taken as the register.
 */
import type { DecodeContext, DecodeResult, DecodedAlarm, DecoderDefinition } from '../../core/types.js';
import { fieldValue, pulseCount } from '../shared/encode.js';
import { meterIdOf, pulseVolumeMl, success, truncated, u32be, unknownPort } from '../shared/result.js';

export const MINOL_ZENNER_EDC_ID = 'lora/minol-zenner/edc';

const STATUS_BITS: ReadonlyArray<[number, DecodedAlarm['kind'], string]> = [
  [0, 'removal', 'status bit 0: removal detection'],
  [1, 'low_battery', 'status bit 1: battery low'],
  [2, 'low_battery', 'status bit 2: battery end of life'],
  [3, 'meter_error', 'status bit 3: hardware error'],
  [5, 'tamper', 'status bit 5: coil manipulation'],
];

export function decodeEdc(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  if (ctx.fPort !== 1) return unknownPort(MINOL_ZENNER_EDC_ID, ctx.fPort, [1]);
  if (b.length < 13) return truncated(MINOL_ZENNER_EDC_ID, 13, b.length, 'EDC report');
  const warnings: string[] = [];
  const weight = pulseVolumeMl(ctx, warnings);
  const meterId = meterIdOf(ctx);
  const time = ctx.receivedAt;
  const status = b[0] ?? 0;
  return success(MINOL_ZENNER_EDC_ID, {
    readings: [{ meterId, time, timeFromMeter: false, registerMl: u32be(b, 1) * weight, statusBits: status }],
    alarms: STATUS_BITS.filter(([bit]) => status & (1 << bit)).map(([, kind, detail]) => ({
      kind,
      meterId,
      time,
      detail,
    })),
    warnings,
    meta: { meterValue1: u32be(b, 1), meterValue2: u32be(b, 5), meterValue3: u32be(b, 9) },
  });
}

/** What an EDC report carries, as the decoder reports it. */
export interface EdcReport {
  /** Status byte (the reading's statusBits). */
  statusBits: number;
  registerMl: number;
  /** The registry's pulse weight the decoder multiplies meter value 1 by. */
  pulseVolumeMl: number;
  meterValue2: number;
  meterValue3: number;
}

/** Encoder for the simulator: the 13-byte fPort 1 report. */
export function encodeEdc(r: EdcReport): Uint8Array {
  const out = new Uint8Array(13);
  const view = new DataView(out.buffer);
  out[0] = fieldValue(r.statusBits, 0xff, 'status');
  view.setUint32(1, pulseCount(r.registerMl, r.pulseVolumeMl));
  view.setUint32(5, fieldValue(r.meterValue2, 0xffffffff, 'meter value 2'));
  view.setUint32(9, fieldValue(r.meterValue3, 0xffffffff, 'meter value 3'));
  return out;
}

export const minolZennerEdcDecoder: DecoderDefinition = {
  id: MINOL_ZENNER_EDC_ID,
  protocol: 'lora',
  description: 'Minol-Zenner EDC communication module (status byte and three meter values)',
  detect: { lora: [{ vendor: 'minol-zenner', model: 'edc-communication-module', fPorts: [1] }] },
  decode: decodeEdc,
  references: [
    'TheThingsNetwork/lorawan-devices vendor/minol-zenner/edc-communication-module-codec.yaml (example only)',
  ],
};
