/**
 * Interface between the generic wM-Bus/OMS decoder (decoders/wmbus/) and the
 * manufacturer-specific formats (this folder): manufacturer CI fields (A0..B7), vendor
 * scrambling or obfuscation, and vendor data blocks after the manufacturer-specific DIF
 * (0x0F / 0x1F, EN 13757-3 §6.3.3).
 *
 * The generic decoder parses the link layer (and the ELL/AFL where present), then hands the
 * frame to the first format whose `detect` matches. Formats are pure and never throw.
 */
import type { DecodeContext, AlarmKind } from '../../core/types.js';
import type { DecodeError } from '../../core/errors.js';

export interface WmbusAddress {
  /** Three-letter manufacturer code (EN 13757-3 §6.3.2 / FLAG association), e.g. 'KAM'. */
  manufacturer: string;
  /** Identification number as printed by meters and wmbusmeters: 8 hex digits, e.g. '00149c06'. */
  id: string;
  version: number;
  deviceType: number;
}

export interface ManufacturerFrame {
  cField: number;
  /** Link-layer address (for Diehl PRIOS frames, as on the wire; the format may re-order it). */
  address: WmbusAddress;
  /** The CI field that starts the transport/application layer. */
  ci: number;
  /** Bytes after the CI field, block CRCs already removed. */
  body: Uint8Array;
  /** The whole telegram without block CRCs, from the L field on. */
  telegram: Uint8Array;
}

/** Canonical values a manufacturer format extracts. Volumes in integer millilitres. */
export interface ManufacturerValues {
  /** Meter id to report, when the format says it differs from the link-layer id. */
  meterId?: string;
  /** Time the meter stamped the values with, ISO 8601 UTC; else the receive time is used. */
  time?: string;
  registerMl?: number;
  billingDateRegisterMl?: number;
  billingDate?: string;
  reverseMl?: number;
  flowLph?: number;
  maxFlowLph?: number;
  waterTemperatureC?: number;
  ambientTemperatureC?: number;
  batteryV?: number;
  statusBits?: number;
  alarms: Array<{ kind: AlarmKind; detail?: string; historic?: boolean }>;
  history: Array<{ time: string; registerMl: number; kind: 'billing_date' | 'interval' | 'monthly' | 'daily' }>;
  warnings: string[];
  meta: Record<string, string | number | boolean | null>;
}

export type ManufacturerResult = { ok: true; values: ManufacturerValues } | { ok: false; error: DecodeError };

export interface ManufacturerFormat {
  id: string;
  description: string;
  references: string[];
  detect: {
    /** CI fields this format handles (manufacturer CIs), empty for data-block formats. */
    ci: number[];
    /** Manufacturer / version / device-type triples; omitted v or t match any. */
    mvt: Array<{ m: string; v?: number; t?: number }>;
  };
  /** Decode a frame whose CI is one of `detect.ci`. */
  decodeFrame?: (frame: ManufacturerFrame, ctx: DecodeContext) => ManufacturerResult;
  /** Decode the vendor bytes that follow a manufacturer-specific DIF (0x0F/0x1F) in an OMS payload. */
  decodeDataBlock?: (address: WmbusAddress, block: Uint8Array, ctx: DecodeContext) => ManufacturerResult;
}
