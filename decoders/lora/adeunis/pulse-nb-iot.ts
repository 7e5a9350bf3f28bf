/**
 * Adeunis Pulse 4 NB-IoT: a 13-byte header (IMEI 8 bytes, signal quality, global frame counter
 * uint32 BE) before the same Pulse 4 frame (vendor/adeunis/pulse_nbiot_lib.js, hOffset 13).
 * Listed in the LoRaWAN repository; it arrives over CoAP/MQTT, so the fPort is ignored.
 */
import type { DecodeContext, DecodeResult, DecoderDefinition } from '../../core/types.js';
import { truncated, u32be } from '../shared/result.js';
import { decodePulseFrame } from './pulse-frames.js';

export const ADEUNIS_PULSE_NB_IOT_ID = 'lora/adeunis/pulse-nb-iot';
const HEADER = 13;

export function decodeAdeunisPulseNbIot(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  if (b.length < HEADER + 2) return truncated(ADEUNIS_PULSE_NB_IOT_ID, HEADER + 2, b.length, 'NB-IoT header and frame');
  let imei = '';
  for (let i = 0; i < 8; i++) imei += (b[i] ?? 0).toString(16).padStart(2, '0');
  const meterId = ctx.meterId ?? ctx.deviceId ?? imei;
  return decodePulseFrame(ADEUNIS_PULSE_NB_IOT_ID, b, HEADER, meterId, ctx, {
    imei,
    signalQuality: b[8] ?? 0,
    globalFrameCounter: u32be(b, 9),
  });
}

export const adeunisPulseNbIotDecoder: DecoderDefinition = {
  id: ADEUNIS_PULSE_NB_IOT_ID,
  protocol: 'lora',
  description: 'Adeunis Pulse 4 NB-IoT pulse counter (IMEI header + Pulse 4 frame)',
  detect: { models: ['adeunis/pulse-nb-iot'] },
  decode: decodeAdeunisPulseNbIot,
  references: ['TheThingsNetwork/lorawan-devices vendor/adeunis/pulse_nbiot_lib.js'],
};
