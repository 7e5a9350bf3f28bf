/**
 * Diehl IZAR / PRIOS radio frames (manufacturer CIs A0..A7 from Diehl brands DME, HYD, SAP, SPL,
 * EWT): wmbusmeters drivers `izar` (C++) and `izarv2`.
 *
 * Layout after the CI (telegram offsets):
 *   11..13  status, 24 bits LE: bits 0-3 transmit period exponent (period = 2^(n+2) s), bit 7 general
 *           alarm; bits 8-12 remaining battery life in half years, 13 meter blocked, 14 leakage
 *           before, 15 leakage now; bits 16-23 previous mechanical fraud, mechanical fraud,
 *           previous sensor fraud, sensor fraud, submarine, overflow, underflow, back flow
 *   14      header byte (not scrambled, not decoded)
 *   15..    LFSR-scrambled: 0x4B check byte, total volume u32 LE in litres, then optionally the
 *           last billing register u32 LE litres and its date (2 bytes, day / month / 7-bit year)
 *
 * SAP meters keep the standard address and code a printed prefix and serial number in it; the
 * other brands send version and type before the id (Diehl "address swapping").
 */
import type { DecodeContext } from '../../core/types.js';
import { has, manufacturerToCode, u32le, u8, writeU16le, writeU32le } from './bytes.js';
import {
  candidateKeys,
  DIEHL_MANUFACTURERS,
  lfsrFirstByte,
  lfsrSeed,
  lfsrXor,
  priosKeyFromHex,
  PRIOS_DEFAULT_KEYS,
  SCRAMBLED_OFFSET,
  swappedAddress,
} from './diehl-lfsr.js';
import { dateText, endOfLocalDayIso } from './meter-time.js';
import type { ManufacturerFormat, ManufacturerFrame, ManufacturerResult, ManufacturerValues } from './types.js';
import { emptyValues, fail, litresToMl, ok, truncated } from './values.js';

const CHECK_BYTE = 0x4b;

type AlarmKind = ManufacturerValues['alarms'][number]['kind'];

/** Status bits (24-bit status word) with the names wmbusmeters izarv2 prints. */
const STATUS_FLAGS: ReadonlyArray<{ bit: number; name: string; kind: AlarmKind; historic: boolean }> = [
  { bit: 0x000080, name: 'GENERAL_ALARM', kind: 'meter_error', historic: false },
  { bit: 0x008000, name: 'LEAKAGE', kind: 'leak', historic: false },
  { bit: 0x004000, name: 'PREV_LEAKAGE', kind: 'leak', historic: true },
  { bit: 0x002000, name: 'METER_BLOCKED', kind: 'meter_error', historic: false },
  { bit: 0x800000, name: 'BACK_FLOW', kind: 'backflow', historic: false },
  { bit: 0x400000, name: 'UNDERFLOW', kind: 'meter_error', historic: false },
  { bit: 0x200000, name: 'OVERFLOW', kind: 'overflow', historic: false },
  { bit: 0x100000, name: 'SUBMARINE', kind: 'meter_error', historic: false },
  { bit: 0x080000, name: 'SENSOR_FRAUD', kind: 'tamper', historic: false },
  { bit: 0x040000, name: 'PREV_SENSOR_FRAUD', kind: 'tamper', historic: true },
  { bit: 0x020000, name: 'MECHANICAL_FRAUD', kind: 'tamper', historic: false },
  { bit: 0x010000, name: 'PREV_MECHANICAL_FRAUD', kind: 'tamper', historic: true },
];

/** The printed prefix, serial and manufacture year coded in a SAP PRIOS address. */
function sapIdentity(t: Uint8Array): { prefix: string; serialNumber: string; manufactureYear: number } {
  const digits = String(((u8(t, 7) & 0x03) << 24) | (u8(t, 6) << 16) | (u8(t, 5) << 8) | u8(t, 4)).padStart(8, '0');
  const yy = Number(digits.slice(0, 2));
  const letter = (n: number): string => String.fromCharCode(64 + n);
  const supplier = letter(((u8(t, 9) & 0x0f) << 1) | (u8(t, 8) >> 7));
  const meterType = letter((u8(t, 8) & 0x7c) >> 2);
  const diameter = letter(((u8(t, 8) & 0x03) << 3) | (u8(t, 7) >> 5));
  return {
    prefix: `${supplier}${String(yy).padStart(2, '0')}${meterType}${diameter}`,
    serialNumber: digits.slice(2),
    manufactureYear: yy > 70 ? 1900 + yy : 2000 + yy,
  };
}

/** The billing date of two descrambled bytes: day, month and a 7-bit year (> 80 means 19xx). */
function billingDate(b0: number, b1: number): { year: number; month: number; day: number } {
  const offset = ((b1 & 0xf0) >> 1) + ((b0 & 0xe0) >> 5);
  return { year: offset > 80 ? 1900 + offset : 2000 + offset, month: b1 & 0x0f, day: b0 & 0x1f };
}

function decodeFrame(frame: ManufacturerFrame, ctx: DecodeContext): ManufacturerResult {
  const t = frame.telegram;
  if (!has(t, 0, SCRAMBLED_OFFSET + 1)) return truncated('PRIOS check byte', SCRAMBLED_OFFSET, 1, t.length);
  const values = emptyValues();
  if (ctx.key !== undefined && priosKeyFromHex(ctx.key) === undefined) {
    values.warnings.push('context key is not a 16-hex-digit PRIOS key; trying the default keys only');
  }
  const first = u8(t, SCRAMBLED_OFFSET);
  const match = candidateKeys(ctx.key).find((k) => lfsrFirstByte(lfsrSeed(k.key, t), first) === CHECK_BYTE);
  if (match === undefined) {
    const code = ctx.key === undefined ? 'DECODE_KEY_NEEDED' : 'DECODE_WRONG_KEY';
    return fail(code, 'no PRIOS key descrambles the frame to its 0x4B check byte', {
      offset: SCRAMBLED_OFFSET,
      details: { keysTried: candidateKeys(ctx.key).length },
    });
  }
  const plain = lfsrXor(lfsrSeed(match.key, t), t.subarray(SCRAMBLED_OFFSET));
  if (plain.length < 5) return truncated('PRIOS total volume', SCRAMBLED_OFFSET + 1, 4, t.length);

  values.registerMl = litresToMl(u32le(plain, 1));
  if (plain.length >= 9) values.billingDateRegisterMl = litresToMl(u32le(plain, 5));
  if (plain.length >= 11) {
    const d = billingDate(u8(plain, 9), u8(plain, 10));
    const text = dateText(d.year, d.month, d.day);
    const time = endOfLocalDayIso(d.year, d.month, d.day, ctx);
    if (text === undefined || time === undefined) {
      values.warnings.push(
        `billing date ${d.year}-${d.month}-${d.day} does not exist; billing register kept without date`,
      );
    } else {
      values.billingDate = text;
      if (values.billingDateRegisterMl !== undefined) {
        values.history.push({ time, registerMl: values.billingDateRegisterMl, kind: 'billing_date' });
      }
    }
  }

  const status = u8(t, 11) | (u8(t, 12) << 8) | (u8(t, 13) << 16);
  values.statusBits = status;
  const names: string[] = [];
  for (const f of STATUS_FLAGS) {
    if ((status & f.bit) === 0) continue;
    names.push(f.name);
    values.alarms.push({ kind: f.kind, detail: f.name, historic: f.historic });
  }
  values.meta.status = names.length === 0 ? 'OK' : names.sort().join(' ');
  values.meta.transmitPeriodS = 2 ** ((status & 0x0f) + 2);
  values.meta.remainingBatteryLifeY = ((status >> 8) & 0x1f) / 2;
  values.meta.keySource = match.source;

  if (frame.address.manufacturer === 'SAP') {
    const sap = sapIdentity(t);
    values.meta.interpretation = 'SAP_PRIOS';
    values.meta.prefix = sap.prefix;
    values.meta.serialNumber = sap.serialNumber;
    values.meta.manufactureYear = sap.manufactureYear;
  } else {
    const a = swappedAddress(t);
    values.meta.interpretation = 'PRIOS';
    values.meta.version = a.version;
    values.meta.deviceType = a.deviceType;
    values.meterId = a.id;
  }
  return ok(values);
}

export const diehlPrios: ManufacturerFormat = {
  id: 'diehl-prios',
  description: 'Diehl IZAR/PRIOS frames on manufacturer CIs A0..A7, LFSR-scrambled (wmbusmeters izar, izarv2)',
  references: [
    'wmbusmeters src/driver_izar.cc, drivers/src/izarv2.xmq',
    'wmbusmeters src/manufacturer_specificities.cc (LFSR, default PRIOS keys, address swapping)',
  ],
  detect: {
    ci: [0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7],
    mvt: DIEHL_MANUFACTURERS.map((m) => ({ m })),
  },
  decodeFrame,
};

/** What a simulated PRIOS meter sends. */
export interface PriosFrameInput {
  manufacturer: string;
  /** The 6 A-field bytes as on the wire (SAP: id LE + 2 bytes; others: version, type, id LE). */
  addressWire: Uint8Array;
  /** 0xA0..0xA7 */
  ci: number;
  /** The 24-bit status word (see the layout above). */
  status: number;
  /** The unscrambled header byte at offset 14. */
  headerByte: number;
  totalLitres: number;
  billing?: { litres: number; year: number; month: number; day: number };
  /** 16 hex digits; the first default key when absent. */
  keyHex?: string;
  cField?: number;
}

/** Build a PRIOS telegram (no block CRCs) the way a meter scrambles it. */
export function encodePriosFrame(input: PriosFrameInput): Uint8Array {
  const plainLength = input.billing === undefined ? 5 : 11;
  const t = new Uint8Array(SCRAMBLED_OFFSET + plainLength);
  t[0] = t.length - 1;
  t[1] = input.cField ?? 0x44;
  writeU16le(t, 2, manufacturerToCode(input.manufacturer));
  t.set(input.addressWire.subarray(0, 6), 4);
  t[10] = input.ci;
  t[11] = input.status & 0xff;
  t[12] = (input.status >> 8) & 0xff;
  t[13] = (input.status >> 16) & 0xff;
  t[14] = input.headerByte & 0xff;
  const plain = new Uint8Array(plainLength);
  plain[0] = CHECK_BYTE;
  writeU32le(plain, 1, input.totalLitres);
  if (input.billing !== undefined) {
    const b = input.billing;
    const offset = b.year >= 2000 ? b.year - 2000 : b.year - 1900;
    writeU32le(plain, 5, b.litres);
    plain[9] = (b.day & 0x1f) | ((offset & 0x07) << 5);
    plain[10] = (b.month & 0x0f) | (((offset >> 3) & 0x0f) << 4);
  }
  const key = priosKeyFromHex(input.keyHex ?? PRIOS_DEFAULT_KEYS[0] ?? '') ?? 0;
  t.set(lfsrXor(lfsrSeed(key, t), plain), SCRAMBLED_OFFSET);
  return t;
}
