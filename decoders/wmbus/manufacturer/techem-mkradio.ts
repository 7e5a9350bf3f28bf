/**
 * Techem radio modules on manufacturer CI A2 (TCH): wmbusmeters drivers `mkradio3` (version 0x74),
 * `mkradio3a` (0x50) and `mkradio4` (0x95, 0x70); device types 0x62 (warm) and 0x72 (cold water).
 * Volumes are counted in 0.1 m3 (100,000 mL) units. Body after the CI:
 *
 * mkradio3:  [0] ?, [1..2] previous billing date (day 5 bits, month 4, year-2000 7), [3..4] volume at
 *            that date, [5..6] current date (bits 4-8 day, 9-12 month; the year follows from the
 *            previous date), [7..8] volume since the billing date; total = both volumes.
 * mkradio3a: [0..1] ?, [2..3] current date (as mkradio3's previous date), [4..6] total (24 bits),
 *            then 12 x (1 byte ?, 1 word of two half-month consumptions), [43] ?. Month k back from
 *            the current month used lo_k + hi_k when the day is past the 15th, else hi_(k-1) + lo_k.
 * mkradio4:  [0..2] ?, [3..4] volume at the billing date, [5..6] ?, [7..8] volume since; total = both.
 */
import type { DecodeContext } from '../../core/types.js';
import { has, manufacturerToCode, telegramWithHeader, u16le, u24le, u8, writeU16le, writeU24le } from './bytes.js';
import { dateText, endOfLocalDayIso } from './meter-time.js';
import type { ManufacturerFormat, ManufacturerFrame, ManufacturerResult, ManufacturerValues } from './types.js';
import { emptyValues, fail, ok, truncated } from './values.js';

/** One volume unit (0.1 m3) in millilitres. */
export const MKRADIO_UNIT_ML = 100_000;

export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

/** Day 5 bits, month 4 bits, year-2000 in the top 7 bits (mkradio3 previous date, mkradio3a date). */
export function decodeTechemDate(raw: number): YearMonthDay {
  return { year: 2000 + (raw >> 9), month: (raw >> 5) & 0x0f, day: raw & 0x1f };
}

export function encodeTechemDate(d: YearMonthDay): number {
  return (((d.year - 2000) & 0x7f) << 9) | ((d.month & 0x0f) << 5) | (d.day & 0x1f);
}

/** The mkradio3 current date: no year on the wire, it is the previous date's year unless the day rolled over. */
export function mkradio3CurrentDate(prev: YearMonthDay, raw: number): YearMonthDay {
  const day = (raw >> 4) & 0x1f;
  const month = (raw >> 9) & 0x0f;
  const rolled = month < prev.month || (month === prev.month && day <= prev.day);
  return { year: prev.year + (rolled ? 1 : 0), month, day };
}

function textOf(d: YearMonthDay): string | undefined {
  return dateText(d.year, d.month, d.day);
}

function billingAt(values: ManufacturerValues, date: YearMonthDay, registerMl: number, ctx: DecodeContext): void {
  values.billingDateRegisterMl = registerMl;
  const text = textOf(date);
  const time = endOfLocalDayIso(date.year, date.month, date.day, ctx);
  if (text === undefined || time === undefined) {
    values.warnings.push(`billing date ${date.year}-${date.month}-${date.day} does not exist`);
    return;
  }
  values.billingDate = text;
  values.history.push({ time, registerMl, kind: 'billing_date' });
}

function decodeMkradio3(body: Uint8Array, ctx: DecodeContext): ManufacturerResult {
  if (!has(body, 0, 9)) return truncated('mkradio3 volumes', 0, 9, body.length);
  const values = emptyValues();
  const prevDate = decodeTechemDate(u16le(body, 1));
  const prevUnits = u16le(body, 3);
  const currDate = mkradio3CurrentDate(prevDate, u16le(body, 5));
  const currUnits = u16le(body, 7);
  values.registerMl = (prevUnits + currUnits) * MKRADIO_UNIT_ML;
  billingAt(values, prevDate, prevUnits * MKRADIO_UNIT_ML, ctx);
  values.meta.variant = 'mkradio3';
  values.meta.currentDate = textOf(currDate) ?? null;
  values.meta.sinceBillingMl = currUnits * MKRADIO_UNIT_ML;
  return ok(values);
}

const MKRADIO3A_LENGTH = 44;

function decodeMkradio3a(body: Uint8Array): ManufacturerResult {
  if (!has(body, 0, MKRADIO3A_LENGTH)) return truncated('mkradio3a history', 0, MKRADIO3A_LENGTH, body.length);
  const values = emptyValues();
  const date = decodeTechemDate(u16le(body, 2));
  values.registerMl = u24le(body, 4) * MKRADIO_UNIT_ML;
  values.meta.variant = 'mkradio3a';
  values.meta.currentDate = textOf(date) ?? null;
  const lo = (k: number): number => u8(body, 8 + 3 * k);
  const hi = (k: number): number => u8(body, 9 + 3 * k);
  const early = date.day <= 15;
  for (let k = 0; k < 12; k++) {
    const units = early ? (k === 0 ? lo(0) : hi(k - 1) + lo(k)) : lo(k) + hi(k);
    const monthIndex = date.year * 12 + (date.month - 1) - k;
    const label = `${Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, '0')}`;
    values.meta[`monthConsumptionMl.${label}`] = units * MKRADIO_UNIT_ML;
    // The consumption of the current month so far (wmbusmeters "target", which is not a register).
    if (k === 0) values.meta.currentMonthConsumptionMl = units * MKRADIO_UNIT_ML;
  }
  return ok(values);
}

function decodeMkradio4(body: Uint8Array): ManufacturerResult {
  if (!has(body, 0, 9)) return truncated('mkradio4 volumes', 0, 9, body.length);
  const values = emptyValues();
  const prevUnits = u16le(body, 3);
  const currUnits = u16le(body, 7);
  values.registerMl = (prevUnits + currUnits) * MKRADIO_UNIT_ML;
  values.billingDateRegisterMl = prevUnits * MKRADIO_UNIT_ML;
  values.meta.variant = 'mkradio4';
  values.meta.sinceBillingMl = currUnits * MKRADIO_UNIT_ML;
  return ok(values);
}

function decodeFrame(frame: ManufacturerFrame, ctx: DecodeContext): ManufacturerResult {
  switch (frame.address.version) {
    case 0x74:
      return decodeMkradio3(frame.body, ctx);
    case 0x50:
      return decodeMkradio3a(frame.body);
    case 0x95:
    case 0x70:
      return decodeMkradio4(frame.body);
    default:
      return fail(
        'DECODE_UNKNOWN_FORMAT',
        `Techem CI A2 version 0x${frame.address.version.toString(16)} is not an mkradio layout`,
      );
  }
}

const types = [0x62, 0x72];

export const techemMkradio: ManufacturerFormat = {
  id: 'techem-mkradio',
  description: 'Techem MK Radio 3 / 3a / 4 water modules on CI A2 (wmbusmeters mkradio3, mkradio3a, mkradio4)',
  references: ['wmbusmeters drivers/src/mkradio3.xmq, mkradio3a.xmq, mkradio4.xmq'],
  detect: {
    ci: [0xa2],
    mvt: [0x74, 0x95, 0x70]
      .flatMap((v) => types.map((t) => ({ m: 'TCH', v, t })))
      .concat([{ m: 'TCH', v: 0x50, t: 0x72 }]),
  },
  decodeFrame,
};

function techemHeader(length: number, id: string, version: number, deviceType: number): Uint8Array {
  return telegramWithHeader(length, { manufacturerCode: manufacturerToCode('TCH'), id, version, deviceType, ci: 0xa2 });
}

export interface Mkradio3Input {
  id: string;
  deviceType: number;
  prevDate: YearMonthDay;
  prevUnits: number;
  currMonth: number;
  currDay: number;
  currUnits: number;
}

/** An mkradio3 telegram (no block CRCs); bytes the driver does not decode are zero. */
export function encodeMkradio3(input: Mkradio3Input): Uint8Array {
  const t = techemHeader(11 + 36, input.id, 0x74, input.deviceType);
  writeU16le(t, 12, encodeTechemDate(input.prevDate));
  writeU16le(t, 14, input.prevUnits);
  writeU16le(t, 16, ((input.currMonth & 0x0f) << 9) | ((input.currDay & 0x1f) << 4));
  writeU16le(t, 18, input.currUnits);
  return t;
}

export interface Mkradio3aInput {
  id: string;
  date: YearMonthDay;
  totalUnits: number;
  /** 12 words of two half-month consumptions (lo byte, hi byte). */
  history: number[];
}

export function encodeMkradio3a(input: Mkradio3aInput): Uint8Array {
  const t = techemHeader(11 + MKRADIO3A_LENGTH, input.id, 0x50, 0x72);
  writeU16le(t, 13, encodeTechemDate(input.date));
  writeU24le(t, 15, input.totalUnits);
  for (let k = 0; k < 12; k++) writeU16le(t, 19 + 3 * k, input.history[k] ?? 0);
  return t;
}

export interface Mkradio4Input {
  id: string;
  version: 0x95 | 0x70;
  deviceType: number;
  prevUnits: number;
  currUnits: number;
}

export function encodeMkradio4(input: Mkradio4Input): Uint8Array {
  const t = techemHeader(11 + 36, input.id, input.version, input.deviceType);
  writeU16le(t, 14, input.prevUnits);
  writeU16le(t, 18, input.currUnits);
  return t;
}
