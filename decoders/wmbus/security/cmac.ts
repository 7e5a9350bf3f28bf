/** AES-CMAC (NIST SP 800-38B, RFC 4493) built on AES-128-ECB. */
import { AesBlockCipher } from './aes.js';

function shiftLeft(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = (((b[i] ?? 0) << 1) | ((b[i + 1] ?? 0) >> 7)) & 0xff;
  return out;
}

function subkey(l: Uint8Array): Uint8Array {
  const k = shiftLeft(l);
  if (((l[0] ?? 0) & 0x80) !== 0) k[15] = (k[15] ?? 0) ^ 0x87;
  return k;
}

/** `key` as raw bytes, or a reusable cipher (the decoder's cached one for a configured key). */
export function aesCmac(key: Uint8Array | AesBlockCipher, message: Uint8Array): Uint8Array {
  const aes = key instanceof AesBlockCipher ? key : new AesBlockCipher(key);
  const l = aes.encryptBlocks(new Uint8Array(16));
  const k1 = subkey(l);
  const k2 = subkey(k1);
  const n = Math.max(1, Math.ceil(message.length / 16));
  const complete = message.length > 0 && message.length % 16 === 0;
  let x: Uint8Array = new Uint8Array(16);
  for (let i = 0; i < n; i++) {
    const block = new Uint8Array(16);
    const chunk = message.subarray(i * 16, i * 16 + 16);
    block.set(chunk);
    if (i === n - 1) {
      if (complete) {
        for (let j = 0; j < 16; j++) block[j] = (block[j] ?? 0) ^ (k1[j] ?? 0);
      } else {
        block[chunk.length] = 0x80;
        for (let j = 0; j < 16; j++) block[j] = (block[j] ?? 0) ^ (k2[j] ?? 0);
      }
    }
    for (let j = 0; j < 16; j++) block[j] = (block[j] ?? 0) ^ (x[j] ?? 0);
    x = aes.encryptBlocks(block);
  }
  return Uint8Array.from(x);
}
