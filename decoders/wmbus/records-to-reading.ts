/**
 * Map DIF/VIF records to the canonical reading (decoders/core/types.ts), following OMS Vol.2
 * Annex B conventions for water meters: the register is the instantaneous volume at storage 0,
 * tariff 0, subunit 0; storage 1 is the value at the billing (set) date, dated by the date
 * record of the same storage; a VIFE "backward flow" (EN 13757-3 Table 15, E011 1100) marks the
 * reverse register. Vendor profiles override single choices by table.
 */
import type { DecodeContext, DecodedReading, HistoryValue } from '../core/types.js';
import { recordMillilitres, recordNumber, type DataRecord } from './dif-vif.js';
import { meterDateToIso } from './dates.js';
import { NO_BITS, pushAlarmsFromBits, pushInfoFromBits, pushTplStatusAlarms, type RawAlarm } from './status.js';
import type { CanonicalField, RecordSelector, VendorProfile } from './vendors/types.js';

export interface ReadingParts {
  reading: Omit<DecodedReading, 'meterId' | 'time' | 'timeFromMeter' | 'registerMl'> & { registerMl?: number };
  /** Meter clock time from a storage-0 date-time record (ISO UTC), if valid. */
  meterTime?: string;
  history: Array<Omit<HistoryValue, 'meterId'>>;
  alarms: RawAlarm[];
  meta: Record<string, string | number | boolean | null>;
  warnings: string[];
}

export function matches(r: DataRecord, s: RecordSelector): boolean {
  return (
    (s.quantity === undefined || r.quantity === s.quantity) &&
    (s.storage === undefined || r.storage === s.storage) &&
    (s.tariff === undefined || r.tariff === s.tariff) &&
    (s.subunit === undefined || r.subunit === s.subunit) &&
    (s.functionField === undefined || r.functionField === s.functionField) &&
    (s.direction === undefined || r.direction === s.direction) &&
    (s.vifTable === undefined || r.vifTable === s.vifTable) &&
    (s.firstCombinable === undefined || r.combinable[0] === s.firstCombinable)
  );
}

const plain = (quantity: DataRecord['quantity'], storage: number, extra: RecordSelector = {}): RecordSelector => ({
  quantity,
  storage,
  tariff: 0,
  subunit: 0,
  functionField: 'instantaneous',
  ...extra,
});

/** The generic OMS choice for each canonical field. */
const GENERIC: Record<CanonicalField, RecordSelector> = {
  register: plain('volume', 0),
  billingDateRegister: plain('volume', 1),
  billingDate: { quantity: 'date', storage: 1 },
  reverse: plain('volume', 0, { direction: 'backward' }),
  flow: plain('volume_flow', 0),
  maxFlow: { quantity: 'volume_flow', functionField: 'maximum' },
  waterTemperature: plain('flow_temperature', 0),
  ambientTemperature: plain('external_temperature', 0),
};

/** Usable for a canonical field: not qualified by a VIFE, not an invalid value, and selected. */
function candidate(r: DataRecord, selector: RecordSelector): boolean {
  return !r.qualified && r.value.kind !== 'invalid' && matches(r, selector);
}

type Selectors = Readonly<Record<CanonicalField, RecordSelector>>;

/** Each vendor's overrides laid over the generic choice, once per profile (profiles are fixed configuration). */
const vendorSelectors = new WeakMap<VendorProfile, Selectors>();

function selectorsFor(vendor: VendorProfile | undefined): Selectors {
  if (vendor?.fields === undefined) return GENERIC;
  let s = vendorSelectors.get(vendor);
  if (s === undefined) {
    const merged = { ...GENERIC };
    for (const field of Object.keys(GENERIC) as CanonicalField[]) merged[field] = vendor.fields[field] ?? GENERIC[field];
    s = merged;
    vendorSelectors.set(vendor, s);
  }
  return s;
}

/**
 * The record for a canonical field: the first candidate in payload order (for the registers, the
 * first that is not marked backward). A billing date without a date record may come from the
 * date-time record of the same storage, unless the vendor names its own billing-date record.
 */
function pick(
  records: readonly DataRecord[],
  field: CanonicalField,
  selector: RecordSelector,
  vendor: VendorProfile | undefined,
): DataRecord | undefined {
  // A record marked backward is never the forward register.
  const forwardOnly = field === 'register' || field === 'billingDateRegister';
  let any = false;
  for (const r of records) {
    if (!candidate(r, selector)) continue;
    if (!forwardOnly || r.direction !== 'backward') return r;
    any = true;
  }
  if (field === 'billingDate' && !any && !vendor?.fields?.billingDate) return findRecord(records, 'datetime', selector.storage ?? 1);
  return undefined;
}

/** The first record of this quantity (and storage number, when given). */
function findRecord(records: readonly DataRecord[], quantity: DataRecord['quantity'], storage?: number): DataRecord | undefined {
  for (const r of records) if (r.quantity === quantity && (storage === undefined || r.storage === storage)) return r;
  return undefined;
}

/** The first record matching, or undefined. */
function first(records: readonly DataRecord[], test: (r: DataRecord) => boolean): DataRecord | undefined {
  for (const r of records) if (test(r)) return r;
  return undefined;
}

function numberOf(
  records: readonly DataRecord[],
  field: CanonicalField,
  selectors: Selectors,
  vendor: VendorProfile | undefined,
): number | undefined {
  const r = pick(records, field, selectors[field], vendor);
  const n = r ? recordNumber(r) : null;
  return n === null ? undefined : n;
}

function dateText(r: DataRecord | undefined): string | undefined {
  if (!r || r.value.kind !== 'date' || !r.value.date.valid) return undefined;
  const d = r.value.date;
  return d.text.slice(0, 10);
}

/**
 * @param meta where the meta facts go (the caller may pass the object it is building, so they need
 *   no copying); a new object by default
 */
export function recordsToReading(
  records: readonly DataRecord[],
  ctx: DecodeContext,
  tplStatus: number | undefined,
  vendor?: VendorProfile,
  meta: ReadingParts['meta'] = {},
): ReadingParts {
  const warnings: string[] = [];
  const reading: ReadingParts['reading'] = {};
  const alarms: RawAlarm[] = [];
  const selectors = selectorsFor(vendor);

  const register = pick(records, 'register', selectors.register, vendor);
  const ml = register ? recordMillilitres(register) : null;
  if (ml !== null) reading.registerMl = ml;

  const billing = pick(records, 'billingDateRegister', selectors.billingDateRegister, vendor);
  const billingMl = billing ? recordMillilitres(billing) : null;
  if (billingMl !== null) {
    reading.billingDateRegisterMl = billingMl;
    const billingDateSel = vendor?.fields?.billingDate ?? { ...GENERIC.billingDate, storage: billing?.storage ?? 1 };
    const date = dateText(first(records, (r) => matches(r, billingDateSel) && r.value.kind === 'date') ??
      (vendor?.fields?.billingDate ? undefined : findRecord(records, 'datetime', billing?.storage ?? 1)));
    if (date) reading.billingDate = date;
  }

  const reverse = pick(records, 'reverse', selectors.reverse, vendor);
  const reverseMl = reverse ? recordMillilitres(reverse) : null;
  if (reverseMl !== null) reading.reverseMl = reverseMl;

  const flow = numberOf(records, 'flow', selectors, vendor);
  if (flow !== undefined) reading.flowLph = flow;
  const maxFlow = numberOf(records, 'maxFlow', selectors, vendor);
  if (maxFlow !== undefined) reading.maxFlowLph = maxFlow;
  const water = numberOf(records, 'waterTemperature', selectors, vendor);
  if (water !== undefined) reading.waterTemperatureC = water;
  const ambient = numberOf(records, 'ambientTemperature', selectors, vendor);
  if (ambient !== undefined) reading.ambientTemperatureC = ambient;

  let battery: DataRecord | undefined;
  for (const r of records) {
    if (r.quantity === 'voltage' && r.storage === 0 && !r.qualified) {
      battery = r;
      break;
    }
  }
  const volts = battery ? recordNumber(battery) : null;
  if (volts !== null) reading.batteryV = volts;
  const batteryDays = findRecord(records, 'remaining_battery_days', 0);
  const days = batteryDays ? recordNumber(batteryDays) : null;
  if (days !== null) meta.remainingBatteryDays = days;

  // Meter clock: the storage-0 date-time record (type F or I).
  let meterTime: string | undefined;
  let clock: DataRecord | undefined;
  for (const r of records) {
    if (r.quantity === 'datetime' && r.storage === 0 && r.functionField === 'instantaneous') {
      clock = r;
      break;
    }
  }
  if (clock && clock.value.kind === 'date') {
    const iso = meterDateToIso(clock.value.date, ctx.meterTimeZone);
    if (iso) meterTime = iso;
    else warnings.push(`meter clock ${clock.value.date.text} is not a valid time; receive time used`);
  }

  // Status: TPL status byte, FD 17 error flags, vendor status records.
  const statusInfo: string[] = [];
  if (tplStatus !== undefined) {
    meta.tplStatus = tplStatus;
    if (!vendor?.ignoreTplStatus) {
      pushTplStatusAlarms(alarms, tplStatus, vendor?.tplStatus);
      pushInfoFromBits(statusInfo, tplStatus & 0xe0, vendor?.tplStatus);
    }
  }
  const errorFlags = findRecord(records, 'error_flags', 0);
  if (errorFlags && errorFlags.value.kind === 'number') {
    const flags = Number(errorFlags.value.mantissa);
    meta.errorFlags = flags;
    reading.statusBits = flags;
    pushAlarmsFromBits(alarms, flags, vendor?.errorFlags ?? NO_BITS, 'ERROR_FLAGS');
    pushInfoFromBits(statusInfo, flags, vendor?.errorFlags);
  } else if (tplStatus !== undefined && tplStatus !== 0) {
    reading.statusBits = tplStatus;
  }
  for (const s of vendor?.statusRecords ?? []) {
    const r = first(records, (x) => matches(x, s.selector));
    if (!r) continue;
    let v = 0;
    for (let i = r.data.length - 1; i >= 0; i--) v = v * 256 + (r.data[i] ?? 0);
    meta.vendorStatus = v;
    pushAlarmsFromBits(alarms, v, s.status, 'ERROR_FLAGS');
    pushInfoFromBits(statusInfo, v, s.status);
  }
  if (statusInfo.length > 0) meta.statusInfo = statusInfo.join(' ');

  // History: volumes at other storage numbers, dated by the date record of the same storage.
  const history: ReadingParts['history'] = [];
  for (const r of records) {
    if (r.quantity !== 'volume' || r.storage === 0 || r.functionField !== 'instantaneous' || r.tariff !== 0 || r.qualified) continue;
    if (r.direction === 'backward') continue;
    const v = recordMillilitres(r);
    if (v === null) continue;
    const dateRec = first(records, (d) => (d.quantity === 'date' || d.quantity === 'datetime') && d.storage === r.storage && d.value.kind === 'date');
    const iso = dateRec && dateRec.value.kind === 'date' ? meterDateToIso(dateRec.value.date, ctx.meterTimeZone) : null;
    if (!iso) continue;
    history.push({ time: iso, registerMl: v, kind: r.storage === 1 ? 'billing_date' : 'monthly', storage: r.storage });
  }

  const fabrication = findRecord(records, 'fabrication_number');
  if (fabrication && fabrication.value.kind === 'number') meta.fabricationNumber = fabrication.value.mantissa.toString();

  const parts: ReadingParts = { reading, history, alarms, meta, warnings };
  if (meterTime) parts.meterTime = meterTime;
  return parts;
}
