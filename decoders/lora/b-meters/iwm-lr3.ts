/**
 * B METERS IWM-LR3 (LoRaWAN reader on a mechanical meter), fPort 1, 13 bytes (15 with
 * temperature), after the IWM-LR3/LR4 user manual v1.0 ("Payload description", "VIF and
 * management of counters", "Alarm byte coding"):
 *   0 application code | 1–4 absolute counter |forward − reverse| (LE) | 5–8 reverse counter,
 *   litres (LE) | 9 K index | 10 medium | 11 VIF (13h L, 14h daL, 15h hL, 16h m³) | 12 alarms
 *   (bit 0 magnetic, 1 removal, 2 sensor fraud, 3 leakage, 4 reverse flow, 5 low battery).
 * The TTN codec also accepts VIF 0Dh/0Eh as litres/decalitres; so do we.
 */
import { DecodeErrorCode } from '../../core/errors.js';
import type { DecodeContext, DecodeResult, DecodedAlarm, DecoderDefinition } from '../../core/types.js';
import { failure, meterIdOf, success, truncated, u32le, unknownPort } from '../shared/result.js';

export const BMETERS_IWM_LR3_ID = 'lora/b-meters/iwm-lr3';

const ML_PER_UNIT: Record<number, number> = {
  0x13: 1_000,
  0x0d: 1_000,
  0x14: 10_000,
  0x0e: 10_000,
  0x15: 100_000,
  0x16: 1_000_000,
};
const ALARM_BITS: ReadonlyArray<[number, DecodedAlarm['kind'], string]> = [
  [0, 'magnet', 'magnetic'],
  [1, 'removal', 'removal'],
  [2, 'tamper', 'sensor fraud'],
  [3, 'leak', 'leakage'],
  [4, 'backflow', 'reverse flow'],
  [5, 'low_battery', 'low battery'],
];

export function decodeIwmLr3(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  if (ctx.fPort !== 1) return unknownPort(BMETERS_IWM_LR3_ID, ctx.fPort, [1]);
  if (b.length < 13) return truncated(BMETERS_IWM_LR3_ID, 13, b.length, 'IWM-LR3 report');
  const vif = b[11] ?? 0;
  const mlPerUnit = ML_PER_UNIT[vif];
  if (mlPerUnit === undefined) {
    return failure(
      BMETERS_IWM_LR3_ID,
      DecodeErrorCode.UNSUPPORTED_RECORD,
      `VIF ${vif.toString(16)}h is not a volume unit`,
      { offset: 11 },
    );
  }
  const meterId = meterIdOf(ctx);
  const time = ctx.receivedAt;
  const alarmByte = b[12] ?? 0;
  const alarms: DecodedAlarm[] = ALARM_BITS.filter(([bit]) => alarmByte & (1 << bit)).map(([, kind, detail]) => ({
    kind,
    meterId,
    time,
    detail,
  }));
  return success(BMETERS_IWM_LR3_ID, {
    readings: [
      {
        meterId,
        time,
        timeFromMeter: false,
        registerMl: u32le(b, 1) * mlPerUnit,
        reverseMl: u32le(b, 5) * 1000,
        statusBits: alarmByte,
      },
    ],
    alarms,
    warnings: b.length > 13 ? ['temperature bytes present but not decoded'] : [],
    meta: { application: b[0] ?? 0, kIndex: b[9] ?? 0, medium: b[10] ?? 0, vif },
  });
}

/** What an IWM-LR3 report carries, as the decoder reports it. */
export interface IwmLr3Report {
  application: number;
  registerMl: number;
  /** Reverse counter (always whole litres). */
  reverseMl: number;
  kIndex: number;
  medium: number;
  /** Unit of the absolute counter: 13h L, 14h daL, 15h hL, 16h m³ (0Dh/0Eh as the TTN codec). */
  vif: number;
  /** Alarm byte (the reading's statusBits). */
  statusBits: number;
}

function counter(ml: number, unitMl: number, what: string): number {
  const v = ml / unitMl;
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff)
    throw new RangeError(`${what} ${ml} mL is not a 32-bit count of ${unitMl} mL`);
  return v;
}

/** Encoder for the simulator: the 13-byte fPort 1 report (no temperature bytes). */
export function encodeIwmLr3(r: IwmLr3Report): Uint8Array {
  const unit = ML_PER_UNIT[r.vif];
  if (unit === undefined) throw new RangeError(`VIF ${r.vif} is not a volume unit`);
  const out = new Uint8Array(13);
  const view = new DataView(out.buffer);
  out[0] = r.application;
  view.setUint32(1, counter(r.registerMl, unit, 'register'), true);
  view.setUint32(5, counter(r.reverseMl, 1_000, 'reverse register'), true);
  out[9] = r.kIndex;
  out[10] = r.medium;
  out[11] = r.vif;
  out[12] = r.statusBits;
  return out;
}

export const bmetersIwmLr3Decoder: DecoderDefinition = {
  id: BMETERS_IWM_LR3_ID,
  protocol: 'lora',
  description: 'B METERS IWM-LR3 LoRaWAN reader (absolute and reverse counters, alarm byte)',
  detect: { lora: [{ vendor: 'b-meters', model: 'iwm-lr3', fPorts: [1] }] },
  decode: decodeIwmLr3,
  references: [
    'B METERS IWM-LR3/LR4 user manual v1.0 (payload, VIF, alarm byte)',
    'TheThingsNetwork/lorawan-devices vendor/b-meters/iwmlr3.js',
  ],
};
