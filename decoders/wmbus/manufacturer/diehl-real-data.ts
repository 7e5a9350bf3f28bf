/**
 * Diehl "REAL_DATA" frames: CI 0x7A from a Diehl brand (DME, HYD, SAP, SPL, EWT) sent with
 * SND_NR/SND_IR whose TPL configuration word has bit 12 set. This is not an OMS security mode:
 * the payload after the 4-byte short TPL header is standard DIF/VIF records scrambled with the
 * Diehl LFSR (see diehl-lfsr.ts), and the address is sent with version and type first.
 *
 * The check (wmbusmeters `CHECKSUM_AND_0XEF`): the byte sum of the plain payload, masked with 0xEF,
 * equals the configuration word's high byte masked the same way, so that byte is the checksum with
 * bit 4 (the REAL_DATA flag) forced on. A replayed frame that is already plain passes the same
 * check on its raw bytes; it is accepted with a warning.
 */
import type { DecodeContext } from '../../core/types.js';
import { has, manufacturerFromCode, u16le, u8 } from './bytes.js';
import {
  candidateKeys,
  DIEHL_MANUFACTURERS,
  lfsrSeed,
  lfsrXor,
  priosKeyFromHex,
  PRIOS_DEFAULT_KEYS,
  SCRAMBLED_OFFSET,
  swappedAddress,
} from './diehl-lfsr.js';
import type { ManufacturerFormat, ManufacturerFrame, UnwrapResult } from './types.js';
import { fail, truncated } from './values.js';

const REAL_DATA_FLAG = 0x10;

function byteSum(bytes: Uint8Array): number {
  let sum = 0;
  for (const b of bytes) sum += b;
  return sum;
}

function checksumMatches(plain: Uint8Array, cfgHigh: number): boolean {
  return (byteSum(plain) & 0xef) === (cfgHigh & 0xef);
}

/** A CI 0x7A frame from a Diehl brand, sent SND_NR/SND_IR, with configuration bit 12 set. */
export function isRealDataFrame(frame: ManufacturerFrame): boolean {
  const t = frame.telegram;
  if (!has(t, 0, SCRAMBLED_OFFSET)) return false;
  const c = u8(t, 1);
  return (
    (c === 0x44 || c === 0x46) &&
    u8(t, 10) === 0x7a &&
    DIEHL_MANUFACTURERS.includes(manufacturerFromCode(u16le(t, 2))) &&
    (u8(t, 14) & REAL_DATA_FLAG) !== 0
  );
}

function unwrapFrame(frame: ManufacturerFrame, ctx: DecodeContext): UnwrapResult {
  const t = frame.telegram;
  if (!has(t, 0, SCRAMBLED_OFFSET)) return truncated('REAL_DATA TPL header', 11, 4, t.length);
  const cfgHigh = u8(t, 14);
  const scrambled = t.subarray(SCRAMBLED_OFFSET);
  const a = swappedAddress(t);
  const address = { manufacturer: manufacturerFromCode(u16le(t, 2)), ...a };
  const meta: Record<string, string | number | boolean | null> = { interpretation: 'REAL_DATA' };
  const warnings: string[] = [];
  if (ctx.key !== undefined && priosKeyFromHex(ctx.key) === undefined) {
    warnings.push('context key is not a 16-hex-digit Diehl key; trying the default keys only');
  }
  for (const k of candidateKeys(ctx.key)) {
    const plain = lfsrXor(lfsrSeed(k.key, t), scrambled);
    if (checksumMatches(plain, cfgHigh)) {
      return {
        ok: true,
        payload: plain,
        meterId: a.id,
        address,
        warnings,
        meta: { ...meta, descrambled: true, keySource: k.source },
      };
    }
  }
  if (checksumMatches(scrambled, cfgHigh)) {
    warnings.push('REAL_DATA payload already passes its checksum unscrambled (a replayed plain frame); taken as is');
    return {
      ok: true,
      payload: scrambled.slice(),
      meterId: a.id,
      address,
      warnings,
      meta: { ...meta, descrambled: false },
    };
  }
  const code = ctx.key === undefined ? 'DECODE_KEY_NEEDED' : 'DECODE_WRONG_KEY';
  return fail(code, 'no Diehl key descrambles the REAL_DATA payload to its checksum', {
    offset: SCRAMBLED_OFFSET,
    details: { keysTried: candidateKeys(ctx.key).length, cfgHigh },
  });
}

export const diehlRealData: ManufacturerFormat = {
  id: 'diehl-real-data',
  description: 'Diehl REAL_DATA frames (CI 7A, cfg bit 12): LFSR-scrambled standard records, swapped address',
  references: ['wmbusmeters src/manufacturer_specificities.cc (detectDiehlFrameInterpretation, decryptDielhRealData)'],
  detect: { ci: [0x7a], mvt: DIEHL_MANUFACTURERS.map((m) => ({ m })), accepts: isRealDataFrame },
  unwrapFrame,
};

/**
 * Scramble a plain DIF/VIF payload into a REAL_DATA telegram: `header` is the 11-byte link
 * header with CI 0x7A plus ACC, STS and the configuration low byte (14 bytes); the configuration
 * high byte is computed as the checksum with the REAL_DATA flag.
 */
export function encodeRealDataFrame(header: Uint8Array, payload: Uint8Array, keyHex?: string): Uint8Array {
  const t = new Uint8Array(SCRAMBLED_OFFSET + payload.length);
  t.set(header.subarray(0, 14));
  t[0] = t.length - 1;
  t[14] = (byteSum(payload) & 0xef) | REAL_DATA_FLAG;
  const key = priosKeyFromHex(keyHex ?? PRIOS_DEFAULT_KEYS[0] ?? '') ?? 0;
  t.set(lfsrXor(lfsrSeed(key, t), payload), SCRAMBLED_OFFSET);
  return t;
}
