/** Hex text ⇄ bytes, for vectors, the CLI and simulators. Separators (space, colon, dash, underscore) are ignored. */

const SEPARATORS = /[\s:_-]/g;

/** Bytes of a hex string, or undefined when it has a non-hex character or an odd digit count. */
export function parseHex(text: string): Uint8Array | undefined {
  const clean = text.replace(SEPARATORS, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return undefined;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Bytes of a hex string known to be valid (vectors, constants); throws on bad text. */
export function hexBytes(text: string): Uint8Array {
  const bytes = parseHex(text);
  if (bytes === undefined) throw new RangeError(`not an even-length hex string: ${text.slice(0, 40)}`);
  return bytes;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s.toUpperCase();
}
