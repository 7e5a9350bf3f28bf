/**
 * Sensus iPERL LoRaWAN (OMS application layer: short TPL header 7Ah, volume and time in storage 8,
 * hourly inverse compact profile). TPL status bit 2 is the low-battery alarm the vendor reports.
 */
import type { DecodeContext, DecodeResult, DecoderDefinition } from '../../core/types.js';
import { decodeOmsPayload } from '../shared/oms/decode.js';
import {
  dateTimeRecord,
  encodeTplHeader,
  intRecord,
  meterWallClock,
  profileRecord,
  registerBytes,
  VIF,
  volumeExponent,
} from '../shared/oms/encode.js';

export const SENSUS_IPERL_ID = 'lora/sensus/iperl';

export function decodeIperl(bytes: Uint8Array, ctx: DecodeContext): DecodeResult {
  return decodeOmsPayload(SENSUS_IPERL_ID, bytes, ctx);
}

/** What an iPERL uplink carries, as the decoder reports it. */
export interface IperlPayload {
  accessNumber: number;
  /** TPL status (bit 2 low battery, 3 permanent error, 4 temporary error). */
  status: number;
  /** UTC time of the storage 8 register; whole minutes in the meter's zone. */
  time: string;
  /** The decoder's meterTimeZone; Asia/Shanghai when absent, as the decoder. */
  meterTimeZone?: string;
  registerMl: number;
  /** Registers 60, 120, … minutes before `time`, newest first (2-byte signed differences). */
  hourlyHistoryMl: number[];
}

const STORAGE_8 = { storage: 8 } as const;

/** Encoder for the simulator: the SND-ALARM / SND-NR layout of the vendor example. */
export function encodeIperl(p: IperlPayload): Uint8Array {
  const e = volumeExponent([p.registerMl, ...p.hourlyHistoryMl]);
  const base = p.registerMl / 10 ** e;
  const out = [
    ...encodeTplHeader({ ci: 0x7a, accessNumber: p.accessNumber, status: p.status }),
    ...intRecord(base, registerBytes(base), [VIF.VOLUME + e], STORAGE_8),
    ...dateTimeRecord(meterWallClock(p.time, p.meterTimeZone), STORAGE_8),
  ];
  if (p.hourlyHistoryMl.length > 0) {
    const values = p.hourlyHistoryMl.map((v) => v / 10 ** e);
    out.push(
      ...profileRecord(
        base,
        values,
        e,
        { incrementMode: 3, spacingUnit: 1, spacingValue: 60, elementBytes: 2 },
        STORAGE_8,
      ),
    );
  }
  return Uint8Array.from(out);
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
