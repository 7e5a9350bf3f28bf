/**
 * Apator at-wmbus-16-2 (APA, version 0x05, types 0x06/0x07): wmbusmeters driver `apator162`. The
 * OMS frame (CI 0x7A, usually mode 5) wraps a proprietary payload: after the 2F2F fill comes one
 * lead byte (normally the 0x0F manufacturer DIF, on some meters 0x80), then
 *   7 bytes   status (4 bytes date in the vendor's coding, 3 bytes fault flags)
 *   registers one code byte each followed by a fixed number of bytes; code 0x10 is the total
 *             volume, u32 LE litres
 *   FF...     optional padding to the encryption block
 *   2 bytes   checksum (not verified; its algorithm is not public); one meter sends 2 more bytes
 *             after it (unencrypted, beyond the mode-5 blocks), which are skipped with a warning
 * Register sizes follow wmbusmeters' apator162 grammar.
 */
import type { DecodeContext } from '../../core/types.js';
import { has, u24le, u32le, u8 } from './bytes.js';
import type { ManufacturerFormat, ManufacturerResult, WmbusAddress } from './types.js';
import { emptyValues, fail, litresToMl, ok, truncated } from './values.js';

const STATUS_LENGTH = 7;
const CHECKSUM_LENGTH = 2;
const TOTAL_REGISTER = 0x10;

/** Number of bytes that follow a register code, or undefined for a code of unknown size. */
export function apator162RegisterSize(code: number): number | undefined {
  if (code >= 0x71 && code <= 0x7c) return 1 + 4 * (code - 0x71 + 2);
  if (code >= 0xb6 && code <= 0xbf) return 3;
  if (code >= 0xc0 && code <= 0xc7) return 3;
  switch (code) {
    case 0x00:
    case 0x10:
    case 0x42:
    case 0xa0:
    case 0xa1:
    case 0xa4:
    case 0xf0:
      return 4;
    case 0x01:
    case 0x44:
    case 0xa6:
    case 0xd0:
    case 0xd3:
      return 3;
    case 0x11:
    case 0x41:
    case 0x43:
    case 0xa7:
    case 0xa8:
    case 0xaa:
    case 0xab:
    case 0xac:
    case 0xad:
    case 0xb4:
      return 2;
    case 0x40:
    case 0x8b:
    case 0x8c:
      return 6;
    case 0x80:
    case 0x81:
    case 0x82:
    case 0x83:
    case 0x84:
    case 0x86:
    case 0x87:
      return 10;
    case 0x85:
    case 0x88:
    case 0x8f:
      return 11;
    case 0x8a:
      return 9;
    case 0x8e:
    case 0xa3:
      return 7;
    case 0xa2:
    case 0xa5:
    case 0xa9:
    case 0xaf:
      return 1;
    case 0xb0:
      return 5;
    case 0xb1:
    case 0xb3:
      return 8;
    case 0xb2:
    case 0xb5:
      return 16;
    default:
      return undefined;
  }
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0').toUpperCase();

/** Decode the bytes after the lead byte: status, registers, padding, checksum. */
function decodeDataBlock(_address: WmbusAddress, block: Uint8Array, _ctx: DecodeContext): ManufacturerResult {
  if (!has(block, 0, STATUS_LENGTH + CHECKSUM_LENGTH)) {
    return truncated('apator162 status and checksum', 0, STATUS_LENGTH + CHECKSUM_LENGTH, block.length);
  }
  const values = emptyValues();
  const end = block.length - CHECKSUM_LENGTH;
  const codes: string[] = [];
  let totalLitres: number | undefined;
  let checksumAt = end;
  let i = STATUS_LENGTH;
  while (i < end) {
    const code = u8(block, i);
    if (code === 0xff) {
      let j = i;
      while (j < block.length && u8(block, j) === 0xff) j++;
      checksumAt = Math.min(j, end);
      if (checksumAt + CHECKSUM_LENGTH < block.length) {
        values.warnings.push(`${block.length - checksumAt - CHECKSUM_LENGTH} byte(s) after the checksum not decoded`);
      }
      break;
    }
    const size = apator162RegisterSize(code);
    if (size === undefined) {
      if (totalLitres !== undefined) {
        values.warnings.push(`register 0x${hex2(code)} at offset ${i} has no known size; rest of the block skipped`);
        break;
      }
      return fail('DECODE_UNSUPPORTED_RECORD', `apator162 register 0x${hex2(code)} has no known size`, {
        offset: i,
        details: { code },
      });
    }
    if (i + 1 + size > end) {
      return fail('DECODE_MALFORMED', `apator162 register 0x${hex2(code)} runs into the checksum`, {
        offset: i,
        details: { code, size, available: end - i - 1 },
      });
    }
    codes.push(hex2(code));
    if (code === TOTAL_REGISTER) {
      const litres = u32le(block, i + 1);
      if (totalLitres !== undefined && totalLitres !== litres)
        values.warnings.push(`second total register ${litres} L ignored`);
      totalLitres ??= litres;
    }
    i += 1 + size;
  }
  if (totalLitres === undefined) {
    return fail('DECODE_UNSUPPORTED_RECORD', 'apator162 payload has no total register (0x10)', {
      details: { registers: codes.join(',') },
    });
  }
  values.registerMl = litresToMl(totalLitres);
  values.statusBits = u24le(block, 4);
  values.meta.registers = codes.join(',');
  values.meta.checksum = hex2(u8(block, checksumAt)) + hex2(u8(block, checksumAt + 1));
  return ok(values);
}

/** Decode a whole payload after the 2F2F fill: one lead byte (0x0F or 0x80), then the block. */
function decodePayload(address: WmbusAddress, payload: Uint8Array, ctx: DecodeContext): ManufacturerResult {
  let start = 0;
  while (start < payload.length && u8(payload, start) === 0x2f) start++;
  if (!has(payload, start, 1)) return truncated('apator162 lead byte', start, 1, payload.length);
  const result = decodeDataBlock(address, payload.subarray(start + 1), ctx);
  if (!result.ok)
    return {
      ok: false,
      error: {
        ...result.error,
        ...(result.error.offset === undefined ? {} : { offset: result.error.offset + start + 1 }),
      },
    };
  result.values.meta.leadByte = u8(payload, start);
  return result;
}

export const apator162: ManufacturerFormat = {
  id: 'apator162',
  description: 'Apator at-wmbus-16-2 proprietary registers inside an OMS payload (wmbusmeters apator162)',
  references: ['wmbusmeters drivers/src/apator162.xmq (grammar), src/driver_apator162.cc'],
  detect: {
    ci: [],
    mvt: [
      { m: 'APA', v: 0x05, t: 0x06 },
      { m: 'APA', v: 0x05, t: 0x07 },
    ],
  },
  decodeDataBlock,
  decodePayload,
};
