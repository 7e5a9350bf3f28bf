/**
 * Security mode 7 (OMS Vol.2 §9.2.5, EN 13757-7 §9.4.5): AES-128-CBC with a zero IV and an
 * ephemeral key from the key derivation function of OMS Vol.2 §9.5 (KDF-A):
 *   K_enc = CMAC(K, 0x00 ‖ message counter (4 bytes, as in the AFL) ‖ meter id (4 bytes, as in
 *   the A field) ‖ 0x07 × 7)
 * 0x00 is the derivation constant for the encryption key, meter to other device.
 */
import { AesBlockCipher, aesCbcEncrypt, cbcDecryptPrefix } from './aes.js';
import { aesCmac } from './cmac.js';

export const KDF_ENC_FROM_METER = 0x00;
export const KDF_MAC_FROM_METER = 0x01;

/** `key` as raw bytes, or the decoder's cached cipher for the configured key. */
export function deriveMode7Key(key: Uint8Array | AesBlockCipher, constant: number, messageCounter: number, idBytes: Uint8Array): Uint8Array {
  const input = new Uint8Array(16);
  input[0] = constant;
  input[1] = messageCounter & 0xff;
  input[2] = (messageCounter >>> 8) & 0xff;
  input[3] = (messageCounter >>> 16) & 0xff;
  input[4] = (messageCounter >>> 24) & 0xff;
  input.set(idBytes.subarray(0, 4), 5);
  input.fill(0x07, 9);
  return aesCmac(key, input);
}

const ZERO_IV = new Uint8Array(16);

/** The ephemeral key changes with every message counter, so its cipher is made for this telegram only. */
export function mode7Decrypt(ephemeralKey: Uint8Array, payload: Uint8Array, blocks: number): Uint8Array {
  const n = Math.min(blocks * 16, payload.length - (payload.length % 16));
  return cbcDecryptPrefix(new AesBlockCipher(ephemeralKey), ZERO_IV, payload, n);
}

export function mode7Encrypt(ephemeralKey: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return aesCbcEncrypt(ephemeralKey, ZERO_IV, plaintext);
}
