/**
 * CRC-16 of EN 13757-4 §12.3 (wM-Bus block CRC) and EN 13757-4 ELL payload CRC:
 * polynomial x^16+x^13+x^12+x^11+x^10+x^8+x^6+x^5+x^2+1 (0x3D65), initial value 0,
 * not reflected, result inverted (xor 0xFFFF). Check value for "123456789" is 0xC2B7.
 */
const TABLE: Uint16Array = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 8;
    for (let j = 0; j < 8; j++) r = r & 0x8000 ? ((r << 1) ^ 0x3d65) & 0xffff : (r << 1) & 0xffff;
    t[i] = r;
  }
  return t;
})();

export function crc16En13757(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const table = TABLE;
  let crc = 0;
  for (let i = start; i < end; i++) {
    // A byte past the end reads as undefined, which `^` takes as 0; the index is always 0..255.
    crc = ((crc << 8) & 0xffff) ^ (table[((crc >> 8) ^ (bytes[i] as number)) & 0xff] as number);
  }
  return crc ^ 0xffff;
}
