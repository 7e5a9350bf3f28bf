/**
 * Test helpers for the manufacturer formats: split a CRC-free telegram's link header (L, C, M,
 * A = id + version + type, CI) into a `ManufacturerFrame`, and the shape of the vector files.
 * Tests only; the generic decoder builds real frames.
 */
import fc from 'fast-check';
import type { DecodeContext } from '../../core/types.js';
import {
  fromHex,
  idFromWire,
  manufacturerFromCode,
  manufacturerToCode,
  telegramWithHeader,
  u16le,
  u8,
} from './bytes.js';
import type { ManufacturerFrame, ManufacturerValues, WmbusAddress } from './types.js';

export function hexBytes(hex: string): Uint8Array {
  const bytes = fromHex(hex.replace(/[\s|_]/g, ''));
  if (bytes === undefined) throw new Error(`not hex: ${hex}`);
  return bytes;
}

export function addressOf(telegram: Uint8Array): WmbusAddress {
  return {
    manufacturer: manufacturerFromCode(u16le(telegram, 2)),
    id: idFromWire(telegram, 4),
    version: u8(telegram, 8),
    deviceType: u8(telegram, 9),
  };
}

/** The frame the generic decoder would hand over for a telegram without block CRCs. */
export function frameFromTelegram(telegram: Uint8Array): ManufacturerFrame {
  return {
    cField: u8(telegram, 1),
    address: addressOf(telegram),
    ci: u8(telegram, 10),
    body: telegram.slice(11),
    telegram,
  };
}

export const TEST_CONTEXT: DecodeContext = { receivedAt: '2024-01-01T00:00:00.000Z', meterTimeZone: 'UTC' };

/** The canonical values a vector expects: a subset checked with `toMatchObject`. */
export type ExpectedValues = Partial<Omit<ManufacturerValues, 'alarms' | 'history' | 'warnings'>> & {
  alarms?: ManufacturerValues['alarms'];
  history?: ManufacturerValues['history'];
};

interface VectorBase {
  name: string;
  /** Where the telegram and its expected values come from. */
  source: string;
  formatId: string;
  /** Key for the context, where the vector needs one. */
  key?: string;
  /** The canonical values, or the error code the format must return. */
  expected: { values: ExpectedValues } | { error: string };
  /** Meta strings the corpus states only to a prefix (wmbusmeters prints meter times to the minute). */
  expectedMetaPrefix?: Record<string, string>;
}

/** A whole telegram decoded with `decodeFrame` (manufacturer CIs, or standard CIs via `accepts`). */
export interface FrameVector extends VectorBase {
  kind: 'frame';
  telegramHex: string;
}

/** A plaintext telegram whose vendor bytes after the 0x0F DIF go to `decodeDataBlock`. */
export interface DataBlockVector extends VectorBase {
  kind: 'dataBlock';
  /** Link header through the 0x0F DIF. */
  headHex: string;
  /** The vendor block after the 0x0F DIF, to the end of the payload. */
  blockHex: string;
}

/** A plaintext telegram whose whole application payload (after 2F2F) goes to `decodePayload`. */
export interface PayloadVector extends VectorBase {
  kind: 'payload';
  /** Link header, TPL header and 2F2F fill. */
  headHex: string;
  payloadHex: string;
}

/** A manufacturer-specific record handed to `decodeVendorRecord`. */
export interface VendorRecordVector extends VectorBase {
  kind: 'vendorRecord';
  /** Link header, TPL header and any records before the vendor record. */
  headHex: string;
  recordKey: string;
  /** The record's data after its LVAR byte. */
  dataHex: string;
  /** The rest of the telegram, for reference (not decoded here). */
  tailHex: string;
}

/** A frame with a standard CI whose payload `unwrapFrame` must recover. */
export interface UnwrapVector extends VectorBase {
  kind: 'unwrap';
  telegramHex: string;
  expectedUnwrap: { payloadHex: string; meterId?: string; descrambled: boolean };
}

export type ManufacturerVector = FrameVector | DataBlockVector | PayloadVector | VendorRecordVector | UnwrapVector;

/** Never-throw runs per format (the brief asks for at least 20,000 cases each). */
export const NEVER_THROW_RUNS = 20_000;

/**
 * Frames a format could be handed: its own M/version/type and CI with any body (often the
 * interesting case), mixed with telegrams of arbitrary bytes and lengths.
 */
export function frameArbitrary(
  mvt: ReadonlyArray<{ m: string; v?: number; t?: number }>,
  cis: readonly number[],
  maxBody = 96,
): fc.Arbitrary<ManufacturerFrame> {
  const structured = fc
    .record({
      which: fc.nat(),
      ci: fc.constantFrom(...(cis.length === 0 ? [0x7a] : cis)),
      version: fc.integer({ min: 0, max: 255 }),
      deviceType: fc.integer({ min: 0, max: 255 }),
      id: fc.integer({ min: 0, max: 0xffffffff }).map((n) => n.toString(16).padStart(8, '0')),
      body: fc.uint8Array({ maxLength: maxBody }),
    })
    .map(({ which, ci, version, deviceType, id, body }) => {
      const key = mvt[which % Math.max(1, mvt.length)] ?? { m: 'AAA' };
      const t = telegramWithHeader(11 + body.length, {
        manufacturerCode: manufacturerToCode(key.m),
        id,
        version: key.v ?? version,
        deviceType: key.t ?? deviceType,
        ci,
      });
      t.set(body, 11);
      return frameFromTelegram(t);
    });
  const raw = fc.uint8Array({ maxLength: maxBody + 11 }).map(frameFromTelegram);
  return fc.oneof({ arbitrary: structured, weight: 4 }, { arbitrary: raw, weight: 1 });
}

/** Addresses for data-block formats: the format's own keys, or anything. */
export function addressArbitrary(
  mvt: ReadonlyArray<{ m: string; v?: number; t?: number }>,
): fc.Arbitrary<WmbusAddress> {
  return fc
    .record({
      which: fc.nat(),
      version: fc.integer({ min: 0, max: 255 }),
      deviceType: fc.integer({ min: 0, max: 255 }),
    })
    .map(({ which, version, deviceType }) => {
      const key = mvt[which % Math.max(1, mvt.length)] ?? { m: 'AAA' };
      return { manufacturer: key.m, id: '12345678', version: key.v ?? version, deviceType: key.t ?? deviceType };
    });
}

/** Contexts with and without a key, and with a malformed one. */
export const contextArbitrary: fc.Arbitrary<DecodeContext> = fc.oneof(
  fc.constant(TEST_CONTEXT),
  fc.constant({ ...TEST_CONTEXT, key: '00000000000000000000000000000000' }),
  fc.constant({ ...TEST_CONTEXT, key: '39BC8A10E66D83F8' }),
  fc.constant({ ...TEST_CONTEXT, key: 'not-a-key' }),
  fc.constant({ receivedAt: 'not a time', meterTimeZone: 'Not/A_Zone' }),
  fc.constant({ receivedAt: '+275760-09-13T00:00:00.000Z', meterTimeZone: 'Pacific/Kiritimati' }),
);
