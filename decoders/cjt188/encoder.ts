/**
 * CJ/T 188 encoders, used by the meter simulators and the round-trip tests: a read-data request
 * (C = 01h, DI 901F) and the meter's read-data response (C = 81h) built from a reading.
 * Encoders are given valid readings; a value the format cannot carry is a RangeError.
 */
import { DEFAULT_METER_TIME_ZONE, utcMsToWallClock } from '../core/local-time.js';
import { encodeFrame, parseAddress } from './frame.js';
import { VOLUME_UNIT_ML_PER_HUNDREDTH, encodeMeterData, type MeterData } from './meter-data.js';

export interface Cjt188ReadingSpec {
  /** Meter type T, 10h–19h for water. */
  meterType: number;
  /** Printed address, A6 first, 14 digits. */
  address: string;
  /** Sequence number echoed from the request. */
  ser?: number;
  registerMl: number;
  billingDateRegisterMl?: number;
  /** Unit code for both registers; by default m³ (2Ch) when exact, else litres (29h). */
  unit?: number;
  /** Meter time as a UTC instant (ISO 8601); null sends an all-zero clock. */
  time: string | null;
  meterTimeZone?: string;
  /** ST, byte 0 in the low bits. */
  status?: number;
}

const MAX_HUNDREDTHS = 99_999_999;

function pickUnit(values: number[]): number {
  for (const unit of [0x2c, 0x29]) {
    const step = VOLUME_UNIT_ML_PER_HUNDREDTH.get(unit) ?? 1;
    if (values.every((v) => v % step === 0 && v / step <= MAX_HUNDREDTHS)) return unit;
  }
  throw new RangeError(`volumes ${values.join(', ')} mL are not whole multiples of 10 mL within 8 BCD digits`);
}

function toHundredths(ml: number, unit: number): number {
  const step = VOLUME_UNIT_ML_PER_HUNDREDTH.get(unit);
  if (step === undefined) throw new RangeError(`unit ${unit.toString(16)}h is not a volume unit`);
  if (!Number.isSafeInteger(ml) || ml < 0 || ml % step !== 0 || ml / step > MAX_HUNDREDTHS) {
    throw new RangeError(`${ml} mL cannot be sent in unit ${unit.toString(16)}h`);
  }
  return ml / step;
}

function addressWire(address: string): Uint8Array {
  const wire = parseAddress(address);
  if (wire === undefined) throw new RangeError(`address '${address}' is not 14 hex digits`);
  return wire;
}

export function meterDataFromSpec(spec: Cjt188ReadingSpec): MeterData {
  const billing = spec.billingDateRegisterMl ?? 0;
  const unit = spec.unit ?? pickUnit([spec.registerMl, billing]);
  let clock: MeterData['clock'] = null;
  if (spec.time !== null) {
    const wall = utcMsToWallClock(Date.parse(spec.time), spec.meterTimeZone ?? DEFAULT_METER_TIME_ZONE);
    if (wall === undefined) throw new RangeError(`unknown time zone '${spec.meterTimeZone ?? ''}'`);
    clock = wall;
  }
  return {
    ser: spec.ser ?? 0,
    currentHundredths: toHundredths(spec.registerMl, unit),
    currentUnit: unit,
    settlementHundredths: toHundredths(billing, unit),
    settlementUnit: unit,
    clock,
    status: spec.status ?? 0,
    diHighByteFirst: false,
  };
}

/** The meter's answer to a read-data request: C = 81h, DI 901F. */
export function encodeReadDataResponse(spec: Cjt188ReadingSpec, preamble = 0): Uint8Array {
  return encodeFrame(
    { meterType: spec.meterType, addressWire: addressWire(spec.address), control: 0x81, data: encodeMeterData(meterDataFromSpec(spec)) },
    preamble,
  );
}

/** The master's read-data request: C = 01h, L = 3, DI 901F (sent 1F 90), SER. */
export function encodeReadDataRequest(meterType: number, address: string, ser = 0, preamble = 0): Uint8Array {
  return encodeFrame({ meterType, addressWire: addressWire(address), control: 0x01, data: Uint8Array.of(0x1f, 0x90, ser & 0xff) }, preamble);
}
