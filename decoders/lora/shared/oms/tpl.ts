/**
 * Transport-layer header in front of OMS records in LoRaWAN payloads (EN 13757-7): CI 78h (none),
 * 7Ah (short: ACC STS CFG), 72h (long: ID MAN VER TYPE ACC STS CFG), read by the wM-Bus TPL parser.
 * The security mode is CFG bits 8–12; these LoRa payloads are normally unencrypted (LoRaWAN
 * encrypts the frame), so an encrypted one is refused.
 */
import { DecodeErrorCode, decodeError, type DecodeError } from '../../../core/errors.js';
import { CI } from '../../../wmbus/ci.js';
import { parseTransportHeader } from '../../../wmbus/tpl.js';

export interface TplHeader {
  ci: number;
  /** Offset of the first record. */
  recordsAt: number;
  accessNumber?: number;
  status?: number;
  configuration?: number;
  /** Long header only. */
  id?: string;
  manufacturer?: string;
  version?: number;
  deviceType?: number;
}

export type TplResult = { ok: true; header: TplHeader } | { ok: false; error: DecodeError };

const OMS_CIS: readonly number[] = [CI.APL_NO_HEADER, CI.APL_SHORT, CI.APL_LONG];

export function parseTpl(b: Uint8Array, keyGiven: boolean): TplResult {
  if (b.length === 0)
    return { ok: false, error: decodeError(DecodeErrorCode.TRUNCATED, 'empty payload: no CI field', { offset: 0 }) };
  const ci = b[0] ?? 0;
  if (!OMS_CIS.includes(ci)) {
    return {
      ok: false,
      error: decodeError(
        DecodeErrorCode.UNKNOWN_FORMAT,
        `CI ${ci.toString(16)}h is not an OMS application header (78h, 7Ah, 72h)`,
        { offset: 0 },
      ),
    };
  }
  const parsed = parseTransportHeader(b, 0);
  if (!parsed.ok) return parsed;
  const t = parsed.value;
  const header: TplHeader = { ci, recordsAt: t.headerLength };
  if (t.accessNumber !== undefined) header.accessNumber = t.accessNumber;
  if (t.status !== undefined) header.status = t.status;
  if (t.config !== undefined) header.configuration = t.config.raw;
  if (t.address !== undefined) {
    header.id = t.address.id;
    header.manufacturer = t.address.manufacturer;
    header.version = t.address.version;
    header.deviceType = t.address.deviceType;
  }
  const mode = t.config?.securityMode ?? 0;
  if (mode !== 0) {
    return {
      ok: false,
      error: decodeError(
        keyGiven ? DecodeErrorCode.UNSUPPORTED_RECORD : DecodeErrorCode.KEY_NEEDED,
        keyGiven
          ? `TPL security mode ${mode} is not supported in LoRa payloads`
          : `payload is encrypted (TPL security mode ${mode}) and no key is configured`,
        { offset: 3, details: { securityMode: mode } },
      ),
    };
  }
  return { ok: true, header };
}

/** OMS TPL status byte (EN 13757-7): bit 2 power low, bit 3 permanent error, bit 4 temporary error. */
export const TplStatus = { LOW_POWER: 0x04, PERMANENT_ERROR: 0x08, TEMPORARY_ERROR: 0x10 } as const;
