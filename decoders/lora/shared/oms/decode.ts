/** One OMS-over-LoRaWAN payload (TPL header + records) to a canonical result. */
import { DecodeErrorCode } from '../../../core/errors.js';
import type { DecodeContext, DecodeResult, DecodedAlarm } from '../../../core/types.js';
import { failure, meterIdOf, success } from '../result.js';
import { alarm, canonicalFromRecords } from './canonical.js';
import { parseRecords, type OmsRecord } from './records.js';
import { parseTpl, TplStatus, type TplHeader } from './tpl.js';

export interface VendorExtras {
  alarms: DecodedAlarm[];
  meta: Record<string, string | number | boolean | null>;
  warnings: string[];
}

export type VendorHook = (records: OmsRecord[], meterId: string, time: string) => VendorExtras;

function statusAlarms(header: TplHeader, meterId: string, time: string): DecodedAlarm[] {
  const s = header.status;
  if (s === undefined) return [];
  const out: DecodedAlarm[] = [];
  if (s & TplStatus.LOW_POWER) out.push(alarm('low_battery', meterId, time, 'TPL status bit 2: power low'));
  if (s & TplStatus.PERMANENT_ERROR) out.push(alarm('meter_error', meterId, time, 'TPL status bit 3: permanent error'));
  if (s & TplStatus.TEMPORARY_ERROR) out.push(alarm('meter_error', meterId, time, 'TPL status bit 4: temporary error'));
  return out;
}

export function decodeOmsPayload(
  decoderId: string,
  bytes: Uint8Array,
  ctx: DecodeContext,
  hook?: VendorHook,
): DecodeResult {
  const tpl = parseTpl(bytes, ctx.key !== undefined);
  if (!tpl.ok) return { ok: false, decoder: decoderId, error: tpl.error };
  const header = tpl.header;
  const parsed = parseRecords(bytes, header.recordsAt);
  if (!parsed.ok) return { ok: false, decoder: decoderId, error: parsed.error };
  const meterId = ctx.meterId ?? header.id ?? meterIdOf(ctx);
  const canonical = canonicalFromRecords(parsed.records, meterId, ctx);
  if ('error' in canonical) return failure(decoderId, DecodeErrorCode.MALFORMED, canonical.error);
  const time = canonical.reading?.time ?? ctx.receivedAt;
  const extras = hook?.(parsed.records, meterId, time) ?? { alarms: [], meta: {}, warnings: [] };
  const meta: Record<string, string | number | boolean | null> = {
    ci: header.ci.toString(16).toUpperCase(),
    ...canonical.meta,
    ...extras.meta,
  };
  if (header.accessNumber !== undefined) meta.accessNumber = header.accessNumber;
  if (header.status !== undefined) meta.tplStatus = header.status;
  if (header.manufacturer !== undefined) meta.manufacturer = header.manufacturer;
  if (header.id !== undefined) meta.id = header.id;
  if (header.version !== undefined) meta.version = header.version;
  if (header.deviceType !== undefined) meta.deviceType = header.deviceType;
  return success(decoderId, {
    readings: canonical.reading ? [canonical.reading] : [],
    history: canonical.history,
    alarms: [...statusAlarms(header, meterId, time), ...extras.alarms],
    warnings: [...parsed.warnings, ...canonical.warnings, ...extras.warnings],
    meta,
  });
}
