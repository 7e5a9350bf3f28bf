/**
 * Dragino SW3L flow sensor (pulse output of a turbine), after TheThingsNetwork/lorawan-devices
 * vendor/dragino/sw3l.js. All integers big-endian.
 *   fPort 2 (11 bytes): 0 calculate flag (bits 2–7) and alarm (bit 1) | 1–4 pulses | 5 MOD
 *     (1: pulses since the last uplink, else the total) | 6 – | 7–10 Unix time
 *   fPort 3: datalog, 11-byte entries: 0 flags | 1 – | 2 – | 3–6 pulses | 7–10 Unix time
 *   fPort 4: configuration (TDC, stop timer, alarm timer); fPort 5: device status
 * Pulses per litre by calculate flag (vendor codec): 0 → 450, 1 → 360, 2 → 60. The register is
 * pulses × 1000 / (pulses per litre), rounded half up to whole millilitres.
 */
import type { DecodeContext, DecodeResult, DecodedAlarm, DecoderDefinition, HistoryValue } from '../../core/types.js';
import { divRoundHalfUp, meterIdOf, success, truncated, u16be, u32be, unknownPort } from '../shared/result.js';

export const DRAGINO_SW3L_ID = 'lora/dragino/sw3l';
const PORTS = [2, 3, 4, 5] as const;

export function pulsesPerLitre(calculateFlag: number): number {
  return calculateFlag === 2 ? 60 : calculateFlag === 1 ? 360 : 450;
}

export function pulsesToMl(pulses: number, calculateFlag: number): number {
  return divRoundHalfUp(pulses * 1000, pulsesPerLitre(calculateFlag));
}

function decodeReport(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  if (b.length < 11) return truncated(DRAGINO_SW3L_ID, 11, b.length, 'SW3L report');
  const flags = b[0] ?? 0;
  const calculateFlag = flags >> 2;
  const pulses = u32be(b, 1);
  const mod = b[5] ?? 0;
  const meterId = meterIdOf(ctx);
  const unix = u32be(b, 7);
  const time = unix > 0 ? new Date(unix * 1000).toISOString() : ctx.receivedAt;
  const alarms: DecodedAlarm[] =
    flags & 0x02
      ? [{ kind: 'leak', meterId, time, detail: 'water flow alarm (flow longer than the alarm timer)' }]
      : [];
  const meta = { calculateFlag, mod, pulses, pulsesPerLitre: pulsesPerLitre(calculateFlag) };
  if (mod === 1) {
    return success(DRAGINO_SW3L_ID, {
      alarms,
      meta,
      warnings: ['MOD 1: the count is pulses since the last uplink, not a register'],
    });
  }
  return success(DRAGINO_SW3L_ID, {
    readings: [
      { meterId, time, timeFromMeter: unix > 0, registerMl: pulsesToMl(pulses, calculateFlag), statusBits: flags },
    ],
    alarms,
    meta,
  });
}

function decodeDatalog(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  if (b.length === 0 || b.length % 11 !== 0)
    return truncated(DRAGINO_SW3L_ID, Math.ceil(Math.max(1, b.length) / 11) * 11, b.length, 'datalog');
  const meterId = meterIdOf(ctx);
  const history: HistoryValue[] = [];
  for (let i = 0; i < b.length; i += 11) {
    const flag = (b[i] ?? 0) >> 2;
    history.push({
      meterId,
      time: new Date(u32be(b, i + 7) * 1000).toISOString(),
      registerMl: pulsesToMl(u32be(b, i + 3), flag),
      kind: 'interval',
    });
  }
  return success(DRAGINO_SW3L_ID, { history });
}

export function decodeSw3l(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  switch (ctx.fPort) {
    case 2:
      return decodeReport(b, ctx);
    case 3:
      return decodeDatalog(b, ctx);
    case 4:
      if (b.length < 7) return truncated(DRAGINO_SW3L_ID, 7, b.length, 'configuration');
      return success(DRAGINO_SW3L_ID, {
        meta: {
          tdc: ((b[0] ?? 0) << 16) | ((b[1] ?? 0) << 8) | (b[2] ?? 0),
          stopTimer: b[4] ?? 0,
          alarmTimer: u16be(b, 5),
        },
      });
    case 5:
      if (b.length < 7) return truncated(DRAGINO_SW3L_ID, 7, b.length, 'device status');
      return success(DRAGINO_SW3L_ID, {
        meta: {
          sensorModel: b[0] ?? 0,
          firmware: `${(b[1] ?? 0) & 0x0f}.${((b[2] ?? 0) >> 4) & 0x0f}.${(b[2] ?? 0) & 0x0f}`,
          frequencyBand: b[3] ?? 0,
          batteryV: u16be(b, 5) / 1000,
        },
      });
    default:
      return unknownPort(DRAGINO_SW3L_ID, ctx.fPort, PORTS);
  }
}

export interface Sw3lReport {
  calculateFlag: number;
  alarm: boolean;
  pulses: number;
  unixTime: number;
}

/** Encoder for the simulator: an fPort 2 report with the total pulse count (MOD 0). */
export function encodeSw3lReport(r: Sw3lReport): Uint8Array {
  const out = new Uint8Array(11);
  const view = new DataView(out.buffer);
  out[0] = ((r.calculateFlag & 0x3f) << 2) | (r.alarm ? 0x02 : 0);
  view.setUint32(1, r.pulses);
  out[5] = 0;
  view.setUint32(7, r.unixTime);
  return out;
}

export const draginoSw3lDecoder: DecoderDefinition = {
  id: DRAGINO_SW3L_ID,
  protocol: 'lora',
  description: 'Dragino SW3L LoRaWAN flow sensor (pulse totals, datalog, configuration)',
  detect: { lora: [{ vendor: 'dragino', model: 'sw3l', fPorts: [...PORTS] }] },
  decode: decodeSw3l,
  references: ['TheThingsNetwork/lorawan-devices vendor/dragino/sw3l.js'],
};
