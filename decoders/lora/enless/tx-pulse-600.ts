/**
 * Enless Wireless TX Pulse 600-036 (and 600-037/038/039), 22 bytes, big-endian, after
 * TheThingsNetwork/lorawan-devices vendor/enless-wireless/enlessdecoder.js:
 *   0–2 id | 3 type (08h–0Bh) | 4 sequence | 5 firmware (low 6 bits) | 6–9 channel 1 pulses
 *   | 10–13 channel 2 pulses | 14–17 open-collector pulses | 18–19 alarms | 20–21 state
 * Alarm bits (1-based as in the codec): 1–3 high flow ch1/ch2/oc, 5–7 low flow, 9–11 leak.
 * State: bit 1 alarm message, bits 3–4 battery level (100/75/50/25 %), 9–11 debounce.
 */
import { DecodeErrorCode } from '../../core/errors.js';
import type { DecodeContext, DecodeResult, DecodedAlarm, DecoderDefinition } from '../../core/types.js';
import { fieldValue, pulseCount } from '../shared/encode.js';
import { failure, pulseVolumeMl, success, truncated, u16be, u32be } from '../shared/result.js';

export const ENLESS_TX_PULSE_ID = 'lora/enless/tx-pulse-600';
const PULSE_TYPES = new Set([0x08, 0x09, 0x0a, 0x0b]);
const BATTERY_PERCENT = [100, 75, 50, 25] as const;
const CHANNELS = ['ch1', 'ch2', 'oc'] as const;

export function decodeTxPulse(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  if (b.length < 22) return truncated(ENLESS_TX_PULSE_ID, 22, b.length, 'TX Pulse report');
  const type = b[3] ?? 0;
  if (!PULSE_TYPES.has(type)) {
    return failure(
      ENLESS_TX_PULSE_ID,
      DecodeErrorCode.UNSUPPORTED_RECORD,
      `device type ${type.toString(16)}h is not a TX Pulse`,
      { offset: 3 },
    );
  }
  const warnings: string[] = [];
  const weight = pulseVolumeMl(ctx, warnings);
  const enlessId = ((b[0] ?? 0) << 16) | ((b[1] ?? 0) << 8) | (b[2] ?? 0);
  const meterId = ctx.meterId ?? ctx.deviceId ?? enlessId.toString(16).padStart(6, '0');
  const time = ctx.receivedAt;
  const alarmWord = u16be(b, 18);
  const state = u16be(b, 20);
  const alarms: DecodedAlarm[] = [];
  CHANNELS.forEach((ch, i) => {
    if (alarmWord & (1 << i)) alarms.push({ kind: 'burst', meterId, time, detail: `${ch}: high flow` });
    if (alarmWord & (1 << (8 + i))) alarms.push({ kind: 'leak', meterId, time, detail: `${ch}: leak` });
    if (alarmWord & (1 << (4 + i))) warnings.push(`${ch}: low flow alarm`);
  });
  const pulses = u32be(b, 6);
  return success(ENLESS_TX_PULSE_ID, {
    readings: [
      {
        meterId,
        time,
        timeFromMeter: false,
        registerMl: pulses * weight,
        batteryPercent: BATTERY_PERCENT[(state >> 2) & 0x03] ?? 25,
        statusBits: alarmWord,
      },
    ],
    alarms,
    warnings,
    meta: {
      enlessId,
      type,
      sequence: b[4] ?? 0,
      firmware: (b[5] ?? 0) & 0x3f,
      pulsesCh1: pulses,
      pulsesCh2: u32be(b, 10),
      pulsesOc: u32be(b, 14),
      alarmMessage: (state & 0x01) !== 0,
    },
  });
}

/** What a TX Pulse report carries, as the decoder reports it. */
export interface TxPulseReport {
  enlessId: number;
  /** 08h–0Bh (600-036 … 600-039). */
  type: number;
  sequence: number;
  firmware: number;
  /** Channel 1 register and the registry's pulse weight. */
  registerMl: number;
  pulseVolumeMl: number;
  pulsesCh2: number;
  pulsesOc: number;
  /** Alarm word (the reading's statusBits). */
  statusBits: number;
  batteryPercent: (typeof BATTERY_PERCENT)[number];
  alarmMessage: boolean;
  /** Debounce enabled per channel (state bits 8–10); not decoded. */
  debounceMask?: number;
}

/** Encoder for the simulator: the 22-byte report. */
export function encodeTxPulse(r: TxPulseReport): Uint8Array {
  if (!PULSE_TYPES.has(r.type)) throw new RangeError(`type ${r.type} is not a TX Pulse`);
  const out = new Uint8Array(22);
  const view = new DataView(out.buffer);
  const id = fieldValue(r.enlessId, 0xffffff, 'id');
  out.set([
    id >> 16,
    (id >> 8) & 0xff,
    id & 0xff,
    r.type,
    fieldValue(r.sequence, 0xff, 'sequence'),
    fieldValue(r.firmware, 0x3f, 'firmware'),
  ]);
  view.setUint32(6, pulseCount(r.registerMl, r.pulseVolumeMl));
  view.setUint32(10, fieldValue(r.pulsesCh2, 0xffffffff, 'channel 2 pulses'));
  view.setUint32(14, fieldValue(r.pulsesOc, 0xffffffff, 'open-collector pulses'));
  view.setUint16(18, fieldValue(r.statusBits, 0xffff, 'alarm word'));
  const battery = BATTERY_PERCENT.indexOf(r.batteryPercent);
  if (battery < 0) throw new RangeError(`battery ${r.batteryPercent} % is not a level the device sends`);
  view.setUint16(
    20,
    (fieldValue(r.debounceMask ?? 0, 0x07, 'debounce mask') << 8) | (battery << 2) | (r.alarmMessage ? 0x01 : 0),
  );
  return out;
}

export const enlessTxPulseDecoder: DecoderDefinition = {
  id: ENLESS_TX_PULSE_ID,
  protocol: 'lora',
  description: 'Enless TX Pulse 600-036/037/038/039 pulse transmitter (channel 1 as the register)',
  detect: { lora: [{ vendor: 'enless-wireless', model: 'tx-pulse-600' }] },
  decode: decodeTxPulse,
  references: ['TheThingsNetwork/lorawan-devices vendor/enless-wireless/enlessdecoder.js'],
};
