/**
 * Axioma Qalcosonic W1, fPort 100 "enhanced 24 h" payload (51 bytes), after
 * TheThingsNetwork/lorawan-devices vendor/axioma/qalcosonic-w1-codec.js:
 *   0 frame version (01) | 1–4 Unix time (LE, UTC) | 5 status | 6–9 log volume, litres (LE)
 *   | 10… 23 hourly deltas of 14 bits, litres, packed least significant bit first | 6-bit multiplier
 * The current register is the log volume plus the deltas, stamped with the payload time.
 * Status bits (vendor codec): 04h low battery, 08h permanent error, 10h temporary error (alone:
 * empty pipe), 60h backflow, A0h burst, 20h leakage, 80h low temperature.
 */
import { DecodeErrorCode } from '../../core/errors.js';
import type { DecodeContext, DecodeResult, DecodedAlarm, DecoderDefinition } from '../../core/types.js';
import { failure, meterIdOf, success, truncated, u32le, unknownPort } from '../shared/result.js';

export const AXIOMA_QALCOSONIC_W1_ID = 'lora/axioma/qalcosonic-w1';
export const ENHANCED_24H_LENGTH = 51;
export const DELTA_COUNT = 23;
const PORT = 100;

function readBits(b: Uint8Array, startByte: number, startBit: number, length: number): number {
  let value = 0;
  for (let i = 0; i < length; i++) {
    const pos = startBit + i;
    const byte = b[startByte + (pos >> 3)] ?? 0;
    if (byte & (1 << (pos & 7))) value += 2 ** i;
  }
  return value;
}

export function statusAlarms(status: number, meterId: string, time: string): DecodedAlarm[] {
  const out: DecodedAlarm[] = [];
  const add = (kind: DecodedAlarm['kind'], detail: string) => out.push({ kind, meterId, time, detail });
  const backflow = (status & 0x60) === 0x60;
  const burst = (status & 0xa0) === 0xa0;
  if (status & 0x04) add('low_battery', 'status 04h: low battery');
  if (status & 0x08) add('meter_error', 'status 08h: permanent error');
  if (status === 0x10) add('dry_pipe', 'status 10h: empty pipe');
  else if (status & 0x10) add('meter_error', 'status 10h: temporary error');
  if (backflow) add('backflow', 'status 60h: backflow');
  if (burst) add('burst', 'status A0h: burst');
  if (status & 0x20 && !backflow && !burst) add('leak', 'status 20h: leakage');
  if (status & 0x80 && !burst) add('under_temperature', 'status 80h: low temperature');
  return out;
}

export function decodeQalcosonicW1(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  if (ctx.fPort !== PORT) return unknownPort(AXIOMA_QALCOSONIC_W1_ID, ctx.fPort, [PORT]);
  if (b.length < ENHANCED_24H_LENGTH)
    return truncated(AXIOMA_QALCOSONIC_W1_ID, ENHANCED_24H_LENGTH, b.length, 'enhanced 24 h payload');
  if (b.length > ENHANCED_24H_LENGTH) {
    return failure(
      AXIOMA_QALCOSONIC_W1_ID,
      DecodeErrorCode.MALFORMED,
      `enhanced 24 h payload is ${ENHANCED_24H_LENGTH} bytes, got ${b.length}`,
    );
  }
  if (b[0] !== 0x01) {
    return failure(
      AXIOMA_QALCOSONIC_W1_ID,
      DecodeErrorCode.UNSUPPORTED_RECORD,
      `frame version ${(b[0] ?? 0).toString(16)}h is not supported`,
      { offset: 0 },
    );
  }
  const unix = u32le(b, 1);
  const status = b[5] ?? 0;
  const logLitres = u32le(b, 6);
  let deltaLitres = 0;
  for (let i = 0; i < DELTA_COUNT; i++) deltaLitres += readBits(b, 10, i * 14, 14);
  const multiplier = readBits(b, 10, DELTA_COUNT * 14, 6);
  const meterId = meterIdOf(ctx);
  const time = new Date(unix * 1000).toISOString();
  const warnings = multiplier === 0 ? [] : [`history multiplier ${multiplier} is not zero: deltas may need scaling`];
  return success(AXIOMA_QALCOSONIC_W1_ID, {
    readings: [
      { meterId, time, timeFromMeter: true, registerMl: (logLitres + deltaLitres) * 1000, statusBits: status },
    ],
    alarms: statusAlarms(status, meterId, time),
    warnings,
    meta: { frameVersion: 1, logVolumeL: logLitres, deltaTotalL: deltaLitres, historyMultiplier: multiplier },
  });
}

export interface Enhanced24h {
  unixTime: number;
  status: number;
  logLitres: number;
  /** 23 hourly deltas in litres, each below 2^14. */
  deltasLitres: number[];
}

/** Encoder for the simulator (fPort 100). */
export function encodeEnhanced24h(p: Enhanced24h): Uint8Array {
  if (p.deltasLitres.length !== DELTA_COUNT) throw new RangeError(`${DELTA_COUNT} deltas needed`);
  const out = new Uint8Array(ENHANCED_24H_LENGTH);
  const view = new DataView(out.buffer);
  out[0] = 0x01;
  view.setUint32(1, p.unixTime, true);
  out[5] = p.status;
  view.setUint32(6, p.logLitres, true);
  p.deltasLitres.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 0 || d >= 1 << 14) throw new RangeError(`delta ${d} does not fit 14 bits`);
    for (let bit = 0; bit < 14; bit++) {
      if (d & (1 << bit)) {
        const pos = i * 14 + bit;
        out[10 + (pos >> 3)] = (out[10 + (pos >> 3)] ?? 0) | (1 << (pos & 7));
      }
    }
  });
  return out;
}

export const axiomaQalcosonicW1Decoder: DecoderDefinition = {
  id: AXIOMA_QALCOSONIC_W1_ID,
  protocol: 'lora',
  description: 'Axioma Qalcosonic W1 ultrasonic water meter, enhanced 24 h payload (fPort 100)',
  detect: { lora: [{ vendor: 'axioma', model: 'qalcosonic-w1', fPorts: [PORT] }] },
  decode: decodeQalcosonicW1,
  references: ['TheThingsNetwork/lorawan-devices vendor/axioma/qalcosonic-w1-codec.js (layout and status bits)'],
};
