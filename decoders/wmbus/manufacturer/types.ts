/**
 * Interface between the generic wM-Bus/OMS decoder (decoders/wmbus/) and the
 * manufacturer-specific formats (this folder): manufacturer CI fields (A0..B7), vendor
 * scrambling or obfuscation, and vendor data blocks after the manufacturer-specific DIF
 * (0x0F / 0x1F, EN 13757-3 §6.3.3).
 *
 * The generic decoder parses the link layer (and the ELL/AFL where present), then hands the
 * frame to the first format whose `detect` matches (CI in `ci`, M/version/type in `mvt`, then
 * `accepts` where present): `decodeFrame` for manufacturer CIs and for vendor layouts behind a
 * standard CI, `unwrapFrame` where a vendor only hides a standard DIF/VIF payload. In the OMS
 * payload of a frame whose mvt matches a format, it calls `decodePayload` (whole payload),
 * `decodeDataBlock` (bytes after DIF 0x0F/0x1F) or `decodeVendorRecord` (records listed in
 * `detect.vendorRecords`) and merges the values over the standard records. The index also exports
 * `vendorDefaultAesKeys` for mode-5 frames without a configured key. Formats are pure and never throw.
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

/** A record with a manufacturer-specific VIF (0x7F / 0xFF, EN 13757-3 §6.4.4) handed to a format. */
export interface VendorRecord {
  /** DIF, DIFEs, VIF and VIFEs in upper-case hex, without the LVAR byte, e.g. '0DFF5F'. */
  key: string;
  /** The record's data bytes (after the LVAR byte for variable-length records). */
  data: Uint8Array;
}

/**
 * A standard DIF/VIF payload recovered from a vendor transformation (Diehl REAL_DATA scrambling),
 * for the generic decoder to parse as usual.
 */
export type UnwrapResult =
  | {
      ok: true;
      /** The application payload (DIF/VIF records), without the TPL header. */
      payload: Uint8Array;
      /** Meter id to report when the vendor codes the link address differently (Diehl swapping). */
      meterId?: string;
      /** The address read the vendor's way, where it differs from the link layer's. */
      address?: WmbusAddress;
      warnings: string[];
      meta: Record<string, string | number | boolean | null>;
    }
  | { ok: false; error: DecodeError };

export interface ManufacturerFormat {
  id: string;
  description: string;
  references: string[];
  detect: {
    /** CI fields this format handles (manufacturer CIs), empty for data-block formats. */
    ci: number[];
    /** Manufacturer / version / device-type triples; omitted v or t match any. */
    mvt: Array<{ m: string; v?: number; t?: number }>;
    /**
     * Optional finer check on a frame that already matched `ci` and `mvt`, for vendor layouts
     * behind a standard CI that only a TPL configuration word or flag bit tells apart (BMeters
     * RFM-TX1 cfg 0x1006, Diehl REAL_DATA cfg bit 12). False means "not this format": try the
     * next format or decode the frame as standard OMS. Pure and cheap; never throws.
     */
    accepts?: (frame: ManufacturerFrame) => boolean;
    /**
     * Manufacturer-specific records (VIF 0x7F/0xFF) this format decodes with `decodeVendorRecord`,
     * as `VendorRecord.key` strings, e.g. '0DFF5F' (Qundis walk-by block).
     */
    vendorRecords?: string[];
  };
  /** Decode a frame whose CI is one of `detect.ci`. */
  decodeFrame?: (frame: ManufacturerFrame, ctx: DecodeContext) => ManufacturerResult;
  /** Decode the vendor bytes that follow a manufacturer-specific DIF (0x0F/0x1F) in an OMS payload. */
  decodeDataBlock?: (address: WmbusAddress, block: Uint8Array, ctx: DecodeContext) => ManufacturerResult;
  /**
   * Decode a whole plaintext application payload (after TPL decryption and the leading 2F2F
   * fill) of a frame with a standard CI whose mvt matches, for vendors whose payload is not DIF/VIF
   * records at all (Apator at-wmbus-16-2 payloads may start with 0x80 instead of the 0x0F DIF).
   * When a format has both, the generic decoder should prefer this over `decodeDataBlock`.
   */
  decodePayload?: (address: WmbusAddress, payload: Uint8Array, ctx: DecodeContext) => ManufacturerResult;
  /**
   * Undo a vendor transformation of a frame with a standard CI (matched by `ci`, `mvt` and
   * `accepts`) and return the standard DIF/VIF payload for the generic record parser.
   */
  unwrapFrame?: (frame: ManufacturerFrame, ctx: DecodeContext) => UnwrapResult;
  /** Decode the data of a manufacturer-specific record listed in `detect.vendorRecords`. */
  decodeVendorRecord?: (address: WmbusAddress, record: VendorRecord, ctx: DecodeContext) => ManufacturerResult;
}
