/**
 * Vendor profiles: small tables that say which record means what for one manufacturer's meters,
 * where they differ from the generic OMS mapping in records-to-reading.ts.
 */
import type { AlarmKind } from '../../core/types.js';
import type { FunctionField, VifTable } from '../dif-vif.js';
import type { Quantity } from '../vif-table.js';

/** Which record a canonical field comes from. Omitted properties match anything. */
export interface RecordSelector {
  quantity?: Quantity;
  storage?: number;
  tariff?: number;
  subunit?: number;
  functionField?: FunctionField;
  direction?: 'forward' | 'backward' | null;
  vifTable?: VifTable;
  /** First combinable VIFE code (e.g. 0x20 after a manufacturer VIF FF). */
  firstCombinable?: number;
}

export interface BitAlarm {
  mask: number;
  kind: AlarmKind;
  detail: string;
  historic?: boolean;
}

/** A status bit the vendor names but that is information, not an alarm (e.g. "minimum flow seen"). */
export interface BitInfo {
  mask: number;
  detail: string;
}

/** A status field and the alarms its bits mean. Bits neither named nor ignored raise meter_error. */
export interface StatusBits {
  bits: BitAlarm[];
  /** Named bits that raise no alarm; their names are reported in the result's meta. */
  info?: BitInfo[];
  /** Bits that carry no alarm (durations, counters). */
  ignoreMask?: number;
}

export type CanonicalField =
  | 'register'
  | 'billingDateRegister'
  | 'billingDate'
  | 'reverse'
  | 'flow'
  | 'maxFlow'
  | 'waterTemperature'
  | 'ambientTemperature';

export interface VendorProfile {
  id: string;
  description: string;
  mvt: Array<{ m: string; v?: number; t?: number }>;
  /** Overrides of the generic record choice, per canonical field. */
  fields?: Partial<Record<CanonicalField, RecordSelector>>;
  /** The meters do not use the TPL status byte for alarms (its bits are ignored). */
  ignoreTplStatus?: boolean;
  /** Manufacturer bits 5..7 of the TPL status byte (EN 13757-7 Table 9). */
  tplStatus?: StatusBits;
  /** Bits of the FD 17 error-flags record (EN 13757-3 Table 14). */
  errorFlags?: StatusBits;
  /** Manufacturer records whose value is a bit field of alarms. */
  statusRecords?: Array<{ selector: RecordSelector; status: StatusBits }>;
  /** Compact-frame formats (DIF/VIF bytes, hex) the vendor's meters are known to use. */
  compactFormats?: string[];
}

export function matchesMvt(
  mvt: ReadonlyArray<{ m: string; v?: number; t?: number }>,
  address: { manufacturer: string; version: number; deviceType: number },
): boolean {
  for (const k of mvt) {
    if (
      k.m === address.manufacturer &&
      (k.v === undefined || k.v === address.version) &&
      (k.t === undefined || k.t === address.deviceType)
    )
      return true;
  }
  return false;
}
