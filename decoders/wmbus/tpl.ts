/**
 * Transport layer headers (EN 13757-7 §7.5): short header (access number, status, configuration
 * word) and long header (the same preceded by id, manufacturer, version, device type).
 */
import { DecodeErrorCode } from '../core/errors.js';
import type { WmbusAddress } from './manufacturer/types.js';
import { at, u16le } from './bytes.js';
import { CI } from './ci.js';
import { idFromBytes, manufacturerLetters } from './link.js';
import { fail, ok, type StageResult } from './result.js';

export interface ConfigWord {
  raw: number;
  /** Security mode, bits 8..12 (EN 13757-7 §7.6.2, Table 19). */
  securityMode: number;
  /** Number of encrypted 16-byte blocks, bits 4..7 (modes 5 and 7). */
  encryptedBlocks: number;
  /** Mode 7 configuration field extension (OMS Vol.2 §7.2.4.4): key derivation and key id. */
  extension?: number;
}

export interface TransportHeader {
  ci: number;
  kind: 'short' | 'long' | 'none' | 'compact';
  /** True when the payload is a compact frame: format signature, data CRC, data (CI 73, 79, 7B). */
  compact: boolean;
  accessNumber?: number;
  /** Status byte (EN 13757-7 §7.5.6, Table 9). */
  status?: number;
  config?: ConfigWord;
  /** The long header's own address (meter behind a radio converter, wired M-Bus). */
  address?: WmbusAddress;
  /** Raw 6-byte A field of the long header, used in the mode 5 IV. */
  aField?: Uint8Array;
  manufacturerCode?: number;
  /** Offset of the first byte after the header, relative to the CI field. */
  headerLength: number;
}

export function parseConfigWord(raw: number): ConfigWord {
  return { raw, securityMode: (raw >> 8) & 0x1f, encryptedBlocks: (raw >> 4) & 0x0f };
}

/** Parse the TPL header at `ci` (offset of the CI byte in `bytes`). */
export function parseTransportHeader(bytes: Uint8Array, ciOffset: number): StageResult<TransportHeader> {
  const ci = at(bytes, ciOffset);
  const remaining = bytes.length - ciOffset - 1;
  const need = (n: number): StageResult<never> | null =>
    remaining < n
      ? fail(DecodeErrorCode.TRUNCATED, `telegram ends inside the transport header of CI ${ci.toString(16)}`, {
          offset: bytes.length,
        })
      : null;
  const p = ciOffset + 1;
  switch (ci) {
    case CI.APL_NO_HEADER:
      return ok({ ci, kind: 'none', compact: false, headerLength: 1 });
    case CI.APL_COMPACT:
      return ok({ ci, kind: 'compact', compact: true, headerLength: 1 });
    case CI.APL_SHORT:
    case CI.APL_COMPACT_SHORT:
    case CI.ALARM_SHORT: {
      const short = need(4);
      if (short) return short;
      const config = parseConfigWord(u16le(bytes, p + 2));
      let headerLength = 5;
      if (config.securityMode === 7) {
        const ext = need(5);
        if (ext) return ext;
        config.extension = at(bytes, p + 4);
        headerLength = 6;
      }
      return ok({ ci, kind: 'short', compact: ci === CI.APL_COMPACT_SHORT, accessNumber: at(bytes, p), status: at(bytes, p + 1), config, headerLength });
    }
    case CI.APL_LONG:
    case CI.APL_COMPACT_LONG:
    case CI.ALARM_LONG: {
      const long = need(12);
      if (long) return long;
      const manufacturerCode = u16le(bytes, p + 4);
      const config = parseConfigWord(u16le(bytes, p + 10));
      let headerLength = 13;
      if (config.securityMode === 7) {
        const ext = need(13);
        if (ext) return ext;
        config.extension = at(bytes, p + 12);
        headerLength = 14;
      }
      const aField = new Uint8Array(6);
      aField.set(bytes.subarray(p, p + 4), 0);
      aField[4] = at(bytes, p + 6);
      aField[5] = at(bytes, p + 7);
      return ok({
        ci,
        kind: 'long',
        compact: ci === CI.APL_COMPACT_LONG,
        address: {
          manufacturer: manufacturerLetters(manufacturerCode),
          id: idFromBytes(bytes, p),
          version: at(bytes, p + 6),
          deviceType: at(bytes, p + 7),
        },
        aField,
        manufacturerCode,
        accessNumber: at(bytes, p + 8),
        status: at(bytes, p + 9),
        config,
        headerLength,
      });
    }
    default:
      return fail(DecodeErrorCode.UNKNOWN_FORMAT, `CI field ${ci.toString(16)} is not a transport layer this decoder reads`, {
        offset: ciOffset,
        details: { ci },
      });
  }
}
