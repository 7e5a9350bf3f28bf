/**
 * What the gateway and the rating engine must know about a simulated fleet: its devices and
 * meters (the device registry and the meters table) and its accounts (the rating engine's
 * import record, rating/accounts/record-schema.ts), as rows and as the files `simulate` writes.
 */
import { METER_COLUMNS } from '../../gateway/devices/meter-input.js';
import type { AccountRecordInput } from '../../rating/accounts/record-schema.js';
import type { DeviceTransport } from '../../gateway/devices/device.js';
import { modelOf } from './models/index.js';
import { Calendar } from './calendar.js';
import type { Fleet, MeterSpec, PathKind } from './types.js';

export interface DeviceRow {
  deviceId: string;
  transport: DeviceTransport;
  decoder?: string;
  model?: string;
  meterId: string;
  /** AES key (hex) of an encrypting meter. */
  aesKey?: string;
  /** The device's own login secret (direct MQTT, CoAP), in clear: the registry stores it hashed. */
  secret?: string;
  meterTimeZone?: string;
}

export interface MeterRow {
  meterId: string;
  serialNumber: string;
  manufacturer: string;
  model: string;
  diameterMm: number;
  registerDigits: number;
  meterClass: string;
  q3Lph: number;
  q4Lph: number;
  expectedIntervalS: number;
}

const TRANSPORT_OF_PATH: Record<PathKind, DeviceTransport> = {
  wmbus: 'mqtt',
  mqtt: 'mqtt',
  coap: 'coap',
  chirpstack: 'chirpstack',
  tts: 'tts',
};

const MANUFACTURER: Record<MeterSpec['model'], string> = {
  'apator-ultrimis': 'Apator',
  'axioma/qalcosonic-w1': 'Axioma',
  'dragino/sw3l': 'Dragino',
  cjt188: 'CJ/T 188',
};

export function deviceRowOf(spec: MeterSpec, timeZone: string): DeviceRow {
  const model = modelOf(spec.model);
  return {
    deviceId: spec.deviceId,
    transport: TRANSPORT_OF_PATH[spec.path],
    ...(model.registry.decoder !== undefined ? { decoder: model.registry.decoder } : {}),
    ...(model.registry.model !== undefined ? { model: model.registry.model } : {}),
    meterId: spec.meterId,
    ...(spec.aesKey !== undefined ? { aesKey: spec.aesKey } : {}),
    ...(spec.secret !== undefined ? { secret: spec.secret } : {}),
    ...(spec.model === 'cjt188' ? { meterTimeZone: timeZone } : {}),
  };
}

export function meterRowOf(spec: MeterSpec, intervalS: number): MeterRow {
  return {
    meterId: spec.meterId,
    serialNumber: spec.wmbus?.id ?? spec.cjt188?.address ?? spec.lora?.devEui ?? spec.deviceId,
    manufacturer: MANUFACTURER[spec.model],
    model: spec.model,
    diameterMm: spec.diameterMm,
    registerDigits: spec.registerDigits,
    meterClass: spec.meterClass,
    q3Lph: spec.q3Lph,
    q4Lph: Math.round(spec.q3Lph * 1.25),
    expectedIntervalS: intervalS,
  };
}

export const deviceRowsOf = (fleet: Fleet): DeviceRow[] =>
  fleet.meters.map((m) => deviceRowOf(m, fleet.options.timeZone));
export const meterRowsOf = (fleet: Fleet): MeterRow[] =>
  fleet.meters.map((m) => meterRowOf(m, fleet.options.intervalS));

/** The devices file: the gateway's import format (`meterflow devices import`, gateway/devices/csv-import.ts). */
export const DEVICE_CSV_COLUMNS = [
  'device_id',
  'transport',
  'decoder',
  'model',
  'meter_id',
  'aes_key',
  'secret',
  'pulse_volume_ml',
  'meter_time_zone',
] as const;

/** The meters file: one row of the meters table per meter (class, size, register, reporting interval). */
export const METER_CSV_COLUMNS = METER_COLUMNS;

function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: readonly string[], rows: Array<Array<string | number | undefined>>): string {
  return `${[header.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n')}\n`;
}

/** The devices CSV (RFC 4180, header line, one device per line). */
export function devicesCsv(fleet: Fleet): string {
  return csv(
    DEVICE_CSV_COLUMNS,
    deviceRowsOf(fleet).map((d) => [
      d.deviceId,
      d.transport,
      d.decoder,
      d.model,
      d.meterId,
      d.aesKey,
      d.secret,
      undefined,
      d.meterTimeZone,
    ]),
  );
}

/** The meters CSV (RFC 4180, header line, one meter per line). */
export function metersCsv(fleet: Fleet): string {
  return csv(
    METER_CSV_COLUMNS,
    meterRowsOf(fleet).map((m) => [
      m.meterId,
      m.serialNumber,
      m.manufacturer,
      m.model,
      m.diameterMm,
      m.registerDigits,
      m.meterClass,
      m.q3Lph,
      m.q4Lph,
      m.expectedIntervalS,
    ]),
  );
}

export interface AccountOptions {
  /** Category of commercial meters' accounts, as the tariff names it (default non_residential). */
  commercialCategory?: string;
}

/** The register the meter shows at installation (the run's start), at its format's resolution. */
export function shownInitialRegisterMl(spec: MeterSpec): number {
  const step = modelOf(spec.model).resolutionMl;
  return Math.floor(spec.initialRegisterMl / step) * step;
}

/** One account per meter, opened and its meter installed on the run's first (local) day. */
export function accountsOf(fleet: Fleet, options: AccountOptions = {}): AccountRecordInput[] {
  const start = new Calendar(fleet.options.timeZone).at(fleet.options.startMs);
  const readingDay = Math.min(28, start.dayOfMonth);
  return fleet.meters.map((spec) => ({
    accountId: spec.accountId,
    readingDay,
    billingMonths: 1,
    timeZone: fleet.options.timeZone,
    openedOn: start.date,
    categories: [
      {
        from: start.date,
        category: spec.meterClass === 'commercial' ? (options.commercialCategory ?? 'non_residential') : 'residential',
      },
    ],
    ...(spec.householdSize !== undefined
      ? { householdSizes: [{ from: start.date, persons: spec.householdSize }] }
      : {}),
    meters: [
      {
        meterId: spec.meterId,
        installedOn: start.date,
        initialRegisterMl: shownInitialRegisterMl(spec),
        registerDigits: spec.registerDigits,
        diameterMm: spec.diameterMm,
      },
    ],
  }));
}

/** The accounts file in the rating engine's import format (`meterflow accounts import`, .ndjson): one record per line. */
export function accountsNdjson(fleet: Fleet, options: AccountOptions = {}): string {
  return accountsOf(fleet, options)
    .map((a) => JSON.stringify(a))
    .join('\n')
    .concat('\n');
}
