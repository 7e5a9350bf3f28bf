/**
 * Sensus iPERL LoRaWAN (OMS application layer: short TPL header 7Ah, volume and time in storage 8,
 * hourly inverse compact profile). TPL status bit 2 is the low-battery alarm the vendor reports.
 */
import type { DecodeContext, DecodeResult, DecoderDefinition } from '../../core/types.js';
import { decodeOmsPayload } from '../shared/oms/decode.js';

export const SENSUS_IPERL_ID = 'lora/sensus/iperl';

export function decodeIperl(bytes: Uint8Array, ctx: DecodeContext): DecodeResult {
  return decodeOmsPayload(SENSUS_IPERL_ID, bytes, ctx);
}

export const sensusIperlDecoder: DecoderDefinition = {
  id: SENSUS_IPERL_ID,
  protocol: 'lora',
  description: 'Sensus iPERL LoRaWAN (OMS records with hourly compact profile)',
  detect: { lora: [{ vendor: 'sensus', model: 'iperl' }] },
  decode: decodeIperl,
  references: [
    'EN 13757-3:2018 Annex F (inverse compact profile), EN 13757-7 (TPL status)',
    'TheThingsNetwork/lorawan-devices vendor/sensus/iperl-codec.yaml (example and expected records)',
  ],
};
