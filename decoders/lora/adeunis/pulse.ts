/** Adeunis Pulse 4 (LoRaWAN): one Pulse 4 frame per uplink; see pulse-frames.ts. */
import type { DecodeContext, DecodeResult, DecoderDefinition } from '../../core/types.js';
import { meterIdOf } from '../shared/result.js';
import { decodePulseFrame } from './pulse-frames.js';

export const ADEUNIS_PULSE_ID = 'lora/adeunis/pulse';

export function decodeAdeunisPulse(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  return decodePulseFrame(ADEUNIS_PULSE_ID, b, 0, meterIdOf(ctx), ctx, {});
}

/** Encoder for the simulator: a 5Ah channel A frame with timestamp and no earlier counts. */
export function encodePulseChannelA(pulses: number, unixTime: number, frameCounter = 0): Uint8Array {
  const out = new Uint8Array(10);
  const view = new DataView(out.buffer);
  out[0] = 0x5a;
  out[1] = ((frameCounter & 0x07) << 5) | 0x04 | 0x01;
  view.setUint32(2, pulses);
  view.setUint32(6, unixTime - 1_356_998_400);
  return out;
}

export const adeunisPulseDecoder: DecoderDefinition = {
  id: ADEUNIS_PULSE_ID,
  protocol: 'lora',
  description: 'Adeunis Pulse 4 LoRaWAN pulse counter (two channels)',
  detect: { lora: [{ vendor: 'adeunis', model: 'pulse' }] },
  decode: decodeAdeunisPulse,
  references: ['TheThingsNetwork/lorawan-devices vendor/adeunis/pulse_lib.js'],
};
