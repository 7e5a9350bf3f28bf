/**
 * What a simulated fleet is made of: meters, each speaking one format through one path, with at
 * most one meter-level fault. Plain data (no classes), so a fleet can be written out, compared
 * and handed to tests.
 */

/** How a meter's uplinks reach the gateway. */
export const PATH_KINDS = ['wmbus', 'chirpstack', 'tts', 'coap', 'mqtt'] as const;
export type PathKind = (typeof PATH_KINDS)[number];

/**
 * Faults that belong to a meter for a window of time (one per meter at most). Rates are the
 * share of eligible meters that get the fault.
 */
export const METER_FAULTS = [
  'leak',
  'burst',
  'stuck',
  'reverse',
  'rollover',
  'tamper',
  'drift',
  'offline',
  'fcnt-reset',
] as const;
export type MeterFaultKind = (typeof METER_FAULTS)[number];

/** Faults that hit single uplinks. Rates are the share of eligible uplinks that get the fault. */
export const MESSAGE_FAULTS = ['multi-gateway', 'corrupt', 'truncated'] as const;
export type MessageFaultKind = (typeof MESSAGE_FAULTS)[number];

export type FaultKind = MeterFaultKind | MessageFaultKind;
export const FAULT_KINDS: readonly FaultKind[] = [...METER_FAULTS, ...MESSAGE_FAULTS];

/** The payload format a meter speaks (one module per format in meters/models/). */
export type ModelId = 'apator-ultrimis' | 'axioma/qalcosonic-w1' | 'dragino/sw3l' | 'cjt188';

export type MeterClass = 'residential' | 'commercial';

export interface LoraIdentity {
  devEui: string;
  joinEui: string;
  /** DevAddr of the first session (a rejoin gives a new one). */
  devAddr: string;
  fPort: number;
  /** ChirpStack: the application UUID in the topic; TTS: the application id. */
  applicationId: string;
  /** TTS only: the tenant (`v3/{app}@{tenant}/...`) and the end device id. */
  tenantId?: string;
  ttsDeviceId?: string;
  /** ChirpStack MQTT integration encoding of the meter's application. */
  encoding?: 'json' | 'protobuf';
  /** The gateway that hears the device best, and its link budget. */
  homeGateway: string;
  rssiDbm: number;
  snrDb: number;
}

export interface MeterFault {
  kind: MeterFaultKind;
  /** Window start (UTC ms, on a whole hour) and end (exclusive; the run's end for open-ended faults). */
  startMs: number;
  endMs: number;
  /** Leak flow, burst flow or reverse flow, litres per hour. */
  flowLph?: number;
  /** Clock drift: seconds the meter clock falls behind per hour. */
  driftSPerHour?: number;
  /** True when the fault was asked for with --inject rather than drawn at the rate. */
  requested: boolean;
}

export interface MeterSpec {
  /** 0-based position in the fleet. */
  index: number;
  meterId: string;
  accountId: string;
  /** The id the gateway knows the device by: wM-Bus id, DevEUI (lower-case hex) or IMEI. */
  deviceId: string;
  path: PathKind;
  model: ModelId;
  meterClass: MeterClass;
  diameterMm: number;
  /** Permanent flow Q3 (ISO 4064), litres per hour; Q4 = 1.25 × Q3. */
  q3Lph: number;
  /** The register wraps to 0 at 10^registerDigits m³. */
  registerDigits: number;
  /** Persons in the household (residential accounts). */
  householdSize?: number;
  /** Typical weekday consumption, litres per day, before seasonal and daily variation. */
  dailyLitres: number;
  /** The meter's register at the start of the run, millilitres. */
  initialRegisterMl: number;
  /** When in each interval the meter measures and sends, ms after the interval start (whole seconds). */
  reportOffsetMs: number;
  /** Time from measurement to arrival at the gateway, ms (constant per meter). */
  latencyMs: number;
  /** AES-128 key (hex) for wM-Bus security mode 5. */
  aesKey?: string;
  /** Secret of a device that logs in itself (direct MQTT, CoAP); stored hashed by the gateway. */
  secret?: string;
  /** wM-Bus: manufacturer, version and device type of the telegrams. */
  wmbus?: { id: string; manufacturer: string; version: number; deviceType: number };
  /** CJ/T 188: meter type and printed address (14 digits). */
  cjt188?: { meterType: number; address: string };
  lora?: LoraIdentity;
  fault?: MeterFault;
}

export interface FleetOptions {
  meters: number;
  seed: string;
  /** Start of the run, UTC ms. */
  startMs: number;
  days: number;
  intervalS: number;
  /** Zone of the households' daily rhythm and of meter clocks without offset (CJ/T 188). */
  timeZone: string;
  /** Share of meters per path; normalised. */
  mix: Record<PathKind, number>;
  faultRates: Partial<Record<FaultKind, number>>;
  injections: FaultInjection[];
  /** Share of wM-Bus meters that encrypt with security mode 5. */
  wmbusAesShare: number;
  /** Share of ChirpStack meters whose application publishes Protobuf instead of JSON. */
  chirpstackProtobufShare: number;
  /** Share of meters on commercial (non-residential) accounts. */
  commercialShare: number;
  /** Topic prefixes and ids of the network servers. */
  network: NetworkNames;
}

export interface NetworkNames {
  /** ChirpStack application ids (UUIDs) for the JSON and the Protobuf integrations. */
  chirpstackJsonApplicationId: string;
  chirpstackProtobufApplicationId: string;
  ttsApplicationId: string;
  ttsTenantId: string;
}

/** A fault asked for on one meter: `--inject leak:M000012@2026-10-05T08:00+48h`. */
export interface FaultInjection {
  kind: MeterFaultKind;
  /** Meter id (M000012) or 1-based meter number. */
  meter: string;
  atMs?: number;
  durationMs?: number;
}

export interface Fleet {
  options: FleetOptions;
  meters: MeterSpec[];
  /** End of the run (exclusive), UTC ms: start + days. The last reading is taken at the end. */
  endMs: number;
}
