/**
 * OMS telegram encoder (the simulators' meter side): link header (EN 13757-4 §12.5), optional
 * ELL with AES-128-CTR (EN 13757-4 §13.2, CI 8D), short TPL header (EN 13757-7 §7.5.2), optional
 * security mode 5 (EN 13757-7 §9.4.3), DIF/VIF records (EN 13757-3 §6) and optional frame
 * format A block CRCs (EN 13757-4 §12.3). Throws RangeError on inputs it cannot encode: those are
 * programming errors of the caller, not bad bytes.
 */
import { concatBytes, hexToBytes } from './bytes.js';
import { crc16En13757 } from './crc.js';
import { encodeTypeG } from './dates.js';
import { addFormatACrcs } from './frame-format.js';
import { idToBytes, manufacturerCodeOf } from './link.js';
import { ellCtrCrypt, ellCtrIv } from './security/ellctr.js';
import { mode5Encrypt, mode5Iv } from './security/mode5.js';

export interface EncodeInput {
  meterId: string;
  manufacturer: string;
  version: number;
  deviceType: number;
  /** C field, default 0x44 (SND_NR). */
  cField?: number;
  accessNumber?: number;
  /** TPL status byte (EN 13757-7 Table 9). */
  status?: number;
  registerMl: number;
  billingDateRegisterMl?: number;
  /** YYYY-MM-DD, sent as a type G date at storage 1. */
  billingDate?: string;
  /** Integer litres per hour (VIF 3B: 10^-3 m³/h). */
  flowLph?: number;
  /** Hundredths of a degree are kept (VIF 59: 10^-2 °C). */
  waterTemperatureC?: number;
  /** FD 17 error flags, 16 bits. */
  errorFlags?: number;
  /** AES-128 key (32 hex digits): encrypt the TPL payload with security mode 5. */
  mode5Key?: string;
  /** Wrap in an ELL (CI 8D) and encrypt it with AES-128-CTR under this key. */
  ell?: { key: string; sessionNumber: number; communicationControl?: number };
  /** Add frame format A block CRCs. */
  frameFormatA?: boolean;
}

const INT48_LIMIT = 2 ** 47;

function int48(v: number): Uint8Array {
  if (!Number.isSafeInteger(v) || v >= INT48_LIMIT || v < -INT48_LIMIT) throw new RangeError(`${v} does not fit a 48-bit integer`);
  const out = new Uint8Array(6);
  let x = BigInt.asUintN(48, BigInt(v));
  for (let i = 0; i < 6; i++) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

function intLE(v: number, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let x = BigInt.asUintN(bytes * 8, BigInt(v));
  for (let i = 0; i < bytes; i++) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** The DIF/VIF records of a reading (EN 13757-3 §6.3, Table 10). */
export function encodeRecords(input: EncodeInput): Uint8Array {
  const parts: Uint8Array[] = [];
  // 06 10: 48-bit integer, volume 10^-6 m³ = 1 ml, storage 0, instantaneous.
  parts.push(Uint8Array.of(0x06, 0x10), int48(input.registerMl));
  if (input.billingDateRegisterMl !== undefined) {
    // 46 10: storage number 1 (DIF bit 6).
    parts.push(Uint8Array.of(0x46, 0x10), int48(input.billingDateRegisterMl));
  }
  if (input.billingDate !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.billingDate);
    if (!m) throw new RangeError(`billingDate must be YYYY-MM-DD: ${input.billingDate}`);
    parts.push(Uint8Array.of(0x42, 0x6c), encodeTypeG(Number(m[1]), Number(m[2]), Number(m[3])));
  }
  if (input.flowLph !== undefined) {
    if (!Number.isInteger(input.flowLph)) throw new RangeError('flowLph must be an integer number of litres per hour');
    parts.push(Uint8Array.of(0x04, 0x3b), intLE(input.flowLph, 4));
  }
  if (input.waterTemperatureC !== undefined) {
    parts.push(Uint8Array.of(0x02, 0x59), intLE(Math.round(input.waterTemperatureC * 100), 2));
  }
  if (input.errorFlags !== undefined) {
    parts.push(Uint8Array.of(0x02, 0xfd, 0x17), intLE(input.errorFlags & 0xffff, 2));
  }
  return concatBytes(...parts);
}

export function encodeTelegram(input: EncodeInput): Uint8Array {
  const m = manufacturerCodeOf(input.manufacturer);
  const id = idToBytes(input.meterId);
  const aField = concatBytes(id, Uint8Array.of(input.version & 0xff, input.deviceType & 0xff));
  const acc = (input.accessNumber ?? 0) & 0xff;

  let payload = encodeRecords(input);
  let config = 0x0000;
  if (input.mode5Key) {
    const withCheck = concatBytes(Uint8Array.of(0x2f, 0x2f), payload);
    const padded = new Uint8Array(Math.ceil(withCheck.length / 16) * 16).fill(0x2f);
    padded.set(withCheck);
    const blocks = padded.length / 16;
    if (blocks > 15) throw new RangeError('payload too long for the 4-bit encrypted block count');
    payload = mode5Encrypt(hexToBytes(input.mode5Key), mode5Iv(m, aField, acc), padded);
    config = 0x0500 | (blocks << 4); // mode 5, N blocks (EN 13757-7 Table 18)
  }
  const tpl = concatBytes(Uint8Array.of(0x7a, acc, (input.status ?? 0) & 0xff, config & 0xff, config >> 8), payload);

  let afterLink = tpl;
  if (input.ell) {
    const cc = (input.ell.communicationControl ?? 0x20) & 0xff;
    // SN with ENC = 1 (AES-128-CTR) in bits 29..31 (EN 13757-4 Table 52).
    const sn = intLE(((input.ell.sessionNumber & 0x1fffffff) | (1 << 29)) >>> 0, 4);
    const crc = crc16En13757(tpl);
    const plain = concatBytes(Uint8Array.of(crc & 0xff, crc >> 8), tpl);
    const enc = ellCtrCrypt(hexToBytes(input.ell.key), ellCtrIv(m, aField, cc, sn), plain);
    afterLink = concatBytes(Uint8Array.of(0x8d, cc, acc), sn, enc);
  }
  const body = concatBytes(Uint8Array.of(input.cField ?? 0x44, m & 0xff, m >> 8), aField, afterLink);
  if (body.length > 255) throw new RangeError('telegram longer than the L field can say');
  const telegram = concatBytes(Uint8Array.of(body.length), body);
  return input.frameFormatA ? addFormatACrcs(telegram) : telegram;
}
