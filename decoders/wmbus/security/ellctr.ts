/**
 * ELL encryption (EN 13757-4 §13.2.11, used by Kamstrup): AES-128-CTR over the payload CRC and
 * payload, counter block = M (2) ‖ A (6) ‖ CC (1) ‖ SN (4) ‖ FN (2, frame number, 0) ‖ BC (1,
 * block counter from 0).
 */
import { AesBlockCipher, ctrCrypt } from './aes.js';

export function ellCtrIv(manufacturerCode: number, aField: Uint8Array, cc: number, sessionNumber: Uint8Array): Uint8Array {
  const iv = new Uint8Array(16);
  iv[0] = manufacturerCode & 0xff;
  iv[1] = manufacturerCode >> 8;
  iv.set(aField.subarray(0, 6), 2);
  iv[8] = cc;
  iv.set(sessionNumber.subarray(0, 4), 9);
  // iv[13..14] frame number 0, iv[15] block counter 0
  return iv;
}

/** `key` as raw bytes (encoder), or the decoder's cached cipher for the configured key. */
export function ellCtrCrypt(key: Uint8Array | AesBlockCipher, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return ctrCrypt(key instanceof AesBlockCipher ? key : new AesBlockCipher(key), iv, data);
}
