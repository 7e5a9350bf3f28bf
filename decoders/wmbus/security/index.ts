/**
 * Security dispatch for the TPL (EN 13757-7 §9, OMS Vol.2 §9) and the ELL (EN 13757-4 §13.2.11).
 * Decryption is verified by the 2F2F filler at the start of the plaintext (TPL) or by the payload
 * CRC (ELL). Like wmbusmeters, a telegram whose header announces encryption but whose payload
 * already verifies as plaintext is accepted when no key is configured (a receiver or a test has
 * decrypted it), and refused when a key is configured (spoofing guard).
 */
import { DecodeErrorCode } from '../../core/errors.js';
import { u16le } from '../bytes.js';
import { crc16En13757 } from '../crc.js';
import { fail, ok, type StageResult } from '../result.js';
import { desCbcDecrypt } from './des.js';
import { ellCtrCrypt, ellCtrIv } from './ellctr.js';
import { mode5Decrypt, mode5Iv } from './mode5.js';
import { deriveMode7Key, KDF_ENC_FROM_METER, mode7Decrypt } from './mode7.js';
import type { KeyResult } from './keys.js';

export { parseKey, type KeyResult } from './keys.js';

export interface Decrypted {
  payload: Uint8Array;
  /** 'decrypted' with the key, 'plain-as-given' when the payload already verified as plaintext. */
  how: 'decrypted' | 'plain-as-given';
}

const startsWith2F2F = (b: Uint8Array): boolean => b[0] === 0x2f && b[1] === 0x2f;

function verdict(key: KeyResult, plainOk: boolean, decrypt: (() => Uint8Array | null) | null, verify: (b: Uint8Array) => boolean, raw: Uint8Array, what: string): StageResult<Decrypted> {
  if (key.kind === 'bad') return fail(DecodeErrorCode.WRONG_KEY, 'key is neither 32 (AES-128) nor 16 (DES) hex digits');
  if (key.kind === 'none') {
    if (plainOk) return ok({ payload: raw, how: 'plain-as-given' });
    return fail(DecodeErrorCode.KEY_NEEDED, `${what} is encrypted and no key is configured`);
  }
  const out = decrypt ? decrypt() : null;
  if (out && verify(out)) return ok({ payload: out, how: 'decrypted' });
  if (plainOk) return fail(DecodeErrorCode.UNEXPECTED_PLAINTEXT, `${what} announces encryption but arrived in plaintext while a key is configured`);
  return fail(DecodeErrorCode.WRONG_KEY, `${what} does not decrypt to a valid plaintext with the configured key`);
}

export interface TplSecurityInput {
  mode: number;
  encryptedBlocks: number;
  accessNumber: number;
  manufacturerCode: number;
  aField: Uint8Array;
  /** AFL message counter, for mode 7. */
  messageCounter?: number;
}

/** Decrypt the TPL payload by its security mode (EN 13757-7 Table 19). */
export function decryptTplPayload(input: TplSecurityInput, payload: Uint8Array, key: KeyResult): StageResult<Decrypted> {
  const plainOk = startsWith2F2F(payload);
  const encLen = Math.min(input.encryptedBlocks * 16, payload.length);
  switch (input.mode) {
    case 5: {
      if (encLen % 16 !== 0 || encLen === 0) return fail(DecodeErrorCode.TRUNCATED, 'mode 5 payload shorter than its encrypted blocks');
      return verdict(
        key,
        plainOk,
        key.kind === 'aes' ? () => mode5Decrypt(key.cipher, mode5Iv(input.manufacturerCode, input.aField, input.accessNumber), payload, input.encryptedBlocks) : null,
        startsWith2F2F,
        payload,
        'mode 5 payload',
      );
    }
    case 7: {
      if (encLen % 16 !== 0 || encLen === 0) return fail(DecodeErrorCode.TRUNCATED, 'mode 7 payload shorter than its encrypted blocks');
      const mc = input.messageCounter;
      return verdict(
        key,
        plainOk,
        key.kind === 'aes' && mc !== undefined
          ? () => mode7Decrypt(deriveMode7Key(key.cipher, KDF_ENC_FROM_METER, mc, input.aField), payload, input.encryptedBlocks)
          : null,
        startsWith2F2F,
        payload,
        'mode 7 payload',
      );
    }
    case 2:
    case 3: {
      // DES-CBC, zero IV (mode 2); the whole payload in 8-byte blocks.
      const n = payload.length - (payload.length % 8);
      return verdict(
        key,
        plainOk,
        key.kind === 'des'
          ? () => {
              const out = new Uint8Array(payload.length); // a copy even when payload is a Buffer view
              out.set(payload, 0);
              out.set(desCbcDecrypt(key.key, new Uint8Array(8), payload.subarray(0, n)), 0);
              return out;
            }
          : null,
        startsWith2F2F,
        payload,
        `mode ${input.mode} payload`,
      );
    }
    default:
      if (plainOk && key.kind === 'none') return ok({ payload, how: 'plain-as-given' });
      return fail(DecodeErrorCode.UNSUPPORTED_RECORD, `TPL security mode ${input.mode} is not supported`, { details: { mode: input.mode } });
  }
}

export interface EllSecurityInput {
  manufacturerCode: number;
  aField: Uint8Array;
  communicationControl: number;
  sessionNumber: Uint8Array;
}

/** ELL payload CRC (EN 13757-4 §13.2.10): CRC-16 over the bytes after it, sent little endian. */
export function ellPayloadCrcOk(payload: Uint8Array): boolean {
  return payload.length >= 2 && u16le(payload, 0) === crc16En13757(payload, 2);
}

/** Decrypt (if needed) and verify an ELL payload that starts with its CRC; returns it without the CRC. */
export function openEllPayload(input: EllSecurityInput, encryption: number, payload: Uint8Array, key: KeyResult): StageResult<Decrypted> {
  const plainOk = ellPayloadCrcOk(payload);
  if (encryption === 0) {
    if (!plainOk) return fail(DecodeErrorCode.CHECKSUM_MISMATCH, 'ELL payload CRC does not match');
    return ok({ payload: payload.subarray(2), how: 'plain-as-given' });
  }
  if (encryption !== 1) return fail(DecodeErrorCode.UNSUPPORTED_RECORD, `ELL encryption ${encryption} is not supported`);
  const r = verdict(
    key,
    plainOk,
    key.kind === 'aes'
      ? () => ellCtrCrypt(key.cipher, ellCtrIv(input.manufacturerCode, input.aField, input.communicationControl, input.sessionNumber), payload)
      : null,
    ellPayloadCrcOk,
    payload,
    'ELL payload',
  );
  return r.ok ? ok({ payload: r.value.payload.subarray(2), how: r.value.how }) : r;
}
