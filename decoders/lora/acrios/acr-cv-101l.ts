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
import { encodeReadingRecords, encodeTplHeader, type OmsReadingInput } from '../shared/oms/encode.js';

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
  if (c1 === undefined || c2 === undefined)
    return failure(id, DecodeErrorCode.VALUE_OUT_OF_RANGE, 'counter is not valid BCD', { offset: 8 });
  const unit1 = fixedUnitMl(u1 & 0x3f);
  if (unit1 === undefined)
    return failure(
      id,
      DecodeErrorCode.UNSUPPORTED_RECORD,
      `counter 1 unit ${(u1 & 0x3f).toString(16)}h is not a volume`,
      { offset: 6 },
    );
  const meterId =
    ctx.meterId ?? (meterNo === undefined ? (ctx.deviceId ?? 'unknown') : String(meterNo).padStart(8, '0'));
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
    meta: {
      ci: 'fixed',
      accessNumber: f[4] ?? 0,
      medium: (u1 >> 6) | ((u2 >> 4) & 0x0c),
      counter1FixedDate: (status & 0x02) !== 0,
      counter2: c2,
    },
  });
}

export function decodeAcrios(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  const id = ACRIOS_ACR_CV_101L_ID;
  if (b.length < 2) return truncated(id, 2, b.length, 'fragment header');
  if (b[0] !== 1 || b[1] !== 1) {
    return failure(
      id,
      DecodeErrorCode.UNSUPPORTED_RECORD,
      `fragment ${b[0] ?? 0} of ${b[1] ?? 0}: fragmented M-Bus frames are not reassembled`,
      { offset: 0 },
    );
  }
  const m = b.subarray(2);
  if (m.length === 1 && m[0] === 0xe5) return success(id, { meta: { frame: 'ack' } });
  if (m.length < 9) return truncated(id, 11, b.length, 'M-Bus long frame');
  if (m[0] !== 0x68 || m[3] !== 0x68 || m[1] !== m[2])
    return failure(id, DecodeErrorCode.MALFORMED, 'not an M-Bus long frame (68 L L 68)', { offset: 2 });
  const l = m[1] ?? 0;
  if (m.length < l + 6) return truncated(id, l + 8, b.length, 'M-Bus long frame');
  let sum = 0;
  for (let i = 4; i < 4 + l; i++) sum += m[i] ?? 0;
  if ((sum & 0xff) !== m[4 + l] || m[5 + l] !== 0x16)
    return failure(id, DecodeErrorCode.CHECKSUM_MISMATCH, 'M-Bus checksum or stop byte does not match', {
      offset: 2 + 4 + l,
    });
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
  return failure(id, DecodeErrorCode.UNSUPPORTED_RECORD, `M-Bus CI ${ci.toString(16)}h is not supported`, {
    offset: 2 + 6,
  });
}

interface WiredFrameFields {
  /** C field, default 08h (RSP_UD). */
  cField?: number;
  primaryAddress: number;
}

/** EN 1434-3 fixed data structure, as the decoder reports it. */
export interface AcriosFixedPayload extends WiredFrameFields {
  kind: 'fixed';
  /** 73h (default) or 77h. */
  ci?: 0x73 | 0x77;
  /** Identification number, 0 … 99999999 (BCD). */
  meterNumber: number;
  accessNumber: number;
  /** Status byte: bit 0 counters binary (else BCD), 1 counter 1 at fixed date, 2 power low, 3/4 errors. */
  status: number;
  /** Medium, 4 bits (two in each unit byte). */
  medium: number;
  registerMl: number;
  /** Counter 1 step in mL: 1, 10, … 10^8. */
  counter1UnitMl: number;
  billingDateRegisterMl: number;
  /** Counter 2 step in mL, or the same unit as counter 1 (3Eh). */
  counter2UnitMl: number | 'same';
}

/** Variable data (EN 13757-3) behind the 12-byte header, as the decoder reports it. */
export interface AcriosVariablePayload extends WiredFrameFields {
  kind: 'variable';
  /** 72h (default) or 76h. */
  ci?: 0x72 | 0x76;
  id: string;
  manufacturer: string;
  version: number;
  deviceType: number;
  accessNumber: number;
  status: number;
  reading: OmsReadingInput;
}

function unitCode(ml: number): number {
  const k = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8].indexOf(ml);
  if (k < 0) throw new RangeError(`${ml} mL is not a fixed-structure volume unit`);
  return 0x26 + k;
}

function counterBytes(ml: number, unitMl: number, binary: boolean): number[] {
  const v = ml / unitMl;
  if (!Number.isSafeInteger(ml) || !Number.isInteger(v) || v < 0 || v > (binary ? 0xffffffff : 99_999_999))
    throw new RangeError(`${ml} mL is not a ${binary ? 'binary' : 'BCD'} counter of ${unitMl} mL steps`);
  return binary ? [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24] : bcdBytes(v, 4);
}

function bcdBytes(v: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0, x = v; i < n; i++, x = Math.floor(x / 100)) out.push(((Math.floor(x / 10) % 10) << 4) | (x % 10));
  return out;
}

function fixedUserData(p: AcriosFixedPayload): number[] {
  if (!Number.isInteger(p.meterNumber) || p.meterNumber < 0 || p.meterNumber > 99_999_999)
    throw new RangeError(`meter number ${p.meterNumber} is not 8 BCD digits`);
  const binary = (p.status & 0x01) !== 0;
  const unit2 = p.counter2UnitMl === 'same' ? p.counter1UnitMl : p.counter2UnitMl;
  return [
    ...bcdBytes(p.meterNumber, 4),
    p.accessNumber & 0xff,
    p.status & 0xff,
    unitCode(p.counter1UnitMl) | ((p.medium & 0x03) << 6),
    (p.counter2UnitMl === 'same' ? 0x3e : unitCode(p.counter2UnitMl)) | ((p.medium & 0x0c) << 4),
    ...counterBytes(p.registerMl, p.counter1UnitMl, binary),
    ...counterBytes(p.billingDateRegisterMl, unit2, binary),
  ];
}

/** Encoder for the simulator: fragment header 01 01 and one M-Bus long frame (68 L L 68 C A CI … CS 16). */
export function encodeAcrios(p: AcriosFixedPayload | AcriosVariablePayload): Uint8Array {
  const ci = p.ci ?? (p.kind === 'fixed' ? 0x73 : 0x72);
  const data =
    p.kind === 'fixed'
      ? fixedUserData(p)
      : [
          ...encodeTplHeader({
            ci: 0x72,
            id: p.id,
            manufacturer: p.manufacturer,
            version: p.version,
            deviceType: p.deviceType,
            accessNumber: p.accessNumber,
            status: p.status,
          }).slice(1),
          ...encodeReadingRecords(p.reading),
        ];
  const body = [(p.cField ?? 0x08) & 0xff, p.primaryAddress & 0xff, ci, ...data];
  if (body.length > 0xff) throw new RangeError('M-Bus long frame longer than its L field can say');
  const checksum = body.reduce((a, x) => (a + x) & 0xff, 0);
  return Uint8Array.from([0x01, 0x01, 0x68, body.length, body.length, 0x68, ...body, checksum, 0x16]);
}

export const acriosAcrCv101lDecoder: DecoderDefinition = {
  id: ACRIOS_ACR_CV_101L_ID,
  protocol: 'lora',
  description: 'Acrios ACR-CV-101L-M-x wired M-Bus to LoRaWAN converter (fixed and variable M-Bus data)',
  detect: { lora: [{ vendor: 'acrios', model: 'acr-cv-101l-m-x' }] },
  decode: decodeAcrios,
  references: [
    'EN 13757-2 (long frame), EN 13757-3 (variable data), EN 1434-3 (fixed data structure)',
    'TheThingsNetwork/lorawan-devices vendor/acrios/acr-cv-101l-m-x.js',
  ],
};
