/**
 * Bit streams of nke Watteco "batch" reports (the compressed series format, "br_uncompress" in the
 * vendor's public codec). Bits are taken from each byte least significant first. A field of n bits
 * is read in chunks: first n mod 8 bits (8 when n is a multiple of 8), then whole bytes; the first
 * chunk is the most significant, and inside a chunk the first bit read is the least significant.
 * Huffman codes are read the other way: the first bit read is the most significant bit of the code.
 */

export interface HuffmanCode {
  /** Code length in bits. */
  size: number;
  /** Code bits, the first one sent being the most significant. */
  label: number;
}

/**
 * The three code tables of the vendor codec, indexed by the "bi" they stand for: bi 0 means "no
 * change", 1 … 14 the number of bits that follow, 15 a raw value. Table 1 is also the timestamp table.
 */
export const HUFFMAN_TABLES: ReadonlyArray<readonly HuffmanCode[]> = [
  [
    [2, 0x000],
    [2, 0x001],
    [2, 0x003],
    [3, 0x005],
    [4, 0x009],
    [5, 0x011],
    [6, 0x021],
    [7, 0x041],
    [8, 0x081],
    [10, 0x200],
    [11, 0x402],
    [11, 0x403],
    [11, 0x404],
    [11, 0x405],
    [11, 0x406],
    [11, 0x407],
  ],
  [
    [7, 0x06f],
    [5, 0x01a],
    [4, 0x00c],
    [3, 0x003],
    [3, 0x007],
    [2, 0x002],
    [2, 0x000],
    [3, 0x002],
    [6, 0x036],
    [9, 0x1bb],
    [9, 0x1b9],
    [10, 0x375],
    [10, 0x374],
    [10, 0x370],
    [11, 0x6e3],
    [11, 0x6e2],
  ],
  [
    [4, 0x009],
    [3, 0x005],
    [2, 0x000],
    [2, 0x001],
    [2, 0x003],
    [5, 0x011],
    [6, 0x021],
    [7, 0x041],
    [8, 0x081],
    [10, 0x200],
    [11, 0x402],
    [11, 0x403],
    [11, 0x404],
    [11, 0x405],
    [11, 0x406],
    [11, 0x407],
  ],
].map((table) => table.map(([size, label]) => ({ size: size ?? 0, label: label ?? 0 })));

/** The largest bi that is a bit count; bi 15 announces a raw value. */
export const MAX_BI = 14;
export const RAW_BI = 15;

/** Chunk sizes of an n-bit field, most significant chunk first. */
function chunks(nBits: number): number[] {
  const first = nBits % 8 === 0 ? 8 : nBits % 8;
  const out = [first];
  for (let rest = nBits - first; rest > 0; rest -= 8) out.push(8);
  return out;
}

export class BitReader {
  private pos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Bits consumed so far. */
  get position(): number {
    return this.pos;
  }

  private bit(): number {
    const b = this.bytes[this.pos >> 3] ?? 0;
    const v = (b >> (this.pos & 7)) & 1;
    this.pos += 1;
    return v;
  }

  /** An unsigned field of 1 … 32 bits, or undefined when the payload ends first. */
  read(nBits: number): number | undefined {
    if (this.pos + nBits > this.bytes.length * 8) return undefined;
    const parts = chunks(nBits);
    let value = 0;
    parts.forEach((size, c) => {
      const shift = 8 * (parts.length - 1 - c);
      for (let j = 0; j < size; j++) value += this.bit() * 2 ** (shift + j);
    });
    return value;
  }

  /** The bi of the next Huffman code of `table`, or undefined when none matches before the end. */
  readHuffman(table: readonly HuffmanCode[]): number | undefined {
    for (let size = 2; size <= 11; size++) {
      if (this.pos + size > this.bytes.length * 8) return undefined;
      let pattern = 0;
      for (let i = 0; i < size; i++)
        pattern = (pattern << 1) | (((this.bytes[(this.pos + i) >> 3] ?? 0) >> ((this.pos + i) & 7)) & 1);
      const bi = table.findIndex((c) => c.size === size && c.label === pattern);
      if (bi >= 0) {
        this.pos += size;
        return bi;
      }
    }
    return undefined;
  }
}

export class BitWriter {
  private readonly bits: number[] = [];

  private bit(v: number): void {
    this.bits.push(v & 1);
  }

  write(value: number, nBits: number): void {
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** nBits)
      throw new RangeError(`${value} does not fit ${nBits} bits`);
    const parts = chunks(nBits);
    parts.forEach((size, c) => {
      const shift = 8 * (parts.length - 1 - c);
      for (let j = 0; j < size; j++) this.bit(Math.floor(value / 2 ** (shift + j)));
    });
  }

  writeHuffman(table: readonly HuffmanCode[], bi: number): void {
    const code = table[bi];
    if (code === undefined) throw new RangeError(`no Huffman code for bi ${bi}`);
    for (let i = code.size - 1; i >= 0; i--) this.bit(code.label >> i);
  }

  /** The bytes, the last one padded with zero bits. */
  bytes(): Uint8Array {
    const out = new Uint8Array(Math.ceil(this.bits.length / 8));
    this.bits.forEach((v, i) => {
      if (v) out[i >> 3] = (out[i >> 3] ?? 0) | (1 << (i & 7));
    });
    return out;
  }
}
