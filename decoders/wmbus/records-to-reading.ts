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
import { alarmsFromBits, alarmsFromTplStatus, infoFromBits, type RawAlarm } from './status.js';
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

function pick(records: readonly DataRecord[], field: CanonicalField, vendor?: VendorProfile): DataRecord | undefined {
  const selector = vendor?.fields?.[field] ?? GENERIC[field];
  const candidates = records.filter((r) => !r.qualified && r.value.kind !== 'invalid' && matches(r, selector));
  if (field === 'register' || field === 'billingDateRegister') {
    // A record marked backward is never the forward register.
    return candidates.find((r) => r.direction !== 'backward');
  }
  if (field === 'billingDate' && candidates.length === 0 && !vendor?.fields?.billingDate) {
    return records.find((r) => matches(r, { quantity: 'datetime', storage: selector.storage ?? 1 }));
  }
  return candidates[0];
}

function dateText(r: DataRecord | undefined): string | undefined {
  if (!r || r.value.kind !== 'date' || !r.value.date.valid) return undefined;
  const d = r.value.date;
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function recordsToReading(records: readonly DataRecord[], ctx: DecodeContext, tplStatus: number | undefined, vendor?: VendorProfile): ReadingParts {
  const warnings: string[] = [];
  const meta: ReadingParts['meta'] = {};
  const reading: ReadingParts['reading'] = {};
  const alarms: RawAlarm[] = [];

  const register = pick(records, 'register', vendor);
  const ml = register ? recordMillilitres(register) : null;
  if (ml !== null) reading.registerMl = ml;

  const billing = pick(records, 'billingDateRegister', vendor);
  const billingMl = billing ? recordMillilitres(billing) : null;
  if (billingMl !== null) {
    reading.billingDateRegisterMl = billingMl;
    const billingDateSel = vendor?.fields?.billingDate ?? { ...GENERIC.billingDate, storage: billing?.storage ?? 1 };
    const date = dateText(records.find((r) => matches(r, billingDateSel) && r.value.kind === 'date') ??
      (vendor?.fields?.billingDate ? undefined : records.find((r) => matches(r, { quantity: 'datetime', storage: billing?.storage ?? 1 }))));
    if (date) reading.billingDate = date;
  }

  const reverse = pick(records, 'reverse', vendor);
  const reverseMl = reverse ? recordMillilitres(reverse) : null;
  if (reverseMl !== null) reading.reverseMl = reverseMl;

  const numberOf = (field: CanonicalField): number | undefined => {
    const r = pick(records, field, vendor);
    const n = r ? recordNumber(r) : null;
    return n === null ? undefined : n;
  };
  const flow = numberOf('flow');
  if (flow !== undefined) reading.flowLph = flow;
  const maxFlow = numberOf('maxFlow');
  if (maxFlow !== undefined) reading.maxFlowLph = maxFlow;
  const water = numberOf('waterTemperature');
  if (water !== undefined) reading.waterTemperatureC = water;
  const ambient = numberOf('ambientTemperature');
  if (ambient !== undefined) reading.ambientTemperatureC = ambient;

  const battery = records.find((r) => r.quantity === 'voltage' && r.storage === 0 && !r.qualified);
  const volts = battery ? recordNumber(battery) : null;
  if (volts !== null) reading.batteryV = volts;
  const batteryDays = records.find((r) => r.quantity === 'remaining_battery_days' && r.storage === 0);
  const days = batteryDays ? recordNumber(batteryDays) : null;
  if (days !== null) meta.remainingBatteryDays = days;

  // Meter clock: the storage-0 date-time record (type F or I).
  let meterTime: string | undefined;
  const clock = records.find((r) => r.quantity === 'datetime' && r.storage === 0 && r.functionField === 'instantaneous');
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
      alarms.push(...alarmsFromTplStatus(tplStatus, vendor?.tplStatus));
      statusInfo.push(...infoFromBits(tplStatus & 0xe0, vendor?.tplStatus));
    }
  }
  const errorFlags = records.find((r) => r.quantity === 'error_flags' && r.storage === 0);
  if (errorFlags && errorFlags.value.kind === 'number') {
    const flags = Number(errorFlags.value.mantissa);
    meta.errorFlags = flags;
    reading.statusBits = flags;
    alarms.push(...alarmsFromBits(flags, vendor?.errorFlags ?? { bits: [] }, 'ERROR_FLAGS'));
    statusInfo.push(...infoFromBits(flags, vendor?.errorFlags));
  } else if (tplStatus !== undefined && tplStatus !== 0) {
    reading.statusBits = tplStatus;
  }
  for (const s of vendor?.statusRecords ?? []) {
    const r = records.find((x) => matches(x, s.selector));
    if (!r) continue;
    let v = 0;
    for (let i = r.data.length - 1; i >= 0; i--) v = v * 256 + (r.data[i] ?? 0);
    meta.vendorStatus = v;
    alarms.push(...alarmsFromBits(v, s.status, 'ERROR_FLAGS'));
    statusInfo.push(...infoFromBits(v, s.status));
  }
  if (statusInfo.length > 0) meta.statusInfo = statusInfo.join(' ');

  // History: volumes at other storage numbers, dated by the date record of the same storage.
  const history: ReadingParts['history'] = [];
  for (const r of records) {
    if (r.quantity !== 'volume' || r.storage === 0 || r.functionField !== 'instantaneous' || r.tariff !== 0 || r.qualified) continue;
    if (r.direction === 'backward') continue;
    const v = recordMillilitres(r);
    if (v === null) continue;
    const dateRec = records.find((d) => (d.quantity === 'date' || d.quantity === 'datetime') && d.storage === r.storage && d.value.kind === 'date');
    const iso = dateRec && dateRec.value.kind === 'date' ? meterDateToIso(dateRec.value.date, ctx.meterTimeZone) : null;
    if (!iso) continue;
    history.push({ time: iso, registerMl: v, kind: r.storage === 1 ? 'billing_date' : 'monthly', storage: r.storage });
  }

  const fabrication = records.find((r) => r.quantity === 'fabrication_number');
  if (fabrication && fabrication.value.kind === 'number') meta.fabricationNumber = fabrication.value.mantissa.toString();

  return { reading, ...(meterTime ? { meterTime } : {}), history, alarms, meta, warnings };
}
