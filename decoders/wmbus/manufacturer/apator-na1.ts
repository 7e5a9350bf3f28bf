/**
 * Apator NA-1 water meter frames on manufacturer CIs A0/A1 (APA, version 0x14, type 0x07):
 * wmbusmeters driver `apatorna1`.
 *
 * Body after the CI:
 *   0      access number (also the IV's repeated byte)
 *   1      frame status flags, plain (summer time, historical indication, ...)
 *   2..17  one AES-128-CBC block, IV = M(2) A(6) + 8 x access number (the OMS mode-5 IV), key from
 *          the context. Plain: 0x2F, packed total (4), meter time (4: seconds since 2000-01-01 local),
 *          historic age low, age high/delta bits, historic delta (3), current status, historic status
 * Packed total: reading = b4<<20 | b3<<12 | b2<<4 | (b1 & 0x0F), in units of 10^((b1>>4)&3) litres.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { DecodeContext } from '../../core/types.js';
import type { WallClock } from '../../core/local-time.js';
import { fromHex, has, manufacturerToCode, telegramWithHeader, u32le, u8, writeU32le } from './bytes.js';
import { dateText, secondsSince2000, wallClockFromSeconds2000, wallClockText, wallClockToIso } from './meter-time.js';
import type { ManufacturerFormat, ManufacturerFrame, ManufacturerResult, ManufacturerValues } from './types.js';
import { emptyValues, fail, litresToMl, ok, truncated } from './values.js';

const PLAIN_MARKER = 0x2f;

type AlarmKind = ManufacturerValues['alarms'][number]['kind'];

const FRAME_STATUS = [
  'SUMMER_TIME',
  'HISTORICAL_INDICATION',
  'MAX_SPEED_EXCEEDED',
  'DEVICE_ACCESS_ERROR',
  'TWO_WAY_COM_BLOCK',
  'INSTALL_FRAME',
  'WRONG_TEMPERATURE',
  'SERVICE_EVENT',
];

/** Current/historic status bits 0..7 with their wmbusmeters names and our alarm kinds. */
const METER_STATUS: ReadonlyArray<{ name: string; historicName: string; kind: AlarmKind }> = [
  { name: 'BATTERY_LOW', historicName: 'BATTERY_LIFETIME_THRESHOLD_EXCEEDED', kind: 'low_battery' },
  { name: 'MAGNETIC_FIELD', historicName: 'MAGNETIC_FIELD', kind: 'magnet' },
  { name: 'DEVICE_DISCONNECTED', historicName: 'DEVICE_DISCONNECTED', kind: 'removal' },
  { name: 'LEAK', historicName: 'LEAK', kind: 'leak' },
  { name: 'MEASUREMENT_UNCHANGED', historicName: 'MEASUREMENT_UNCHANGED', kind: 'meter_error' },
  { name: 'REVERSE_FLOW', historicName: 'REVERSE_FLOW', kind: 'backflow' },
  { name: 'MAXIMUM_FLOW', historicName: 'MAXIMUM_FLOW', kind: 'overflow' },
  { name: 'MINIMUM_FLOW', historicName: 'MINIMUM_FLOW', kind: 'leak' },
];

function flagText(bits: number, names: (i: number) => string): string {
  const set: string[] = [];
  for (let i = 0; i < 8; i++) if ((bits & (1 << i)) !== 0) set.push(names(i));
  return set.length === 0 ? 'OK' : set.sort().join(' ');
}

function ivOf(telegram: Uint8Array, acc: number): Buffer {
  const iv = Buffer.alloc(16, acc);
  iv.set(telegram.subarray(2, 10), 0);
  return iv;
}

function aesBlock(mode: 'encrypt' | 'decrypt', key: Uint8Array, iv: Buffer, block: Uint8Array): Uint8Array {
  const c = mode === 'encrypt' ? createCipheriv('aes-128-cbc', key, iv) : createDecipheriv('aes-128-cbc', key, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(block), c.final()]));
}

function decodeFrame(frame: ManufacturerFrame, ctx: DecodeContext): ManufacturerResult {
  const t = frame.telegram;
  if (!has(t, 0, 29)) return truncated('NA-1 encrypted block', 13, 16, t.length);
  if (ctx.key === undefined)
    return fail('DECODE_KEY_NEEDED', 'Apator NA-1 frames carry an AES-128 block; no key in context');
  const key = fromHex(ctx.key);
  if (key === undefined || key.length !== 16) {
    return fail('DECODE_WRONG_KEY', 'Apator NA-1 needs a 32-hex-digit AES-128 key', {
      details: { keyLength: ctx.key.length },
    });
  }
  const acc = u8(t, 11);
  const frameStatus = u8(t, 12);
  const p = aesBlock('decrypt', key, ivOf(t, acc), t.subarray(13, 29));
  if (u8(p, 0) !== PLAIN_MARKER) {
    return fail('DECODE_WRONG_KEY', 'decrypted NA-1 block does not start with 0x2F', {
      offset: 13,
      details: { firstByte: u8(p, 0) },
    });
  }
  const values = emptyValues();
  const multiplier = 10 ** ((u8(p, 1) >> 4) & 0x03);
  const reading = u8(p, 4) * 0x100000 + (u8(p, 3) << 12) + (u8(p, 2) << 4) + (u8(p, 1) & 0x0f);
  const totalLitres = reading * multiplier;
  values.registerMl = litresToMl(totalLitres);
  values.meta.packedReading = reading;
  values.meta.litresPerUnit = multiplier;

  const meterClock = wallClockFromSeconds2000(u32le(p, 5));
  values.meta.meterDateTime = wallClockText(meterClock);
  const meterIso = wallClockToIso(meterClock, ctx);
  if (meterIso === undefined) values.warnings.push('meter time cannot be placed in the meter time zone');
  else values.time = meterIso;

  const ageMeta = u8(p, 10);
  const ageHours = (ageMeta >> 2) * 256 + u8(p, 9);
  const deltaUnits = (u8(p, 13) << 18) + (u8(p, 12) << 10) + (u8(p, 11) << 2) + (ageMeta & 0x03);
  const historicLitres = totalLitres - deltaUnits * multiplier;
  values.meta.historicAgeH = ageHours;
  if (historicLitres < 0) {
    values.warnings.push(`historic delta ${deltaUnits * multiplier} L exceeds the total; historic value skipped`);
  } else {
    const historicClock = wallClockFromSeconds2000(u32le(p, 5) - ageHours * 3600);
    values.billingDateRegisterMl = litresToMl(historicLitres);
    values.billingDate = dateText(historicClock.year, historicClock.month, historicClock.day);
    values.meta.historicDateTime = wallClockText(historicClock);
    const historicIso = wallClockToIso(historicClock, ctx);
    if (historicIso !== undefined)
      values.history.push({ time: historicIso, registerMl: values.billingDateRegisterMl, kind: 'billing_date' });
  }

  const current = u8(p, 14);
  const historic = u8(p, 15);
  values.statusBits = current | (historic << 8) | (frameStatus << 16);
  METER_STATUS.forEach((s, i) => {
    if ((current & (1 << i)) !== 0) values.alarms.push({ kind: s.kind, detail: s.name, historic: false });
    if ((historic & (1 << i)) !== 0) values.alarms.push({ kind: s.kind, detail: s.historicName, historic: true });
  });
  values.meta.frameStatus = flagText(frameStatus, (i) => FRAME_STATUS[i] ?? `BIT${i}`);
  values.meta.currentStatus = flagText(current, (i) => METER_STATUS[i]?.name ?? `BIT${i}`);
  values.meta.historicStatus = flagText(historic, (i) => METER_STATUS[i]?.historicName ?? `BIT${i}`);
  return ok(values);
}

export const apatorNa1: ManufacturerFormat = {
  id: 'apator-na1',
  description: 'Apator NA-1 frames on CI A0/A1 with one AES-128-CBC block (wmbusmeters apatorna1)',
  references: ['wmbusmeters drivers/src/apatorna1.xmq, src/driver_apatorna1.cc'],
  detect: { ci: [0xa0, 0xa1], mvt: [{ m: 'APA', v: 0x14, t: 0x07 }] },
  decodeFrame,
};

/** What a simulated NA-1 meter sends. */
export interface ApatorNa1Input {
  /** 8 hex digits as printed. */
  id: string;
  ci: 0xa0 | 0xa1;
  accessNumber: number;
  frameStatus: number;
  /** 28-bit reading and its unit exponent (unit = 10^exponent litres). */
  reading: number;
  exponent: number;
  meterClock: WallClock;
  historicAgeHours: number;
  /** Historic delta in units (26 bits). */
  historicDeltaUnits: number;
  currentStatus: number;
  historicStatus: number;
  keyHex: string;
}

/** Build an NA-1 telegram (no block CRCs), encrypting the block as the meter does. */
export function encodeApatorNa1(input: ApatorNa1Input): Uint8Array {
  const t = telegramWithHeader(29, {
    manufacturerCode: manufacturerToCode('APA'),
    id: input.id,
    version: 0x14,
    deviceType: 0x07,
    ci: input.ci,
  });
  t[11] = input.accessNumber & 0xff;
  t[12] = input.frameStatus & 0xff;
  const p = new Uint8Array(16);
  p[0] = PLAIN_MARKER;
  p[1] = (input.reading & 0x0f) | ((input.exponent & 0x03) << 4);
  p[2] = (input.reading >> 4) & 0xff;
  p[3] = (input.reading >> 12) & 0xff;
  p[4] = Math.floor(input.reading / 0x100000) & 0xff;
  writeU32le(p, 5, secondsSince2000(input.meterClock));
  const delta = input.historicDeltaUnits;
  p[9] = input.historicAgeHours & 0xff;
  p[10] = (((input.historicAgeHours >> 8) & 0x3f) << 2) | (delta & 0x03);
  p[11] = (delta >> 2) & 0xff;
  p[12] = (delta >> 10) & 0xff;
  p[13] = (delta >> 18) & 0xff;
  p[14] = input.currentStatus & 0xff;
  p[15] = input.historicStatus & 0xff;
  const key = fromHex(input.keyHex) ?? new Uint8Array(16);
  t.set(aesBlock('encrypt', key, ivOf(t, t[11] ?? 0), p), 13);
  return t;
}
