/**
 * BMeters HydroDigit (BMT, versions 0x13/0x15/0x17, types 0x06/0x07): the vendor block after the
 * 0x0F DIF of its OMS payload. wmbusmeters driver `hydrodigit`. The register and meter time are
 * standard records; this block adds:
 *   [0]  contents flags: 0x01 battery, 0x02 fraud, 0x80 leak date, 0x04 backflow, 0x10 monthly data
 *   then, in this order and only when flagged:
 *   battery   1 byte, low nibble codes the voltage (table below)
 *   fraud     1 byte type (0x80 magnetic, 0x40 sensor, 0x20 module removed), 3 bytes date (YY BCD,
 *             month in the low nibble, DD BCD)
 *   leak      3 bytes date (YY MM DD, BCD)
 *   backflow  u32 LE litres
 *   monthly   12 x u24 LE month-end registers, January first, in 10-litre units; values of
 *             10,000,000 and more (FFFFFF) mean the module was not yet active
 *
 * The block carries no year for the month ends: each is placed at the latest end of that month
 * before the context's receive time.
 */
import type { DecodeContext } from '../../core/types.js';
import { bcdByte, has, u24le, u32le, u8 } from './bytes.js';
import { dateText, endOfLocalDayIso } from './meter-time.js';
import type { ManufacturerFormat, ManufacturerResult, ManufacturerValues, WmbusAddress } from './types.js';
import { emptyValues, litresToMl, ok, truncated } from './values.js';

const CONTENTS: ReadonlyArray<{ bit: number; name: string }> = [
  { bit: 0x01, name: 'BATTERY_VOLTAGE' },
  { bit: 0x02, name: 'FRAUD_DATE' },
  { bit: 0x80, name: 'LEAK_DATE' },
  { bit: 0x04, name: 'BACKFLOW' },
  { bit: 0x10, name: 'MONTHLY_DATA' },
];

/** Battery voltage by the low nibble of the battery byte; 0, 14 and 15 read 3.7 V. */
const VOLTAGE_BY_NIBBLE = [3.7, 1.9, 2.1, 2.2, 2.3, 2.4, 2.5, 2.65, 2.8, 2.9, 3.05, 3.2, 3.35, 3.5, 3.7, 3.7];

const MONTH_UNIT_LITRES = 10;
const MONTH_NOT_ACTIVE = 10_000_000;

type AlarmKind = ManufacturerValues['alarms'][number]['kind'];
const FRAUD_TYPES: ReadonlyArray<{ bit: number; name: string; kind: AlarmKind }> = [
  { bit: 0x80, name: 'MAGNETIC_FRAUD_ATTEMPT', kind: 'magnet' },
  { bit: 0x40, name: 'SENSOR_FRAUD_ATTEMPT', kind: 'tamper' },
  { bit: 0x20, name: 'MODULE_REMOVED', kind: 'removal' },
];

/** The year of the latest end of `month` strictly before the receive time. */
function yearOfLastMonthEnd(month: number, receivedAt: string): number | undefined {
  const received = Date.parse(receivedAt);
  if (Number.isNaN(received)) return undefined;
  const now = new Date(received);
  const year = now.getUTCFullYear();
  const endThisYear = Date.UTC(year, month, 1);
  return endThisYear <= received ? year : year - 1;
}

function decodeDataBlock(_address: WmbusAddress, block: Uint8Array, ctx: DecodeContext): ManufacturerResult {
  if (!has(block, 0, 1)) return truncated('hydrodigit contents byte', 0, 1, block.length);
  const values = emptyValues();
  const contents = u8(block, 0);
  values.meta.contents = CONTENTS.filter((c) => (contents & c.bit) !== 0)
    .map((c) => c.name)
    .sort()
    .join(' ');
  let i = 1;
  const need = (what: string, n: number): ManufacturerResult | undefined =>
    has(block, i, n) ? undefined : truncated(what, i, n, block.length);

  if ((contents & 0x01) !== 0) {
    const short = need('hydrodigit battery byte', 1);
    if (short) return short;
    values.batteryV = VOLTAGE_BY_NIBBLE[u8(block, i) & 0x0f] ?? 3.7;
    i += 1;
  }
  if ((contents & 0x02) !== 0) {
    const short = need('hydrodigit fraud type and date', 4);
    if (short) return short;
    const type = u8(block, i);
    const yy = bcdByte(u8(block, i + 1));
    const dd = bcdByte(u8(block, i + 3));
    const date = yy === undefined || dd === undefined ? undefined : dateText(2000 + yy, u8(block, i + 2) & 0x0f, dd);
    values.meta.fraudDate = date ?? null;
    const names = FRAUD_TYPES.filter((f) => (type & f.bit) !== 0);
    values.meta.fraudType = names.length === 0 ? 'NO_TYPE_INFO' : names.map((f) => f.name).join(' ');
    for (const f of names)
      values.alarms.push({ kind: f.kind, detail: date === undefined ? f.name : `${f.name} ${date}`, historic: true });
    i += 4;
  }
  if ((contents & 0x80) !== 0) {
    const short = need('hydrodigit leak date', 3);
    if (short) return short;
    const [yy, mm, dd] = [0, 1, 2].map((k) => bcdByte(u8(block, i + k)));
    const date = yy === undefined || mm === undefined || dd === undefined ? undefined : dateText(2000 + yy, mm, dd);
    values.meta.leakDate = date ?? null;
    if (date !== undefined) values.alarms.push({ kind: 'leak', detail: `leak detected ${date}`, historic: true });
    i += 3;
  }
  if ((contents & 0x04) !== 0) {
    const short = need('hydrodigit backflow', 4);
    if (short) return short;
    values.reverseMl = litresToMl(u32le(block, i));
    i += 4;
  }
  if ((contents & 0x10) !== 0) {
    const short = need('hydrodigit monthly registers', 36);
    if (short) return short;
    for (let m = 1; m <= 12; m++) {
      const raw = u24le(block, i + 3 * (m - 1));
      const key = `monthEndRegisterMl.${String(m).padStart(2, '0')}`;
      if (raw >= MONTH_NOT_ACTIVE) {
        values.meta[key] = null;
        continue;
      }
      const registerMl = litresToMl(raw * MONTH_UNIT_LITRES);
      values.meta[key] = registerMl;
      const year = yearOfLastMonthEnd(m, ctx.receivedAt);
      const lastDay = year === undefined ? undefined : new Date(Date.UTC(year, m, 0)).getUTCDate();
      const time = year === undefined || lastDay === undefined ? undefined : endOfLocalDayIso(year, m, lastDay, ctx);
      if (time !== undefined) values.history.push({ time, registerMl, kind: 'monthly' });
    }
    values.history.sort((a, b) => (a.time < b.time ? -1 : 1));
    i += 36;
  }
  values.meta.blockBytesUsed = i;
  return ok(values);
}

export const bmetersHydrodigit: ManufacturerFormat = {
  id: 'bmeters-hydrodigit',
  description:
    'BMeters HydroDigit vendor block after DIF 0x0F: battery, fraud, leak, backflow, month ends (wmbusmeters hydrodigit)',
  references: ['wmbusmeters drivers/src/hydrodigit.xmq, src/driver_hydrodigit.cc'],
  detect: {
    ci: [],
    mvt: [
      { m: 'BMT', v: 0x13, t: 0x06 },
      { m: 'BMT', v: 0x17, t: 0x06 },
      { m: 'BMT', v: 0x13, t: 0x07 },
      { m: 'BMT', v: 0x15, t: 0x07 },
      { m: 'BMT', v: 0x17, t: 0x07 },
    ],
  },
  decodeDataBlock,
};
