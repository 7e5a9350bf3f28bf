/**
 * Alarms from status fields: the TPL status byte (EN 13757-7 §7.5.6 Table 9), the FD 17 error
 * flags (EN 13757-3 Table 14) and vendor status records, each read through a StatusBits table.
 */
import type { AlarmKind } from '../core/types.js';
import type { StatusBits } from './vendors/types.js';

export interface RawAlarm {
  kind: AlarmKind;
  detail: string;
  historic?: boolean;
}

/** Standard bits of the TPL status byte; bits 5..7 are manufacturer specific. */
export const TPL_STATUS_STANDARD: StatusBits = {
  bits: [
    { mask: 0x04, kind: 'low_battery', detail: 'POWER_LOW' },
    { mask: 0x08, kind: 'meter_error', detail: 'PERMANENT_ERROR' },
    { mask: 0x10, kind: 'meter_error', detail: 'TEMPORARY_ERROR' },
  ],
};

/** A status table with no named bits: every set bit is an unknown one. */
export const NO_BITS: StatusBits = Object.freeze({ bits: [] });

/** Appends the alarms of `value` read through `table` to `out`. */
export function pushAlarmsFromBits(out: RawAlarm[], value: number, table: StatusBits, unknownPrefix: string): void {
  let rest = value & ~(table.ignoreMask ?? 0);
  for (const b of table.bits) {
    if ((value & b.mask) !== 0) out.push(b.historic ? { kind: b.kind, detail: b.detail, historic: true } : { kind: b.kind, detail: b.detail });
    rest &= ~b.mask;
  }
  for (const b of table.info ?? []) rest &= ~b.mask;
  if (rest !== 0) out.push({ kind: 'meter_error', detail: `${unknownPrefix}_${(rest >>> 0).toString(16).toUpperCase()}` });
}

export function alarmsFromBits(value: number, table: StatusBits, unknownPrefix: string): RawAlarm[] {
  const alarms: RawAlarm[] = [];
  pushAlarmsFromBits(alarms, value, table, unknownPrefix);
  return alarms;
}

/** Appends the alarms of the TPL status byte: application status bits 0..1, standard bits 2..4, vendor bits 5..7. */
export function pushTplStatusAlarms(out: RawAlarm[], status: number, vendor?: StatusBits): void {
  const app = status & 0x03;
  if (app === 0x02) out.push({ kind: 'meter_error', detail: 'ERROR' });
  if (app === 0x03) out.push({ kind: 'meter_error', detail: 'ALARM' });
  if ((status & 0x1c) !== 0) pushAlarmsFromBits(out, status & 0x1c, TPL_STATUS_STANDARD, 'STATUS');
  const mfct = status & 0xe0;
  if (mfct !== 0 && vendor) pushAlarmsFromBits(out, mfct, vendor, 'MFCT_STATUS');
}

export function alarmsFromTplStatus(status: number, vendor?: StatusBits): RawAlarm[] {
  const alarms: RawAlarm[] = [];
  pushTplStatusAlarms(alarms, status, vendor);
  return alarms;
}

/** Appends the names of the informational (non-alarm) bits set in a status value to `out`. */
export function pushInfoFromBits(out: string[], value: number, table: StatusBits | undefined): void {
  for (const b of table?.info ?? []) if ((value & b.mask) !== 0) out.push(b.detail);
}

/** Names of the informational (non-alarm) bits set in a status value. */
export function infoFromBits(value: number, table: StatusBits | undefined): string[] {
  const names: string[] = [];
  pushInfoFromBits(names, value, table);
  return names;
}
