/**
 * AES-128 over node:crypto, without padding (wM-Bus pads with 2F fillers itself).
 *
 * The decoder's hot path uses AesBlockCipher: one ECB cipher and one ECB decipher per key, made on
 * first use and reused for every telegram (creating an OpenSSL context costs several microseconds,
 * a 64-byte ECB update a fraction of one). ECB with auto padding off keeps no state between
 * `update` calls and never holds a block back, so a long-lived object is exact; CBC and CTR are
 * built on it here. The one-shot functions below serve the encoders and tests.
 */
import { createCipheriv, createDecipheriv, type Cipher, type Decipher } from 'node:crypto';

const BLOCK = 16;

/** A Uint8Array over a Buffer's bytes: Buffer's own subarray is much slower, and parsing calls it per record. */
function plainView(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

export class AesBlockCipher {
  #cipher: Cipher | undefined;
  #decipher: Decipher | undefined;

  constructor(readonly key: Uint8Array) {}

  /** Encrypt whole 16-byte blocks (`data.length` a multiple of 16). */
  encryptBlocks(data: Uint8Array): Uint8Array {
    if (this.#cipher === undefined) {
      this.#cipher = createCipheriv('aes-128-ecb', this.key, null);
      this.#cipher.setAutoPadding(false);
    }
    return plainView(this.#cipher.update(data));
  }

  /** Decrypt whole 16-byte blocks (`data.length` a multiple of 16). */
  decryptBlocks(data: Uint8Array): Uint8Array {
    if (this.#decipher === undefined) {
      this.#decipher = createDecipheriv('aes-128-ecb', this.key, null);
      this.#decipher.setAutoPadding(false);
    }
    return plainView(this.#decipher.update(data));
  }
}

/**
 * CBC decryption of the first `n` bytes of `src` (n a multiple of 16), P_i = D(C_i) xor C_(i-1)
 * with C_0 = IV, followed by the rest of `src` unchanged, in a new array. One ECB call for all
 * blocks; the XOR is done in the array that call returns.
 */
export function cbcDecryptPrefix(aes: AesBlockCipher, iv: Uint8Array, src: Uint8Array, n: number): Uint8Array {
  const d = aes.decryptBlocks(src.subarray(0, n));
  const first = Math.min(BLOCK, n);
  for (let i = 0; i < first; i++) d[i] = (d[i] ?? 0) ^ (iv[i] ?? 0);
  for (let i = BLOCK; i < n; i++) d[i] = (d[i] ?? 0) ^ (src[i - BLOCK] ?? 0);
  if (n === src.length) return d;
  const out = new Uint8Array(src.length);
  out.set(d, 0);
  out.set(src.subarray(n), n);
  return out;
}

/**
 * CTR over `data` with the counter block `iv`, incremented as one 128-bit big-endian number per
 * block (what node's aes-128-ctr does); its own inverse.
 */
export function ctrCrypt(aes: AesBlockCipher, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const blocks = Math.ceil(data.length / BLOCK);
  const counters = new Uint8Array(blocks * BLOCK);
  const counter = Uint8Array.from(iv.subarray(0, BLOCK));
  for (let b = 0; b < blocks; b++) {
    counters.set(counter, b * BLOCK);
    for (let i = BLOCK - 1; i >= 0; i--) {
      const next = ((counter[i] ?? 0) + 1) & 0xff;
      counter[i] = next;
      if (next !== 0) break;
    }
  }
  const stream = aes.encryptBlocks(counters);
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (data[i] ?? 0) ^ (stream[i] ?? 0);
  return out;
}

function run(
  decrypt: boolean,
  algorithm: string,
  key: Uint8Array,
  iv: Uint8Array | null,
  data: Uint8Array,
): Uint8Array {
  const c = decrypt ? createDecipheriv(algorithm, key, iv) : createCipheriv(algorithm, key, iv);
  c.setAutoPadding(false);
  const out = Buffer.concat([c.update(data), c.final()]);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

export function aesEcbEncrypt(key: Uint8Array, block: Uint8Array): Uint8Array {
  return run(false, 'aes-128-ecb', key, null, block);
}

export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return run(true, 'aes-128-cbc', key, iv, data);
}

export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return run(false, 'aes-128-cbc', key, iv, data);
}

/** CTR is its own inverse; node increments the whole 128-bit counter block big endian. */
export function aesCtr(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return run(false, 'aes-128-ctr', key, iv, data);
}
