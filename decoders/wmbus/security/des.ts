/**
 * Security mode 2 (EN 13757-3:2004 Annex H, deprecated): DES-CBC with an all-zero IV.
 * OpenSSL 3 keeps single DES in its legacy provider only; DES-EDE3 with K1 = K2 = K3 computes
 * exactly single DES, so that is used instead.
 */
import { createDecipheriv, createCipheriv } from 'node:crypto';

function tripleKey(key: Uint8Array): Buffer {
  return Buffer.concat([key, key, key]);
}

export function desCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const d = createDecipheriv('des-ede3-cbc', tripleKey(key), iv);
  d.setAutoPadding(false);
  const out = Buffer.concat([d.update(data), d.final()]);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

export function desCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const c = createCipheriv('des-ede3-cbc', tripleKey(key), iv);
  c.setAutoPadding(false);
  const out = Buffer.concat([c.update(data), c.final()]);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
