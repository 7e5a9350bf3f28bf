/**
 * nke Watteco batch reports: several measured series compressed into one uplink (the algorithm of
 * the vendor's public "br_uncompress" codec, written here from its description). Layout, as bits
 * (see batch-bits.ts for the bit order):
 *   8 flags: bit 1 common timestamps, bit 2 no samples beyond the first, bits 4–7 series count
 *   | 3 batch counter | 1 reserved
 *   | per series: tag, its first sample's time (32-bit raw for the first series, then a Huffman
 *     coded difference to the previous series' time) and raw value, and with samples: 2-bit coding
 *     type (0 ADLC, 1 positive, 2 negative) and 2-bit value Huffman table
 *   | samples, with common timestamps: 8-bit count, 2-bit timestamp table, the time differences,
 *     then per series its tag and per time an "available" bit and a value difference; or with
 *     separate timestamps: per series its tag, 8-bit count, 2-bit timestamp table, then per sample
 *     a time difference and a value difference
 *   | the batch's own time, as a difference to the last sample time.
 * Times are seconds of the device's own clock; only differences to the batch time mean anything.
 * A difference is a Huffman-coded bi: 0 no change, 1 … 14 that many bits follow, 15 a raw value.
 * Nothing here throws on bad bytes; the encoder throws RangeError on series it cannot code.
 */
import { BitReader, HUFFMAN_TABLES, MAX_BI, type HuffmanCode } from './batch-bits.js';

export interface BatchSeriesSpec {
  /** Raw sample size in bits (unsigned). */
  sampleBits: number;
  /** Step of one unit of a coded difference, in raw units. */
  resolution: number;
}

export interface BatchSample {
  /** Device clock, seconds. */
  t: number;
  value: number;
}

export interface Batch {
  counter: number;
  /** Series by tag, samples in payload order (the first is the series' header sample). */
  series: Map<number, BatchSample[]>;
  /** Device clock when the batch was sent. */
  batchTime: number;
}

export type BatchResult =
  { ok: true; batch: Batch } | { ok: false; problem: 'truncated' | 'malformed'; message: string; bitOffset: number };

const TIMESTAMP_TABLE = 1;

/** Ends decoding at the first problem; caught below and returned as a value. */
class BatchStop extends Error {}

/** The value after `previous` for a difference coded as bi bits `v`, by the vendor's three coding types. */
function applyDelta(codingType: number, v: number, bi: number, previous: number, resolution: number): number {
  if (codingType === 0) return (v >= 2 ** (bi - 1) ? v : v + 1 - 2 ** bi) * resolution + previous;
  if (codingType === 1) return (v + 2 ** bi - 1) * resolution + previous;
  return previous - (v + 2 ** bi - 1) * resolution;
}

export function decodeBatch(
  bytes: Uint8Array,
  tagBits: number,
  specs: ReadonlyMap<number, BatchSeriesSpec>,
): BatchResult {
  const r = new BitReader(bytes);
  const fail = (problem: 'truncated' | 'malformed', message: string): never => {
    throw Object.assign(new BatchStop(message), { problem, bitOffset: r.position });
  };
  const read = (n: number, what: string): number => r.read(n) ?? fail('truncated', `batch ends inside ${what}`);
  const table = (index: number): readonly HuffmanCode[] =>
    HUFFMAN_TABLES[index] ?? fail('malformed', `Huffman table ${index} does not exist`);
  const huffman = (t: readonly HuffmanCode[], what: string): number => {
    const bi = r.readHuffman(t);
    if (bi !== undefined) return bi;
    return r.position + 11 > bytes.length * 8
      ? fail('truncated', `batch ends inside the code of ${what}`)
      : fail('malformed', `no Huffman code for ${what}`);
  };
  /** A time after `base` coded with table `t`; the first time of all (base 0) is raw. */
  const timeAfter = (base: number, t: readonly HuffmanCode[], raw: boolean): number => {
    if (raw) return read(32, 'a time');
    const bi = huffman(t, 'a time difference');
    if (bi > MAX_BI) return read(32, 'a time');
    return bi > 0 ? read(bi, 'a time difference') + base + 2 ** bi - 1 : base;
  };
  try {
    const flags = read(8, 'the flags');
    if (flags & 0x01) fail('malformed', 'flag bit 0 is set: a standard report, not a batch');
    const common = (flags & 0x02) !== 0;
    const hasSamples = (flags & 0x04) === 0;
    const seriesCount = flags >> 4;
    const counter = read(3, 'the batch counter');
    read(1, 'the reserved bit');
    const series = new Map<number, BatchSample[]>();
    const coding = new Map<number, { type: number; table: readonly HuffmanCode[] }>();
    const specOf = (tag: number): BatchSeriesSpec =>
      specs.get(tag) ?? fail('malformed', `series tag ${tag} is not one of this sensor's`);
    let t = 0;
    let firstTag = -1;
    for (let i = 0; i < seriesCount; i++) {
      const tag = read(tagBits, 'a series tag');
      const spec = specOf(tag);
      if (i === 0) firstTag = tag;
      t = timeAfter(t, HUFFMAN_TABLES[TIMESTAMP_TABLE] ?? [], t === 0);
      series.set(tag, [{ t, value: read(spec.sampleBits, 'a first sample') }]);
      if (hasSamples) coding.set(tag, { type: read(2, 'a coding type'), table: table(read(2, 'a coding table')) });
    }
    const seriesOf = (tag: number) => {
      const samples = series.get(tag);
      const c = coding.get(tag);
      if (samples === undefined || c === undefined) return fail('malformed', `series tag ${tag} has no first sample`);
      return { samples, spec: specOf(tag), ...c };
    };
    /** The next value of a series after `previous`, from its Huffman-coded bi. */
    const nextValue = (s: ReturnType<typeof seriesOf>, bi: number, previous: number): number => {
      if (bi > MAX_BI) return read(s.spec.sampleBits, 'a raw sample');
      return bi > 0 ? applyDelta(s.type, read(bi, 'a value difference'), bi, previous, s.spec.resolution) : previous;
    };
    let last = t;
    if (hasSamples && common) {
      const n = read(8, 'the sample count');
      const times: number[] = [];
      const tTable = table(read(2, 'the timestamp table'));
      for (let i = 0; i < n; i++) {
        const bi = huffman(tTable, 'a time difference');
        const previous = times[i - 1] ?? 0;
        if (bi > MAX_BI) times.push(read(32, 'a time'));
        else if (i === 0) times.push(series.get(firstTag)?.[0]?.t ?? 0);
        else times.push(bi > 0 ? read(bi, 'a time difference') + previous + 2 ** bi - 1 : previous);
      }
      last = times[n - 1] ?? 0;
      for (let j = 0; j < seriesCount; j++) {
        const s = seriesOf(read(tagBits, 'a series tag'));
        let firstRepeatSkipped = false;
        for (let i = 0; i < n; i++) {
          if (read(1, 'an availability bit') === 0) continue;
          const bi = huffman(s.table, 'a value difference');
          // The series' first "no change" repeats its header sample: it is not a sample of its own.
          if (bi === 0 && !firstRepeatSkipped) {
            firstRepeatSkipped = true;
            continue;
          }
          s.samples.push({ t: times[i] ?? 0, value: nextValue(s, bi, s.samples[s.samples.length - 1]?.value ?? 0) });
        }
      }
    } else if (hasSamples) {
      for (let j = 0; j < seriesCount; j++) {
        const s = seriesOf(read(tagBits, 'a series tag'));
        const n = read(8, 'a sample count');
        if (n === 0) continue;
        const tTable = table(read(2, 'a timestamp table'));
        for (let i = 0; i < n; i++) {
          const previous = s.samples[s.samples.length - 1] ?? { t: 0, value: 0 };
          const time = timeAfter(previous.t, tTable, false);
          if (time > last) last = time;
          s.samples.push({ t: time, value: nextValue(s, huffman(s.table, 'a value difference'), previous.value) });
        }
      }
    }
    const batchTime = timeAfter(last, HUFFMAN_TABLES[TIMESTAMP_TABLE] ?? [], last === 0);
    return { ok: true, batch: { counter, series, batchTime } };
  } catch (e) {
    if (!(e instanceof BatchStop)) throw e;
    const { problem, bitOffset } = e as BatchStop & { problem: 'truncated' | 'malformed'; bitOffset: number };
    return { ok: false, problem, message: e.message, bitOffset };
  }
}
