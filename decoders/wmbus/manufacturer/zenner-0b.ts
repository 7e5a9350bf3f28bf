/**
 * Zenner water meters with version 0x0B, type 0x16 (ZRI): wmbusmeters driver `zenner0b`. The whole
 * payload after the 2F2F fill is the 0x0F DIF and this vendor block:
 *   [0..3]   status, u32 LE (0 = OK; other values are printed as STATUS_<hex>)
 *   [4..7]   consumption in the current month, u32 LE in 1/256,000 m3
 *   [8..11]  total register, u32 LE in 1/256,000 m3
 * One unit is 125/32 mL, so volumes are rounded half up to whole millilitres; the raw counts stay
 * in `meta`.
 */
import type { DecodeContext } from '../../core/types.js';
import { has, u32le } from './bytes.js';
import type { ManufacturerFormat, ManufacturerResult, WmbusAddress } from './types.js';
import { emptyValues, ok, truncated, unitsToMl } from './values.js';

/** 1/256,000 m3 = 1,000,000/256,000 mL = 125/32 mL. */
const ML_NUMERATOR = 125;
const ML_DENOMINATOR = 32;

function decodeDataBlock(_address: WmbusAddress, block: Uint8Array, _ctx: DecodeContext): ManufacturerResult {
  if (!has(block, 0, 12)) return truncated('zenner0b status and registers', 0, 12, block.length);
  const values = emptyValues();
  const status = u32le(block, 0);
  const monthRaw = u32le(block, 4);
  const totalRaw = u32le(block, 8);
  values.registerMl = unitsToMl(totalRaw, ML_NUMERATOR, ML_DENOMINATOR);
  values.statusBits = status;
  values.meta.rawTotal = totalRaw;
  values.meta.rawCurrentMonth = monthRaw;
  values.meta.currentMonthConsumptionMl = unitsToMl(monthRaw, ML_NUMERATOR, ML_DENOMINATOR);
  values.meta.status = status === 0 ? 'OK' : `STATUS_${status.toString(16).toUpperCase()}`;
  if (status !== 0) values.alarms.push({ kind: 'meter_error', detail: String(values.meta.status) });
  return ok(values);
}

export const zenner0b: ManufacturerFormat = {
  id: 'zenner-0b',
  description:
    'Zenner version 0x0B vendor block after DIF 0x0F: status, month consumption, total (wmbusmeters zenner0b)',
  references: ['wmbusmeters drivers/src/zenner0b.xmq'],
  detect: { ci: [], mvt: [{ m: 'ZRI', v: 0x0b, t: 0x16 }] },
  decodeDataBlock,
};
