/**
 * Maps parsed OMS records to canonical readings, history and alarms. Vendor modules (Kamstrup,
 * Sensus, the Acrios bridge) call this and add what is theirs (status bits, infocodes).
 */
import { DEFAULT_METER_TIME_ZONE, wallClockToUtcMs, type WallClock } from '../../../core/local-time.js';
import type { DecodeContext, DecodedAlarm, DecodedReading, HistoryValue } from '../../../core/types.js';
import { scaleDecimal, scaleInteger, type InverseProfile, type OmsRecord } from './records.js';

export interface CanonicalOms {
  reading?: DecodedReading;
  history: HistoryValue[];
  warnings: string[];
  /** Records the caller may want (infocodes, temperatures by function). */
  meta: Record<string, string | number | boolean | null>;
}

function toUtc(t: WallClock, ctx: DecodeContext): number | undefined {
  return wallClockToUtcMs(t, ctx.meterTimeZone ?? DEFAULT_METER_TIME_ZONE);
}

const REVERSE_VIFE = 0x3c;

function isPlainVolume(r: OmsRecord): boolean {
  return (
    r.quantity === 'volume' &&
    r.profile === undefined &&
    r.functionField === 0 &&
    r.tariff === 0 &&
    !r.vifes.includes(REVERSE_VIFE)
  );
}

/** Steps a wall-clock time back by one profile spacing; undefined for a spacing it cannot follow. */
function stepBack(t: WallClock, p: InverseProfile): WallClock | undefined {
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
  if (p.spacingValue > 0 && p.spacingValue < 251) {
    if (p.spacingUnit === 0) d.setUTCSeconds(d.getUTCSeconds() - p.spacingValue);
    else if (p.spacingUnit === 1) d.setUTCMinutes(d.getUTCMinutes() - p.spacingValue);
    else if (p.spacingUnit === 2) d.setUTCHours(d.getUTCHours() - p.spacingValue);
    else d.setUTCDate(d.getUTCDate() - p.spacingValue);
  } else if (p.spacingValue === 254 && p.spacingUnit >= 1) {
    d.setUTCMonth(d.getUTCMonth() - (p.spacingUnit === 3 ? 1 : p.spacingUnit === 2 ? 3 : 6));
  } else return undefined;
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

export type ProfileOutcome = { ok: true; history: HistoryValue[]; warnings: string[] } | { ok: false; reason: string };

/** Expands an inverse compact profile back from its base value (EN 13757-3 Annex F). */
export function expandProfile(
  record: OmsRecord,
  base: OmsRecord | undefined,
  baseTime: WallClock | undefined,
  meterId: string,
  ctx: DecodeContext,
): ProfileOutcome {
  const p = record.profile;
  if (p === undefined) return { ok: true, history: [], warnings: [] };
  if (base === undefined || base.value === undefined)
    return { ok: false, reason: 'no base value for the profile data' };
  if (baseTime === undefined) return { ok: false, reason: 'no base time for the profile data' };
  const history: HistoryValue[] = [];
  const warnings: string[] = [];
  let value = base.value;
  let t: WallClock | undefined = baseTime;
  for (const delta of p.deltas) {
    t = t === undefined ? undefined : stepBack(t, p);
    if (delta === undefined || t === undefined) {
      warnings.push('invalid value or spacing in the profile: later values dropped');
      break;
    }
    value = p.incrementMode === 2 ? value + delta : value - delta;
    const utc = toUtc(t, ctx);
    if (utc === undefined || value < 0) {
      warnings.push('profile value or time out of range: later values dropped');
      break;
    }
    history.push({
      meterId,
      time: new Date(utc).toISOString(),
      registerMl: scaleInteger(value, record.exponent),
      kind: 'interval',
    });
  }
  return { ok: true, history, warnings };
}

/** Canonical reading from OMS records; `meterId` is the id readings are reported under. */
export function canonicalFromRecords(
  records: OmsRecord[],
  meterId: string,
  ctx: DecodeContext,
): CanonicalOms | { error: string } {
  const warnings: string[] = [];
  const meta: CanonicalOms['meta'] = {};
  const times = new Map<number, WallClock>();
  for (const r of records) {
    if ((r.quantity === 'datetime' || r.quantity === 'date') && r.functionField === 0) {
      if (r.time === undefined) warnings.push(`invalid date/time in storage ${r.storage}`);
      else if (!times.has(r.storage)) times.set(r.storage, r.time);
    }
  }
  const volumes = records.filter(isPlainVolume);
  const main = volumes.reduce<OmsRecord | undefined>(
    (best, r) => (best === undefined || r.storage < best.storage ? r : best),
    undefined,
  );
  let reading: DecodedReading | undefined;
  if (main !== undefined && main.value !== undefined) {
    const wall = times.get(main.storage) ?? times.get(0);
    const utc = wall === undefined ? undefined : toUtc(wall, ctx);
    reading = {
      meterId,
      time: utc === undefined ? ctx.receivedAt : new Date(utc).toISOString(),
      timeFromMeter: utc !== undefined,
      registerMl: scaleInteger(main.value, main.exponent),
    };
  } else if (main !== undefined) warnings.push('volume register carries the invalid marker');
  const history: HistoryValue[] = [];
  for (const r of records) {
    if (r.value === undefined && r.profile === undefined) {
      if (r.quantity !== 'datetime' && r.quantity !== 'date' && r.quantity !== 'unknown')
        warnings.push(`invalid value in ${r.quantity} record (storage ${r.storage}, function ${r.functionField})`);
      continue;
    }
    if (r.profile !== undefined) {
      const base = records.find(
        (x) =>
          x !== r &&
          x.quantity === r.quantity &&
          x.exponent === r.exponent &&
          x.storage === r.storage &&
          x.profile === undefined,
      );
      const expanded = expandProfile(r, base, times.get(r.storage), meterId, ctx);
      if (!expanded.ok) return { error: expanded.reason };
      history.push(...expanded.history);
      warnings.push(...expanded.warnings);
      continue;
    }
    const value = r.value as number;
    const suffix = r.functionField === 1 ? 'Max' : r.functionField === 2 ? 'Min' : '';
    if (r.quantity === 'volume' && r !== main) {
      if (r.vifes.includes(REVERSE_VIFE) && reading !== undefined && r.storage === main?.storage)
        reading.reverseMl = scaleInteger(value, r.exponent);
      else if (r.functionField === 0 && r.tariff === 0 && !r.vifes.includes(REVERSE_VIFE)) {
        const wall = times.get(r.storage);
        const utc = wall === undefined ? undefined : toUtc(wall, ctx);
        if (utc !== undefined)
          history.push({
            meterId,
            time: new Date(utc).toISOString(),
            registerMl: scaleInteger(value, r.exponent),
            kind: 'billing_date',
            storage: r.storage,
          });
        else warnings.push(`volume in storage ${r.storage} has no time: not kept`);
      }
    } else if (r.quantity === 'flow') {
      const lph = scaleDecimal(value, r.exponent);
      if (reading !== undefined && r.storage === main?.storage) {
        if (r.functionField === 0) reading.flowLph = lph;
        else if (r.functionField === 1) reading.maxFlowLph = lph;
      }
      meta[`flow${suffix}Lph`] = lph;
    } else if (r.quantity === 'flow_temperature') {
      const c = scaleDecimal(value, r.exponent);
      if (reading !== undefined && r.functionField === 0) reading.waterTemperatureC = c;
      meta[`waterTemperature${suffix}C`] = c;
    } else if (r.quantity === 'external_temperature') {
      const c = scaleDecimal(value, r.exponent);
      if (reading !== undefined && r.functionField === 0) reading.ambientTemperatureC = c;
      meta[`ambientTemperature${suffix}C`] = c;
    }
  }
  return { reading, history, warnings, meta };
}

/** Alarm helper shared by OMS vendors. */
export function alarm(kind: DecodedAlarm['kind'], meterId: string, time: string, detail: string): DecodedAlarm {
  return { kind, meterId, time, detail };
}
