/**
 * Security mode 5 (EN 13757-7 §9.4.3, OMS Vol.2 §9.2.4): AES-128-CBC over the first N 16-byte
 * blocks of the payload, IV = M (2 bytes) ‖ A (6 bytes) ‖ access number repeated 8 times.
 */
import { aesCbcEncrypt, cbcDecryptPrefix, type AesBlockCipher } from './aes.js';

export function mode5Iv(manufacturerCode: number, aField: Uint8Array, accessNumber: number): Uint8Array {
  const iv = new Uint8Array(16);
  iv[0] = manufacturerCode & 0xff;
  iv[1] = manufacturerCode >> 8;
  iv.set(aField.subarray(0, 6), 2);
  iv.fill(accessNumber & 0xff, 8);
  return iv;
}

/** Decrypt the encrypted blocks; bytes after them are sent in the clear and kept as they are. */
export function mode5Decrypt(aes: AesBlockCipher, iv: Uint8Array, payload: Uint8Array, blocks: number): Uint8Array {
  const n = Math.min(blocks * 16, payload.length - (payload.length % 16));
  return cbcDecryptPrefix(aes, iv, payload, n);
}

export function mode5Encrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return aesCbcEncrypt(key, iv, plaintext);
}
