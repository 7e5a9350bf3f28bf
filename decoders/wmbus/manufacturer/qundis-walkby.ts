/**
 * Qundis Q water 5.5 walk-by telegrams (QDS, CI 0x78): wmbusmeters drivers `qwater` and `qwaterv2`.
 * The values sit in one manufacturer-specific record 0D FF 5F (variable length, usually 0x35 bytes):
 *   [0..8]   header bytes (not decoded)
 *   [9]      0x13: volumes below are litres
 *   [10..11] error date (type G; FFFF = none)
 *   [12..15] total register, 8 BCD digits of litres
 *   [16..17] yearly due date (type G), [18..21] register at that date (BCD litres)
 *   [22..23] monthly due date (type G), [24..27] register at that date (BCD litres): the
 *            billing-date register
 *   [28..]   recent consumption history (not decoded)
 * Type G dates (EN 13757-3 Annex A): day in bits 0-4, month in bits 8-11, year-2000 split over
 * bits 5-7 and 12-15.
 */
import type { DecodeContext } from '../../core/types.js';
import { bcdLe, has, toHex, u8 } from './bytes.js';
import { dateText, endOfLocalDayIso } from './meter-time.js';
import type {
  ManufacturerFormat,
  ManufacturerResult,
  ManufacturerValues,
  VendorRecord,
  WmbusAddress,
} from './types.js';
import { emptyValues, fail, litresToMl, ok, truncated } from './values.js';

export const QUNDIS_WALKBY_RECORD = '0DFF5F';
const LITRES_VIF = 0x13;
const LENGTH = 28;

function typeG(data: Uint8Array, offset: number): { year: number; month: number; day: number } | undefined {
  const b0 = u8(data, offset);
  const b1 = u8(data, offset + 1);
  if (b0 === 0xff && b1 === 0xff) return undefined;
  const d = { year: 2000 + (((b0 & 0xe0) >> 5) | ((b1 & 0xf0) >> 1)), month: b1 & 0x0f, day: b0 & 0x1f };
  return dateText(d.year, d.month, d.day) === undefined ? undefined : d;
}

function dated(
  values: ManufacturerValues,
  data: Uint8Array,
  dateOffset: number,
  kind: 'billing_date' | 'monthly',
  ctx: DecodeContext,
): { date: string; registerMl: number } | undefined {
  const d = typeG(data, dateOffset);
  const litres = bcdLe(data, dateOffset + 2, 4);
  if (d === undefined) return undefined;
  if (litres === undefined) {
    values.warnings.push(`register at offset ${dateOffset + 2} is not BCD`);
    return undefined;
  }
  const registerMl = litresToMl(litres);
  const time = endOfLocalDayIso(d.year, d.month, d.day, ctx);
  if (time !== undefined) values.history.push({ time, registerMl, kind });
  return { date: dateText(d.year, d.month, d.day) ?? '', registerMl };
}

function decodeVendorRecord(_address: WmbusAddress, record: VendorRecord, ctx: DecodeContext): ManufacturerResult {
  if (record.key.toUpperCase() !== QUNDIS_WALKBY_RECORD) {
    return fail('DECODE_UNSUPPORTED_RECORD', `Qundis record ${record.key} is not the walk-by block`);
  }
  const data = record.data;
  if (!has(data, 0, LENGTH)) return truncated('Qundis walk-by block', 0, LENGTH, data.length);
  if (u8(data, 9) !== LITRES_VIF) {
    return fail('DECODE_UNSUPPORTED_RECORD', 'Qundis walk-by block does not announce litres (0x13)', {
      offset: 9,
      details: { unit: u8(data, 9) },
    });
  }
  const total = bcdLe(data, 12, 4);
  if (total === undefined) return fail('DECODE_VALUE_OUT_OF_RANGE', 'Qundis total register is not BCD', { offset: 12 });
  const values = emptyValues();
  values.registerMl = litresToMl(total);
  // The billing-date register is the month-end value, as for these meters' standard telegrams
  // (vendor profile qundis-qwater, storage 17) and wmbusmeters' "target"; the year-end value stays
  // in meta and history.
  const yearly = dated(values, data, 16, 'billing_date', ctx);
  values.meta.yearDueDate = yearly?.date ?? null;
  values.meta.yearDueRegisterMl = yearly?.registerMl ?? null;
  const monthly = dated(values, data, 22, 'monthly', ctx);
  values.meta.monthDueDate = monthly?.date ?? null;
  values.meta.monthDueRegisterMl = monthly?.registerMl ?? null;
  if (monthly !== undefined) {
    values.billingDateRegisterMl = monthly.registerMl;
    values.billingDate = monthly.date;
  }
  const error = typeG(data, 10);
  const errorDate = error === undefined ? undefined : dateText(error.year, error.month, error.day);
  values.meta.errorDate = errorDate ?? null;
  if (errorDate !== undefined) values.alarms.push({ kind: 'meter_error', detail: `error since ${errorDate}` });
  values.meta.header = toHex(data.subarray(0, 9));
  return ok(values);
}

const versionsAndTypes: Array<[number, number]> = [
  [0x33, 0x37],
  [0x35, 0x37],
  [0x16, 0x06],
  [0x16, 0x07],
  [0x17, 0x06],
  [0x17, 0x07],
  [0x18, 0x06],
  [0x18, 0x07],
  [0x19, 0x07],
  [0x1a, 0x06],
  [0x1a, 0x07],
  [0x1d, 0x06],
  [0x1d, 0x07],
  [0x36, 0x06],
  [0x36, 0x07],
];

export const qundisWalkby: ManufacturerFormat = {
  id: 'qundis-walkby',
  description:
    'Qundis Q water walk-by block in record 0D FF 5F: total, yearly and monthly due values (wmbusmeters qwater, qwaterv2)',
  references: ['wmbusmeters drivers/src/qwaterv2.xmq (grammar), src/driver_qwater.cc'],
  detect: {
    ci: [],
    mvt: versionsAndTypes.map(([v, t]) => ({ m: 'QDS', v, t })),
    vendorRecords: [QUNDIS_WALKBY_RECORD],
  },
  decodeVendorRecord,
};
