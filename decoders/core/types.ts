/**
 * The decoder contract shared by every protocol and vendor module.
 *
 * A decoder is a pure function `(bytes, context) => DecodeResult`. It never throws on bad bytes,
 * never mutates its input, and reads no clock or I/O: everything it needs is in the context.
 * Volumes are integer millilitres; times are ISO 8601 strings in UTC.
 */
import type { DecodeError } from './errors.js';

/** What the device registry knows about the sender, handed to the decoder. */
export interface DecodeContext {
  /** When the uplink reached us (ISO 8601, UTC). Readings without a time of their own use it. */
  receivedAt: string;
  /** The device id in our registry (DevEUI, IMEI, wM-Bus id, ...), where known. */
  deviceId?: string;
  /** The meter id to report when the payload itself does not carry one. */
  meterId?: string;
  /** Device model as registered (`vendor/model`), used to pick vendor formats. */
  model?: string;
  /** AES-128 key (32 hex digits) or DES key (16 hex digits) for encrypted payloads. */
  key?: string;
  /** LoRaWAN frame port. */
  fPort?: number;
  /** Time zone of the meter's local clock for payloads that carry local time without offset. */
  meterTimeZone?: string;
  /**
   * Volume per pulse in integer millilitres, for pulse counters (the weight of the meter's pulse
   * output, from the device registry). Decoders that count pulses say in a warning when it is
   * absent and which default they used.
   */
  pulseVolumeMl?: number;
}

/** Named meter conditions a payload can report. */
export type AlarmKind =
  | 'leak'
  | 'burst'
  | 'backflow'
  | 'tamper'
  | 'magnet'
  | 'removal'
  | 'low_battery'
  | 'dry_pipe'
  | 'meter_error'
  | 'valve_fault'
  | 'valve_closed'
  | 'over_temperature'
  | 'under_temperature'
  | 'overflow'
  | 'sensor_fault'
  | 'communication_error';

export interface DecodedAlarm {
  kind: AlarmKind;
  meterId: string;
  /** Payload time or receive time. */
  time: string;
  /** The vendor's own text or bit name, for engineers. */
  detail?: string;
  /** True when the payload says the condition happened earlier but is no longer present. */
  historic?: boolean;
}

/** One register reading. Every field but meterId, time and registerMl is optional. */
export interface DecodedReading {
  meterId: string;
  /** When the value was measured: from the payload when it carries a time, else the receive time. */
  time: string;
  /** True when `time` comes from the payload, false when it is the receive time. */
  timeFromMeter: boolean;
  /** Total forward volume register, integer millilitres. */
  registerMl: number;
  /** Register at the meter's own billing date (wmbusmeters "target"), integer millilitres. */
  billingDateRegisterMl?: number;
  /** The billing date that `billingDateRegisterMl` belongs to (YYYY-MM-DD or ISO time). */
  billingDate?: string;
  /** Reverse (backflow) volume register, integer millilitres. */
  reverseMl?: number;
  /** Instantaneous or recent flow, litres per hour. */
  flowLph?: number;
  /** Maximum flow over the meter's own interval, litres per hour. */
  maxFlowLph?: number;
  waterTemperatureC?: number;
  ambientTemperatureC?: number;
  /** Battery voltage in volts, or remaining life where the meter reports that instead. */
  batteryV?: number;
  batteryPercent?: number;
  /** Meter-reported status/error bits as the payload gives them (vendor specific). */
  statusBits?: number;
  /** Valve state for meters with a valve (CJ/T 188 and prepaid meters). */
  valve?: 'open' | 'closed' | 'fault';
  /** Radio quality where the payload reports it. */
  rssiDbm?: number;
}

/** A past register value a payload carries (monthly or interval history). */
export interface HistoryValue {
  meterId: string;
  time: string;
  registerMl: number;
  /** 'billing_date' for a set-day value, 'interval' for a logged value, 'monthly' for month ends. */
  kind: 'billing_date' | 'interval' | 'monthly' | 'daily';
  /** OMS storage number, where the value came from a storage record. */
  storage?: number;
}

export interface DecodeSuccess {
  ok: true;
  /** Id of the decoder that produced the result. */
  decoder: string;
  readings: DecodedReading[];
  history: HistoryValue[];
  alarms: DecodedAlarm[];
  /** Things the decoder skipped or doubted but that did not stop it (unknown records...). */
  warnings: string[];
  /** Protocol facts useful to engineers (manufacturer, version, device type, access number...). */
  meta: Record<string, string | number | boolean | null>;
}

export interface DecodeFailure {
  ok: false;
  decoder: string;
  error: DecodeError;
}

export type DecodeResult = DecodeSuccess | DecodeFailure;

/** Detection keys: how the registry finds a decoder for a payload or a device. */
export interface DetectionKeys {
  /** wM-Bus manufacturer (3 letters), version and device type (`mvt`), e.g. { m: 'KAM', v: 0x1b, t: 0x16 }. */
  wmbus?: Array<{ m: string; v?: number; t?: number }>;
  /** CJ/T 188 meter type byte and optional manufacturer code. */
  cjt188?: Array<{ meterType: number; manufacturer?: string }>;
  /** LoRaWAN vendor/model with the fPorts it uses. */
  lora?: Array<{ vendor: string; model: string; fPorts?: number[] }>;
  /** Device model strings (`vendor/model`) that select this decoder directly. */
  models?: string[];
}

export interface DecoderDefinition {
  /** Unique id, e.g. `wmbus`, `cjt188`, `lora/kamstrup/flowiq2200`. */
  id: string;
  protocol: 'wmbus' | 'mbus' | 'cjt188' | 'lora' | 'json';
  description: string;
  detect: DetectionKeys;
  /** Cheap structural check: could these bytes be this format? Used for format recognition. */
  recognise?: (bytes: Uint8Array, context: DecodeContext) => boolean;
  decode: (bytes: Uint8Array, context: DecodeContext) => DecodeResult;
  /** Spec clauses or vendor documents the decoder follows. */
  references: string[];
}
