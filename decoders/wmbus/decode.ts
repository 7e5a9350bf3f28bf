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
import { formatsOf } from './by-manufacturer.js';
import { vendorProfileFor, vendorProfiles as defaultVendorProfiles } from './vendors/index.js';

export const WMBUS_DECODER_ID = 'wmbus';

export interface DecodeOptions extends ParseOptions {
  vendorProfiles?: readonly VendorProfile[];
}

const failure = (error: DecodeError): DecodeResult => ({ ok: false, decoder: WMBUS_DECODER_ID, error });

type FormatRole = 'decodeFrame' | 'decodePayload' | 'decodeDataBlock';

/** The first format for this address that has the decode function `role` (and, for CI claims, handles the CI). */
function findFormat(formats: readonly ManufacturerFormat[], address: WmbusAddress, role: FormatRole, ci?: number): ManufacturerFormat | undefined {
  for (const f of formatsOf(formats, address.manufacturer)) {
    if (f[role] !== undefined && (ci === undefined || f.detect.ci.includes(ci)) && matchesMvt(f.detect.mvt, address)) return f;
  }
  return undefined;
}

function findVendorRecordFormat(formats: readonly ManufacturerFormat[], address: WmbusAddress, key: string): ManufacturerFormat | undefined {
  for (const f of formatsOf(formats, address.manufacturer)) {
    if (f.decodeVendorRecord !== undefined && (f.detect.vendorRecords ?? []).includes(key) && matchesMvt(f.detect.mvt, address)) return f;
  }
  return undefined;
}

type Meta = Record<string, string | number | boolean | null>;

function metaOf(p: ParsedTelegram): Meta {
  const meta: Meta = {
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

function toAlarms(raw: readonly RawAlarm[], meterId: string, time: string): DecodedAlarm[] {
  const alarms: DecodedAlarm[] = [];
  for (const a of raw) {
    alarms.push(a.historic ? { kind: a.kind, meterId, time, detail: a.detail, historic: true } : { kind: a.kind, meterId, time, detail: a.detail });
  }
  return alarms;
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

/** Parts with nothing read yet; `meta` starts as the telegram's facts (metaOf), as in recordsToReading. */
function emptyParts(meta: Meta): ReadingParts {
  return { reading: {}, history: [], alarms: [], meta, warnings: [] };
}

function assemble(p: ParsedTelegram, parts: ReadingParts, ctx: DecodeContext, meterIdOverride?: string): DecodeResult {
  const meterId = meterIdOverride ?? p.address.id;
  const time = parts.meterTime ?? ctx.receivedAt;
  const warnings = p.warnings; // this telegram's own array: the reading's warnings are appended to it
  for (const w of parts.warnings) warnings.push(w);
  const readings: DecodedReading[] = [];
  const partial = parts.reading;
  const registerMl = partial.registerMl;
  if (registerMl !== undefined) {
    const reading: DecodedReading = { meterId, time, timeFromMeter: parts.meterTime !== undefined, registerMl };
    const fields = reading as unknown as Record<string, unknown>;
    for (const k in partial) if (k !== 'registerMl') fields[k] = partial[k as keyof typeof partial];
    readings.push(reading);
  } else {
    // Every reading carries a register; values that only a reading could hold are named, not lost silently.
    const left: string[] = [];
    for (const [k, v] of Object.entries(partial)) {
      if (v !== undefined && k !== 'billingDateRegisterMl' && k !== 'billingDate' && k !== 'registerMl') left.push(`${k}=${String(v)}`);
    }
    warnings.push(`telegram carries no volume register: no reading produced${left.length > 0 ? `; not reported: ${left.join(', ')}` : ''}`);
  }
  const history: HistoryValue[] = [];
  for (const h of parts.history) history.push({ meterId, ...h });
  // parts.meta began as metaOf(p) and took the reading's facts in order, so its keys come in the
  // order { ...metaOf(p), ...readingFacts, meterId, linkId?, billing? } gives.
  const meta = parts.meta;
  meta.meterId = meterId;
  // The id the result reports (a format may re-order the link address, Diehl PRIOS) and the
  // link-layer id beside it when they differ, so meta.meterId always equals the readings' meterId.
  const linkId = p.linkAddress?.id ?? p.address.id;
  if (linkId !== meterId) meta.linkId = linkId;
  if (registerMl === undefined) {
    meta.billingDateRegisterMl = partial.billingDateRegisterMl ?? null;
    meta.billingDate = partial.billingDate ?? null;
  }
  return { ok: true, decoder: WMBUS_DECODER_ID, readings, history, alarms: toAlarms(parts.alarms, meterId, time), warnings, meta };
}

function decodeUnsafe(bytes: Uint8Array, ctx: DecodeContext, options: DecodeOptions): DecodeResult {
  const parsed = parseTelegram(bytes, ctx, options);
  if (!parsed.ok) return failure(parsed.error);
  const p = parsed.value;
  const formats = options.manufacturerFormats ?? defaultManufacturerFormats;

  if (!p.records) {
    // Manufacturer CI (A0..B7): the whole frame belongs to a manufacturer format.
    const address = p.linkAddress ?? p.address;
    const format = p.claimedBy ?? findFormat(formats, address, 'decodeFrame', p.ci);
    if (!format?.decodeFrame) {
      return failure(
        decodeError(DecodeErrorCode.UNKNOWN_FORMAT, `no manufacturer format for CI ${p.ci.toString(16)} of ${address.manufacturer}`, {
          details: { ci: p.ci, manufacturer: address.manufacturer, version: address.version, deviceType: address.deviceType },
        }),
      );
    }
    const r = format.decodeFrame({ cField: p.cField, address, ci: p.ci, body: p.payload, telegram: p.telegram }, ctx);
    if (!r.ok) return failure(r.error);
    const parts = emptyParts(metaOf(p));
    mergeManufacturerValues(parts, r.values);
    parts.meta.manufacturerFormat = format.id;
    return assemble(p, parts, ctx, r.values.meterId);
  }

  const vendor = vendorProfileFor(p.address, options.vendorProfiles ?? defaultVendorProfiles);
  let meterIdOverride: string | undefined = p.meterIdOverride;
  const payloadFormat = findFormat(formats, p.address, 'decodePayload');
  if (payloadFormat?.decodePayload) {
    // The vendor's payload is not DIF/VIF records: only the format knows what it holds.
    const plain = p.payload[0] === 0x2f && p.payload[1] === 0x2f ? p.payload.subarray(2) : p.payload;
    const r = payloadFormat.decodePayload(p.address, plain, ctx);
    if (!r.ok) return failure(r.error);
    const parts = recordsToReading([], ctx, p.tpl?.status, vendor, metaOf(p));
    mergeManufacturerValues(parts, r.values);
    parts.meta.manufacturerFormat = payloadFormat.id;
    return assemble(p, parts, ctx, r.values.meterId ?? meterIdOverride);
  }
  const parts = recordsToReading(p.records.records, ctx, p.tpl?.status, vendor, metaOf(p));
  if (vendor) parts.meta.vendorProfile = vendor.id;
  for (const rec of p.records.records) {
    if (rec.vifTable !== 'manufacturer') continue;
    const key = recordKey(rec);
    const f = findVendorRecordFormat(formats, p.address, key);
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
    const format = findFormat(formats, p.address, 'decodeDataBlock');
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
