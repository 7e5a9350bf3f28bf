/**
 * OMS application layer encoder for LoRa payloads, the inverse of tpl.ts and records.ts: the TPL
 * header (CI 78h none, 7Ah short, 72h long; EN 13757-7 §7.5), DIF/VIF records (EN 13757-3 §6),
 * type F date/time (Annex A) and the inverse compact profile (Annex F). Vendor encoders (Kamstrup,
 * Sensus, the Acrios bridge) put their records together from these. Throws RangeError on values
 * a field cannot hold: those are mistakes of the caller, not bad bytes.
 */
import { DEFAULT_METER_TIME_ZONE, utcMsToWallClock, type WallClock } from '../../../core/local-time.js';
import { idToBytes, manufacturerCodeOf } from '../../../wmbus/link.js';

export type OmsHeaderInput =
  | { ci: 0x78 }
  | { ci: 0x7a; accessNumber: number; status: number; configuration?: number }
  | {
      ci: 0x72;
      /** 8 BCD digits as printed (most significant first). */
      id: string;
      manufacturer: string;
      version: number;
      deviceType: number;
      accessNumber: number;
      status: number;
      configuration?: number;
    };

function byte(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`${what} ${v} does not fit a byte`);
  return v;
}

/** Configuration words with a security mode (bits 8–12) are refused: these payloads are plaintext. */
function configurationBytes(cfg: number | undefined): number[] {
  const c = cfg ?? 0;
  if (!Number.isInteger(c) || c < 0 || c > 0xffff || ((c >> 8) & 0x1f) !== 0)
    throw new RangeError(`configuration ${c} is not an unencrypted configuration word`);
  return [c & 0xff, c >> 8];
}

export function encodeTplHeader(h: OmsHeaderInput): number[] {
  if (h.ci === 0x78) return [0x78];
  const tail = [
    byte(h.accessNumber, 'access number'),
    byte(h.status, 'status'),
    ...configurationBytes(h.configuration),
  ];
  if (h.ci === 0x7a) return [0x7a, ...tail];
  const m = manufacturerCodeOf(h.manufacturer);
  return [
    0x72,
    ...idToBytes(h.id),
    m & 0xff,
    m >> 8,
    byte(h.version, 'version'),
    byte(h.deviceType, 'device type'),
    ...tail,
  ];
}

export interface RecordPlace {
  /** 0 instantaneous, 1 maximum, 2 minimum, 3 during error. */
  functionField?: number;
  storage?: number;
  tariff?: number;
}

/** DIF (and DIFEs for storage above 1 or a tariff) for a data field code (EN 13757-3 Table 4). */
export function difBytes(dataField: number, place: RecordPlace = {}): number[] {
  const storage = place.storage ?? 0;
  const tariff = place.tariff ?? 0;
  const fn = place.functionField ?? 0;
  if (
    !Number.isInteger(storage) ||
    storage < 0 ||
    storage > 0x1ff ||
    !Number.isInteger(tariff) ||
    tariff < 0 ||
    tariff > 3 ||
    fn < 0 ||
    fn > 3
  ) {
    throw new RangeError(`storage ${storage}, tariff ${tariff} or function ${fn} cannot be coded here`);
  }
  const out = [((storage & 1) << 6) | (fn << 4) | dataField];
  let rest = storage >> 1;
  let t = tariff;
  while (rest > 0 || t > 0) {
    const last = out.length - 1;
    out[last] = (out[last] ?? 0) | 0x80;
    out.push(((t & 0x03) << 4) | (rest & 0x0f));
    rest >>= 4;
    t >>= 2;
  }
  return out;
}

/** Data field code of a binary integer of n bytes (type B). */
const INT_DATA_FIELD: Readonly<Record<number, number>> = { 1: 0x1, 2: 0x2, 3: 0x3, 4: 0x4, 6: 0x6, 8: 0x7 };

/** Little-endian two's complement of a safe integer in n bytes. */
export function intBytes(v: number, n: number): number[] {
  if (!Number.isSafeInteger(v)) throw new RangeError(`${v} is not a safe integer`);
  let x = BigInt.asUintN(n * 8, BigInt(v));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(Number(x & 0xffn));
    x >>= 8n;
  }
  return out;
}

/**
 * A type B integer record. Signed: its most negative value is the "invalid" marker, so the range
 * is −2^(8n−1)+1 … 2^(8n−1)−1; `null` writes the marker.
 */
export function intRecord(value: number | null, n: number, vif: readonly number[], place: RecordPlace = {}): number[] {
  const df = INT_DATA_FIELD[n];
  if (df === undefined) throw new RangeError(`no integer data field of ${n} bytes`);
  const limit = 2 ** (8 * n - 1);
  if (value !== null && (!Number.isSafeInteger(value) || value <= -limit || value >= limit))
    throw new RangeError(`${value} does not fit a ${n}-byte integer`);
  return [...difBytes(df, place), ...vif, ...intBytes(value ?? -limit, n)];
}

/** An unsigned binary record (manufacturer data read unsigned): all-ones is "no value", so the top is 2^(8n)−2. */
export function uintRecord(value: number, n: number, vif: readonly number[], place: RecordPlace = {}): number[] {
  const df = INT_DATA_FIELD[n];
  if (df === undefined) throw new RangeError(`no integer data field of ${n} bytes`);
  if (!Number.isSafeInteger(value) || value < 0 || value >= 2 ** (8 * n) - 1)
    throw new RangeError(`${value} does not fit an unsigned ${n}-byte field`);
  return [...difBytes(df, place), ...vif, ...intBytes(value, n)];
}

/** Smallest integer record size (4, 6 or 8 bytes) that holds a non-negative register value. */
export function registerBytes(value: number): number {
  return value < 2 ** 31 ? 4 : value < 2 ** 47 ? 6 : 8;
}

/** Type F date and time (EN 13757-3 Annex A): minutes; the hundred-year bits say the century. */
export function typeF(t: WallClock): number[] {
  const y = t.year - 2000;
  if (!Number.isInteger(y) || y < 0 || y > 127 || t.second !== 0)
    throw new RangeError(`type F holds whole minutes of 2000–2127, not ${JSON.stringify(t)}`);
  const hundredYears = t.year < 2100 ? 1 : 2;
  return [
    t.minute & 0x3f,
    (t.hour & 0x1f) | (hundredYears << 5),
    (t.day & 0x1f) | ((y & 0x07) << 5),
    (t.month & 0x0f) | ((y & 0x78) << 1),
  ];
}

export function dateTimeRecord(t: WallClock, place: RecordPlace = {}): number[] {
  return [...difBytes(0x4, place), 0x6d, ...typeF(t)];
}

/** The meter's wall clock of a UTC instant (the decoder reads it back in the same zone). */
export function meterWallClock(timeIso: string, meterTimeZone = DEFAULT_METER_TIME_ZONE): WallClock {
  const ms = Date.parse(timeIso);
  const wall = Number.isNaN(ms) ? undefined : utcMsToWallClock(ms, meterTimeZone);
  if (wall === undefined) throw new RangeError(`cannot place ${timeIso} in zone ${meterTimeZone}`);
  return wall;
}

/** Largest exponent e ≤ max (volume VIF 10h+e: 10^e mL) that codes every value exactly. */
export function volumeExponent(valuesMl: readonly number[], max = 3): number {
  for (let e = max; e > 0; e--) if (valuesMl.every((v) => v % 10 ** e === 0)) return e;
  return 0;
}

/**
 * The smallest k ≤ 3 with value = round(value × 10^k) / 10^k, which is how the decoder scales the
 * integer back: a decimal quantity (°C, L/h) coded as an integer with 10^-k; undefined when it
 * needs more places.
 */
export function decimalPlaces(value: number): number | undefined {
  for (let k = 0; k <= 3; k++) if (Math.round(value * 10 ** k) / 10 ** k === value) return k;
  return undefined;
}

/** A decimal quantity as a record: VIF base + (3 − k) gives 10^(−k) units (flow L/h, °C). */
export function decimalRecord(value: number, n: number, vifBase: number, place: RecordPlace = {}): number[] {
  const k = decimalPlaces(value);
  if (k === undefined) throw new RangeError(`${value} has more than 3 decimal places`);
  return intRecord(Math.round(value * 10 ** k), n, [vifBase + 3 - k], place);
}

export const VIF = {
  VOLUME: 0x10,
  FLOW_M3H: 0x38,
  FLOW_TEMPERATURE: 0x58,
  EXTERNAL_TEMPERATURE: 0x64,
  DATE_TIME: 0x6d,
} as const;

export interface ProfileCoding {
  /** 1 decrements, 2 increments, 3 signed differences (Annex F). */
  incrementMode: 1 | 2 | 3;
  /** 0 s, 1 min, 2 h, 3 days. */
  spacingUnit: 0 | 1 | 2 | 3;
  spacingValue: number;
  /** Element size; the smallest of 1, 2, 4 that holds every delta when absent. */
  elementBytes?: 1 | 2 | 4;
}

function elementFits(delta: number, n: number, signed: boolean): boolean {
  const top = 2 ** (8 * n);
  // All-ones (unsigned) and the most negative value (signed) are the invalid markers.
  return signed ? delta > -top / 2 && delta < top / 2 : delta >= 0 && delta < top - 1;
}

/**
 * An inverse compact profile record (volume VIF with VIFE 13h, LVAR data): `values` are earlier
 * register values in units of 10^exponent mL, newest first, each one spacing before the previous;
 * `base` is the register the profile steps back from.
 */
export function profileRecord(
  base: number,
  values: readonly number[],
  exponent: number,
  coding: ProfileCoding,
  place: RecordPlace = {},
): number[] {
  const signed = coding.incrementMode === 3;
  const deltas: number[] = [];
  let previous = base;
  for (const v of values) {
    deltas.push(coding.incrementMode === 2 ? v - previous : previous - v);
    previous = v;
  }
  const size = coding.elementBytes ?? ([1, 2, 4] as const).find((n) => deltas.every((d) => elementFits(d, n, signed)));
  if (size === undefined || !deltas.every((d) => elementFits(d, size, signed)))
    throw new RangeError('profile deltas do not fit the element size or increment mode');
  const lvar = 2 + deltas.length * size;
  if (lvar > 0xbf) throw new RangeError(`profile of ${deltas.length} values is longer than an LVAR text field`);
  const control = (coding.incrementMode << 6) | (coding.spacingUnit << 4) | size;
  return [
    ...difBytes(0xd, place),
    0x80 | (VIF.VOLUME + exponent),
    0x13,
    lvar,
    control,
    byte(coding.spacingValue, 'spacing'),
    ...deltas.flatMap((d) => intBytes(d, size)),
  ];
}

/** A canonical reading as OMS records: what canonical.ts reads back from them. */
export interface OmsReadingInput {
  registerMl: number;
  /** UTC time of the register (storage 0, type F, whole minutes in the meter's zone). */
  time?: string;
  meterTimeZone?: string;
  reverseMl?: number;
  flowLph?: number;
  maxFlowLph?: number;
  waterTemperatureC?: number;
  ambientTemperatureC?: number;
  /** The register at the meter's billing date (storage 1 with its own time): a billing_date history value. */
  billingDate?: { time: string; registerMl: number };
}

/** Volume VIF with the extension bit and VIFE 3Ch: backward flow (EN 13757-3 Table 15). */
const REVERSE_VOLUME = (e: number): number[] => [0x80 | (VIF.VOLUME + e), 0x3c];

export function encodeReadingRecords(r: OmsReadingInput): number[] {
  const volume = (ml: number, vif: (e: number) => number[], place: RecordPlace) => {
    const e = volumeExponent([ml]);
    const v = ml / 10 ** e;
    return intRecord(v, registerBytes(v), vif(e), place);
  };
  const out = volume(r.registerMl, (e) => [VIF.VOLUME + e], {});
  if (r.time !== undefined) out.push(...dateTimeRecord(meterWallClock(r.time, r.meterTimeZone)));
  if (r.reverseMl !== undefined) out.push(...volume(r.reverseMl, REVERSE_VOLUME, {}));
  if (r.flowLph !== undefined) out.push(...decimalRecord(r.flowLph, 4, VIF.FLOW_M3H));
  if (r.maxFlowLph !== undefined) out.push(...decimalRecord(r.maxFlowLph, 4, VIF.FLOW_M3H, { functionField: 1 }));
  if (r.waterTemperatureC !== undefined) out.push(...decimalRecord(r.waterTemperatureC, 2, VIF.FLOW_TEMPERATURE));
  if (r.ambientTemperatureC !== undefined)
    out.push(...decimalRecord(r.ambientTemperatureC, 2, VIF.EXTERNAL_TEMPERATURE));
  if (r.billingDate !== undefined) {
    out.push(...volume(r.billingDate.registerMl, (e) => [VIF.VOLUME + e], { storage: 1 }));
    out.push(...dateTimeRecord(meterWallClock(r.billingDate.time, r.meterTimeZone), { storage: 1 }));
  }
  return out;
}
