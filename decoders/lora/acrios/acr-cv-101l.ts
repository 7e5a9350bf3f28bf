/**
 * Acrios ACR-CV-101L-M-x: a wired M-Bus master in a LoRaWAN node. The payload is a fragment
 * header (frame index, frame count) then one M-Bus long frame (EN 13757-2: 68 L L 68 C A CI …
 * CS 16). Only unfragmented payloads (01 01) are decoded. CI 72h/76h carry variable data
 * (records as in EN 13757-3); CI 73h/77h the fixed data structure (EN 1434-3): ID (BCD),
 * access number, status (bit 0 counters binary, bit 1 counter 1 at fixed date, bit 2 power low,
 * bit 3 permanent error, bit 4 temporary error), two unit/medium bytes and two counters.
 */
import { DecodeErrorCode } from '../../core/errors.js';
import type { DecodeContext, DecodeResult, DecodedAlarm, DecoderDefinition } from '../../core/types.js';
import { failure, success, truncated, u32le } from '../shared/result.js';
import { decodeOmsPayload } from '../shared/oms/decode.js';

export const ACRIOS_ACR_CV_101L_ID = 'lora/acrios/acr-cv-101l';

function bcd(b: Uint8Array, at: number, n: number): number | undefined {
  let v = 0;
  for (let i = at + n - 1; i >= at; i--) {
    const x = b[i] ?? 0;
    if (x >> 4 > 9 || (x & 0x0f) > 9) return undefined;
    v = v * 100 + (x >> 4) * 10 + (x & 0x0f);
  }
  return v;
}

/** mL per counter step for a fixed-structure unit code (ml, l, m³ × 10^0..2), else undefined. */
function fixedUnitMl(code: number): number | undefined {
  if (code < 0x26 || code > 0x2e) return undefined;
  const base = code <= 0x28 ? 1 : code <= 0x2b ? 1_000 : 1_000_000;
  return base * 10 ** ((code - 2) % 3);
}

function decodeFixed(f: Uint8Array, ctx: DecodeContext): DecodeResult {
  const id = ACRIOS_ACR_CV_101L_ID;
  if (f.length < 16) return truncated(id, 16, f.length, 'fixed data structure');
  const meterNo = bcd(f, 0, 4);
  const status = f[5] ?? 0;
  const u1 = f[6] ?? 0;
  const u2 = f[7] ?? 0;
  const binary = (status & 0x01) !== 0;
  const c1 = binary ? u32le(f, 8) : bcd(f, 8, 4);
  const c2 = binary ? u32le(f, 12) : bcd(f, 12, 4);
  if (c1 === undefined || c2 === undefined) return failure(id, DecodeErrorCode.VALUE_OUT_OF_RANGE, 'counter is not valid BCD', { offset: 8 });
  const unit1 = fixedUnitMl(u1 & 0x3f);
  if (unit1 === undefined) return failure(id, DecodeErrorCode.UNSUPPORTED_RECORD, `counter 1 unit ${(u1 & 0x3f).toString(16)}h is not a volume`, { offset: 6 });
  const meterId = ctx.meterId ?? (meterNo === undefined ? (ctx.deviceId ?? 'unknown') : String(meterNo).padStart(8, '0'));
  const time = ctx.receivedAt;
  const alarms: DecodedAlarm[] = [];
  if (status & 0x04) alarms.push({ kind: 'low_battery', meterId, time, detail: 'status bit 2: power low' });
  if (status & 0x08) alarms.push({ kind: 'meter_error', meterId, time, detail: 'status bit 3: permanent error' });
  if (status & 0x10) alarms.push({ kind: 'meter_error', meterId, time, detail: 'status bit 4: temporary error' });
  const sameUnit = (u2 & 0x3f) === 0x3e;
  const unit2 = sameUnit ? unit1 : fixedUnitMl(u2 & 0x3f);
  const reading = { meterId, time, timeFromMeter: false, registerMl: c1 * unit1, statusBits: status } as const;
  return success(id, {
    readings: [unit2 === undefined ? reading : { ...reading, billingDateRegisterMl: c2 * unit2 }],
    alarms,
    warnings: unit2 === undefined ? [`counter 2 unit ${(u2 & 0x3f).toString(16)}h is not a volume: not kept`] : [],
    meta: { ci: 'fixed', accessNumber: f[4] ?? 0, medium: (u1 >> 6) | ((u2 >> 4) & 0x0c), counter1FixedDate: (status & 0x02) !== 0, counter2: c2 },
  });
}

export function decodeAcrios(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  const id = ACRIOS_ACR_CV_101L_ID;
  if (b.length < 2) return truncated(id, 2, b.length, 'fragment header');
  if (b[0] !== 1 || b[1] !== 1) {
    return failure(id, DecodeErrorCode.UNSUPPORTED_RECORD, `fragment ${b[0] ?? 0} of ${b[1] ?? 0}: fragmented M-Bus frames are not reassembled`, { offset: 0 });
  }
  const m = b.subarray(2);
  if (m.length === 1 && m[0] === 0xe5) return success(id, { meta: { frame: 'ack' } });
  if (m.length < 9) return truncated(id, 11, b.length, 'M-Bus long frame');
  if (m[0] !== 0x68 || m[3] !== 0x68 || m[1] !== m[2]) return failure(id, DecodeErrorCode.MALFORMED, 'not an M-Bus long frame (68 L L 68)', { offset: 2 });
  const l = m[1] ?? 0;
  if (m.length < l + 6) return truncated(id, l + 8, b.length, 'M-Bus long frame');
  let sum = 0;
  for (let i = 4; i < 4 + l; i++) sum += m[i] ?? 0;
  if ((sum & 0xff) !== m[4 + l] || m[5 + l] !== 0x16) return failure(id, DecodeErrorCode.CHECKSUM_MISMATCH, 'M-Bus checksum or stop byte does not match', { offset: 2 + 4 + l });
  const ci = m[6] ?? 0;
  const userData = m.subarray(7, 4 + l);
  if (ci === 0x73 || ci === 0x77) return decodeFixed(userData, ctx);
  if (ci === 0x72 || ci === 0x76) {
    // The 12-byte variable-data header has the same layout as a long TPL header after its CI.
    const asTpl = new Uint8Array(1 + userData.length);
    asTpl[0] = 0x72;
    asTpl.set(userData, 1);
    const result = decodeOmsPayload(id, asTpl, ctx);
    return result;
  }
  return failure(id, DecodeErrorCode.UNSUPPORTED_RECORD, `M-Bus CI ${ci.toString(16)}h is not supported`, { offset: 2 + 6 });
}

export const acriosAcrCv101lDecoder: DecoderDefinition = {
  id: ACRIOS_ACR_CV_101L_ID,
  protocol: 'lora',
  description: 'Acrios ACR-CV-101L-M-x wired M-Bus to LoRaWAN converter (fixed and variable M-Bus data)',
  detect: { lora: [{ vendor: 'acrios', model: 'acr-cv-101l-m-x' }] },
  decode: decodeAcrios,
  references: ['EN 13757-2 (long frame), EN 13757-3 (variable data), EN 1434-3 (fixed data structure)', 'TheThingsNetwork/lorawan-devices vendor/acrios/acr-cv-101l-m-x.js'],
};
