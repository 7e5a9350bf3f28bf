/** AES-128 primitives over node:crypto, without padding (wM-Bus pads with 2F fillers itself). */
import { createCipheriv, createDecipheriv } from 'node:crypto';

function run(decrypt: boolean, algorithm: string, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array): Uint8Array {
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
