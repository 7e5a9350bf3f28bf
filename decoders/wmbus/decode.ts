/**
 * decodeWmbus: bytes + context → DecodeResult. Parses the layers (parse.ts), hands manufacturer
 * CIs and manufacturer data blocks to manufacturerFormats, maps records to the canonical reading
 * (records-to-reading.ts). Never throws on bad bytes: an unexpected exception is caught at the
 * boundary and reported as DECODE_MALFORMED with the exception text.
 */
import type { DecodeContext, DecodeResult, DecodedAlarm, DecodedReading, HistoryValue } from '../core/types.js';
import { DecodeErrorCode, decodeError, type DecodeError } from '../core/errors.js';
import { manufacturerFormats as defaultManufacturerFormats } from './manufacturer/index.js';
import type { ManufacturerFormat, ManufacturerValues, WmbusAddress } from './manufacturer/types.js';
import { recordKey } from './dif-vif.js';
import { parseTelegram, type ParseOptions, type ParsedTelegram } from './parse.js';
import { recordsToReading, type ReadingParts } from './records-to-reading.js';
import type { RawAlarm } from './status.js';
import { matchesMvt, type VendorProfile } from './vendors/types.js';
import { vendorProfileFor, vendorProfiles as defaultVendorProfiles } from './vendors/index.js';

export const WMBUS_DECODER_ID = 'wmbus';

export interface DecodeOptions extends ParseOptions {
  vendorProfiles?: readonly VendorProfile[];
}

const failure = (error: DecodeError): DecodeResult => ({ ok: false, decoder: WMBUS_DECODER_ID, error });

function findFormat(formats: readonly ManufacturerFormat[], address: WmbusAddress, want: (f: ManufacturerFormat) => boolean): ManufacturerFormat | undefined {
  return formats.find((f) => want(f) && matchesMvt(f.detect.mvt, address));
}

function metaOf(p: ParsedTelegram): Record<string, string | number | boolean | null> {
  const meta: Record<string, string | number | boolean | null> = {
    meterId: p.address.id,
    frame: p.frame,
    frameFormat: p.frameFormat,
    cField: p.cField,
    manufacturer: p.address.manufacturer,
    version: p.address.version,
    deviceType: p.address.deviceType,
    ci: p.ci,
    security: p.security,
    plaintextAsGiven: p.plainAsGiven,
  };
  if (p.linkAddress && p.linkAddress.id !== p.address.id) meta.linkId = p.linkAddress.id;
  if (p.tpl?.accessNumber !== undefined) meta.accessNumber = p.tpl.accessNumber;
  if (p.tpl?.config) meta.securityMode = p.tpl.config.securityMode;
  if (p.formatSignature !== undefined) meta.formatSignature = p.formatSignature;
  if (p.afl?.messageCounter !== undefined) meta.messageCounter = p.afl.messageCounter;
  return meta;
}

/**
 * The id the result reports (a format may re-order the link address, Diehl PRIOS) and the link-layer
 * id beside it when they differ, so meta.meterId always equals the readings' meterId.
 */
function idMeta(p: ParsedTelegram, meterId: string): Record<string, string> {
  const linkId = p.linkAddress?.id ?? p.address.id;
  return { meterId, ...(linkId !== meterId ? { linkId } : {}) };
}

function toAlarms(raw: readonly RawAlarm[], meterId: string, time: string): DecodedAlarm[] {
  return raw.map((a) => ({ kind: a.kind, meterId, time, detail: a.detail, ...(a.historic ? { historic: true } : {}) }));
}

/** Fill the canonical fields a manufacturer format found and the standard records did not. */
function mergeManufacturerValues(parts: ReadingParts, v: ManufacturerValues): void {
  const r = parts.reading;
  r.registerMl ??= v.registerMl;
  r.billingDateRegisterMl ??= v.billingDateRegisterMl;
  r.billingDate ??= v.billingDate;
  r.reverseMl ??= v.reverseMl;
  r.flowLph ??= v.flowLph;
  r.maxFlowLph ??= v.maxFlowLph;
  r.waterTemperatureC ??= v.waterTemperatureC;
  r.ambientTemperatureC ??= v.ambientTemperatureC;
  r.batteryV ??= v.batteryV;
  r.statusBits ??= v.statusBits;
  for (const key of Object.keys(r) as Array<keyof typeof r>) if (r[key] === undefined) delete r[key];
  if (v.time && !parts.meterTime) parts.meterTime = v.time;
  parts.alarms.push(...v.alarms.map((a) => ({ kind: a.kind, detail: a.detail ?? a.kind, ...(a.historic ? { historic: true } : {}) })));
  parts.history.push(...v.history);
  parts.warnings.push(...v.warnings);
  Object.assign(parts.meta, v.meta);
}

function emptyParts(): ReadingParts {
  return { reading: {}, history: [], alarms: [], meta: {}, warnings: [] };
}

function assemble(p: ParsedTelegram, parts: ReadingParts, ctx: DecodeContext, meterIdOverride?: string): DecodeResult {
  const meterId = meterIdOverride ?? p.address.id;
  const time = parts.meterTime ?? ctx.receivedAt;
  const warnings = [...p.warnings, ...parts.warnings];
  const readings: DecodedReading[] = [];
  const { registerMl, ...rest } = parts.reading;
  if (registerMl !== undefined) {
    readings.push({ meterId, time, timeFromMeter: parts.meterTime !== undefined, registerMl, ...rest });
  } else {
    // Every reading carries a register; values that only a reading could hold are named, not lost silently.
    const { billingDateRegisterMl: _b, billingDate: _d, ...unplaced } = rest;
    const left = Object.entries(unplaced).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v)}`);
    warnings.push(`telegram carries no volume register: no reading produced${left.length > 0 ? `; not reported: ${left.join(', ')}` : ''}`);
  }
  const history: HistoryValue[] = parts.history.map((h) => ({ meterId, ...h }));
  return {
    ok: true,
    decoder: WMBUS_DECODER_ID,
    readings,
    history,
    alarms: toAlarms(parts.alarms, meterId, time),
    warnings,
    meta: { ...metaOf(p), ...parts.meta, ...idMeta(p, meterId), ...(registerMl === undefined ? { billingDateRegisterMl: parts.reading.billingDateRegisterMl ?? null, billingDate: parts.reading.billingDate ?? null } : {}) },
  };
}

function decodeUnsafe(bytes: Uint8Array, ctx: DecodeContext, options: DecodeOptions): DecodeResult {
  const parsed = parseTelegram(bytes, ctx, options);
  if (!parsed.ok) return failure(parsed.error);
  const p = parsed.value;
  const formats = options.manufacturerFormats ?? defaultManufacturerFormats;

  if (!p.records) {
    // Manufacturer CI (A0..B7): the whole frame belongs to a manufacturer format.
    const address = p.linkAddress ?? p.address;
    const format = p.claimedBy ?? findFormat(formats, address, (f) => f.detect.ci.includes(p.ci) && f.decodeFrame !== undefined);
    if (!format?.decodeFrame) {
      return failure(
        decodeError(DecodeErrorCode.UNKNOWN_FORMAT, `no manufacturer format for CI ${p.ci.toString(16)} of ${address.manufacturer}`, {
          details: { ci: p.ci, manufacturer: address.manufacturer, version: address.version, deviceType: address.deviceType },
        }),
      );
    }
    const r = format.decodeFrame({ cField: p.cField, address, ci: p.ci, body: p.payload, telegram: p.telegram }, ctx);
    if (!r.ok) return failure(r.error);
    const parts = emptyParts();
    mergeManufacturerValues(parts, r.values);
    parts.meta.manufacturerFormat = format.id;
    return assemble(p, parts, ctx, r.values.meterId);
  }

  const vendor = vendorProfileFor(p.address, options.vendorProfiles ?? defaultVendorProfiles);
  let meterIdOverride: string | undefined = p.meterIdOverride;
  const payloadFormat = findFormat(formats, p.address, (f) => f.decodePayload !== undefined);
  if (payloadFormat?.decodePayload) {
    // The vendor's payload is not DIF/VIF records: only the format knows what it holds.
    const plain = p.payload[0] === 0x2f && p.payload[1] === 0x2f ? p.payload.subarray(2) : p.payload;
    const r = payloadFormat.decodePayload(p.address, plain, ctx);
    if (!r.ok) return failure(r.error);
    const parts = recordsToReading([], ctx, p.tpl?.status, vendor);
    mergeManufacturerValues(parts, r.values);
    parts.meta.manufacturerFormat = payloadFormat.id;
    return assemble(p, parts, ctx, r.values.meterId ?? meterIdOverride);
  }
  const parts = recordsToReading(p.records.records, ctx, p.tpl?.status, vendor);
  if (vendor) parts.meta.vendorProfile = vendor.id;
  for (const rec of p.records.records) {
    if (rec.vifTable !== 'manufacturer') continue;
    const key = recordKey(rec);
    const f = findFormat(formats, p.address, (x) => x.decodeVendorRecord !== undefined && (x.detect.vendorRecords ?? []).includes(key));
    if (!f?.decodeVendorRecord) continue;
    const r = f.decodeVendorRecord(p.address, { key, data: rec.data }, ctx);
    if (r.ok) {
      mergeManufacturerValues(parts, r.values);
      parts.meta.manufacturerFormat = f.id;
      meterIdOverride ??= r.values.meterId;
    } else {
      parts.warnings.push(`vendor record ${key} not decoded: ${r.error.code} ${r.error.message}`);
    }
  }
  const block = p.records.manufacturerData;
  if (block && block.length > 0) {
    const format = findFormat(formats, p.address, (f) => f.decodeDataBlock !== undefined);
    if (format?.decodeDataBlock) {
      const r = format.decodeDataBlock(p.address, block, ctx);
      if (r.ok) {
        mergeManufacturerValues(parts, r.values);
        parts.meta.manufacturerFormat = format.id;
        meterIdOverride ??= r.values.meterId;
      } else {
        parts.warnings.push(`manufacturer data block not decoded: ${r.error.code} ${r.error.message}`);
      }
    } else {
      parts.warnings.push(`${block.length} bytes of manufacturer-specific data (DIF 0F/1F) not decoded: no format for ${p.address.manufacturer}`);
    }
  }
  return assemble(p, parts, ctx, meterIdOverride);
}

export function decodeWmbus(bytes: Uint8Array, ctx: DecodeContext, options: DecodeOptions = {}): DecodeResult {
  try {
    return decodeUnsafe(bytes, ctx, options);
  } catch (e) {
    // Only a bug gets here; it is still reported as a value so one bad frame never stops a pipeline.
    return failure(decodeError(DecodeErrorCode.MALFORMED, `internal decoder failure: ${e instanceof Error ? e.message : String(e)}`));
  }
}
