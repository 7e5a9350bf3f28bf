/**
 * BMeters RFM-TX1 (BMT, version 0x05, type 0x07): CI 0x7A whose TPL configuration word is 0x1006,
 * which marks a proprietary layout, not an OMS security mode. wmbusmeters driver `rfmtx1`.
 *
 * Telegram offsets:
 *   11      access number, also the obfuscation key byte
 *   12..14  status, configuration 0x1006
 *   17..20  register, 8 BCD digits of litres, each byte XORed with the key byte and a table value
 *           picked by the key byte's low nibble (4 tables of 16)
 *   28..33  meter time, plain BCD: second, minute, hour, day, month, year-2000
 */
import type { DecodeContext } from '../../core/types.js';
import type { WallClock } from '../../core/local-time.js';
import { bcdByte, has, manufacturerToCode, telegramWithHeader, toBcdByte, u16le, u8 } from './bytes.js';
import { wallClockText, wallClockToIso } from './meter-time.js';
import type { ManufacturerFormat, ManufacturerFrame, ManufacturerResult } from './types.js';
import { emptyValues, fail, litresToMl, ok, truncated } from './values.js';

const RFMTX1_CFG = 0x1006;
const REGISTER_OFFSET = 17;
const CLOCK_OFFSET = 28;
const MIN_LENGTH = CLOCK_OFFSET + 6;

/** The obfuscation tables, one per register byte, indexed by the key byte's low nibble. */
const TABLES: readonly (readonly number[])[] = [
  [122, 112, 185, 121, 7, 50, 156, 180, 10, 240, 22, 12, 74, 119, 189, 57],
  [16, 19, 11, 7, 154, 161, 126, 196, 206, 5, 152, 201, 72, 46, 120, 111],
  [26, 34, 142, 74, 203, 57, 96, 128, 25, 165, 17, 125, 228, 138, 87, 40],
  [10, 19, 153, 22, 105, 14, 153, 163, 3, 134, 94, 162, 31, 232, 140, 5],
];

function mask(keyByte: number, index: number): number {
  return keyByte ^ (TABLES[index]?.[keyByte & 0x0f] ?? 0);
}

/** A CI 0x7A frame with configuration word 0x1006. */
export function isRfmtx1Frame(frame: ManufacturerFrame): boolean {
  const t = frame.telegram;
  return has(t, 0, 15) && u8(t, 10) === 0x7a && u16le(t, 13) === RFMTX1_CFG;
}

function decodeFrame(frame: ManufacturerFrame, ctx: DecodeContext): ManufacturerResult {
  const t = frame.telegram;
  if (!has(t, 0, 15) || u16le(t, 13) !== RFMTX1_CFG) {
    return fail('DECODE_UNKNOWN_FORMAT', 'not an RFM-TX1 frame (TPL configuration is not 0x1006)', { offset: 13 });
  }
  if (!has(t, 0, MIN_LENGTH))
    return truncated('RFM-TX1 register and clock', REGISTER_OFFSET, MIN_LENGTH - REGISTER_OFFSET, t.length);
  const keyByte = u8(t, 11);
  let litres = 0;
  for (let i = 3; i >= 0; i--) {
    const digits = bcdByte(u8(t, REGISTER_OFFSET + i) ^ mask(keyByte, i));
    if (digits === undefined) {
      return fail('DECODE_VALUE_OUT_OF_RANGE', 'de-obfuscated RFM-TX1 register is not BCD', {
        offset: REGISTER_OFFSET + i,
      });
    }
    litres = litres * 100 + digits;
  }
  const values = emptyValues();
  values.registerMl = litresToMl(litres);
  values.meta.keyByte = keyByte;

  const field = (i: number): number | undefined => bcdByte(u8(t, CLOCK_OFFSET + i));
  const [second, minute, hour, day, month, year] = [0, 1, 2, 3, 4, 5].map(field);
  if (
    second === undefined ||
    minute === undefined ||
    hour === undefined ||
    day === undefined ||
    month === undefined ||
    year === undefined
  ) {
    values.warnings.push('meter time is not BCD; receive time used');
    return ok(values);
  }
  const clock: WallClock = { year: 2000 + year, month, day, hour, minute, second };
  values.meta.meterDateTime = wallClockText(clock);
  const iso = wallClockToIso(clock, ctx);
  if (iso === undefined)
    values.warnings.push(`meter time ${wallClockText(clock)} is not a valid time; receive time used`);
  else values.time = iso;
  return ok(values);
}

export const bmetersRfmtx1: ManufacturerFormat = {
  id: 'bmeters-rfmtx1',
  description: 'BMeters RFM-TX1 register obfuscation behind CI 7A with TPL configuration 0x1006 (wmbusmeters rfmtx1)',
  references: ['wmbusmeters drivers/src/rfmtx1.xmq'],
  detect: { ci: [0x7a], mvt: [{ m: 'BMT', v: 0x05, t: 0x07 }], accepts: isRfmtx1Frame },
  decodeFrame,
};

export interface Rfmtx1Input {
  id: string;
  accessNumber: number;
  status: number;
  /** 0..99,999,999 litres */
  litres: number;
  clock: WallClock;
}

/** An RFM-TX1 telegram (no block CRCs); bytes the driver does not decode are zero. */
export function encodeRfmtx1(input: Rfmtx1Input): Uint8Array {
  const t = telegramWithHeader(MIN_LENGTH, {
    manufacturerCode: manufacturerToCode('BMT'),
    id: input.id,
    version: 0x05,
    deviceType: 0x07,
    ci: 0x7a,
  });
  t[11] = input.accessNumber & 0xff;
  t[12] = input.status & 0xff;
  t[13] = RFMTX1_CFG & 0xff;
  t[14] = RFMTX1_CFG >> 8;
  let rest = input.litres;
  for (let i = 0; i < 4; i++) {
    t[REGISTER_OFFSET + i] = toBcdByte(rest % 100) ^ mask(input.accessNumber & 0xff, i);
    rest = Math.floor(rest / 100);
  }
  const c = input.clock;
  [c.second, c.minute, c.hour, c.day, c.month, c.year - 2000].forEach((v, i) => {
    t[CLOCK_OFFSET + i] = toBcdByte(v);
  });
  return t;
}
