/**
 * Encoder of nke Watteco batch reports (the inverse of batch-codec.ts), for the simulator and the
 * round-trip tests. Every difference is coded with the smallest bi that holds it, or as a raw value
 * when none does (a step finer than the series' resolution, a time going back, more than 14 bits).
 * Throws RangeError on series the format cannot carry.
 */
import { BitWriter, HUFFMAN_TABLES, MAX_BI, RAW_BI, type HuffmanCode } from './batch-bits.js';
import type { BatchSample, BatchSeriesSpec } from './batch-codec.js';

export interface BatchSeriesInput {
  tag: number;
  /** The first is the header sample; with common timestamps, times must rise within a series. */
  samples: BatchSample[];
  /** 0 ADLC (both signs, the default), 1 positive steps, 2 negative steps. */
  codingType?: 0 | 1 | 2;
  /** Huffman table of the value differences (default 0). */
  codingTable?: 0 | 1 | 2;
  /** Huffman table of the time differences, separate timestamps only (default 1). */
  timestampTable?: 0 | 1 | 2;
}

export interface BatchInput {
  /** 3 bits. */
  counter: number;
  commonTimestamps: boolean;
  /** Huffman table of the common time differences (default 1). */
  timestampTable?: 0 | 1 | 2;
  /** In payload order; with common timestamps the first series holds the earliest time. */
  series: BatchSeriesInput[];
  /** Device clock when the batch is sent, seconds. */
  batchTime: number;
}

const TIME_BITS = 32;

function table(index: number): readonly HuffmanCode[] {
  const t = HUFFMAN_TABLES[index];
  if (t === undefined) throw new RangeError(`Huffman table ${index} does not exist`);
  return t;
}

/** bi and bits of a step k ≥ 0 coded as v + 2^bi − 1 (times, positive and negative values). */
function offsetCoding(k: number): { bi: number; v: number } | undefined {
  if (k === 0) return { bi: 0, v: 0 };
  const bi = Math.floor(Math.log2(k + 1));
  // Guard the floating log at powers of two.
  const b = 2 ** (bi + 1) - 1 <= k ? bi + 1 : 2 ** bi - 1 > k ? bi - 1 : bi;
  return b <= MAX_BI ? { bi: b, v: k - (2 ** b - 1) } : undefined;
}

/** bi and bits of a signed step k in ADLC coding. */
function adlcCoding(k: number): { bi: number; v: number } | undefined {
  if (k === 0) return { bi: 0, v: 0 };
  const bi = Math.abs(k).toString(2).length;
  if (bi > MAX_BI) return undefined;
  return { bi, v: k > 0 ? k : k - 1 + 2 ** bi };
}

class BatchWriter {
  readonly w = new BitWriter();

  time(t: number, base: number, codes: readonly HuffmanCode[], raw: boolean): void {
    if (!Number.isInteger(t) || t < 0 || t >= 2 ** TIME_BITS)
      throw new RangeError(`time ${t} is not a 32-bit device second`);
    if (raw) return this.w.write(t, TIME_BITS);
    const c = t >= base ? offsetCoding(t - base) : undefined;
    if (c === undefined) {
      this.w.writeHuffman(codes, RAW_BI);
      this.w.write(t, TIME_BITS);
    } else {
      this.w.writeHuffman(codes, c.bi);
      if (c.bi > 0) this.w.write(c.v, c.bi);
    }
  }

  value(value: number, previous: number, s: BatchSeriesInput, spec: BatchSeriesSpec): void {
    const codes = table(s.codingTable ?? 0);
    const d = value - previous;
    const k = d / spec.resolution;
    const type = s.codingType ?? 0;
    const c = !Number.isInteger(k)
      ? undefined
      : type === 0
        ? adlcCoding(k)
        : type === 1
          ? k >= 0
            ? offsetCoding(k)
            : undefined
          : k <= 0
            ? offsetCoding(-k)
            : undefined;
    if (c === undefined) {
      this.w.writeHuffman(codes, RAW_BI);
      this.w.write(value, spec.sampleBits);
    } else {
      this.w.writeHuffman(codes, c.bi);
      if (c.bi > 0) this.w.write(c.v, c.bi);
    }
  }
}

export function encodeBatch(b: BatchInput, tagBits: number, specs: ReadonlyMap<number, BatchSeriesSpec>): Uint8Array {
  const out = new BatchWriter();
  const w = out.w;
  if (b.series.length === 0 || b.series.length > 15)
    throw new RangeError(`a batch holds 1 … 15 series, not ${b.series.length}`);
  const hasSamples = b.series.some((s) => s.samples.length > 1);
  const specOf = (tag: number): BatchSeriesSpec => {
    const spec = specs.get(tag);
    if (spec === undefined) throw new RangeError(`series tag ${tag} is not one of this sensor's`);
    return spec;
  };
  const timestamps = table(1);
  w.write((b.series.length << 4) | (hasSamples ? 0 : 0x04) | (b.commonTimestamps ? 0x02 : 0), 8);
  w.write(b.counter, 3);
  w.write(0, 1);
  let t = 0;
  b.series.forEach((s, i) => {
    const header = s.samples[0];
    if (header === undefined) throw new RangeError(`series ${s.tag} has no sample`);
    w.write(s.tag, tagBits);
    out.time(header.t, t, timestamps, i === 0 || t === 0);
    t = header.t;
    w.write(header.value, specOf(s.tag).sampleBits);
    if (hasSamples) {
      w.write(s.codingType ?? 0, 2);
      w.write(s.codingTable ?? 0, 2);
    }
  });
  let last = t;
  if (hasSamples && b.commonTimestamps) last = writeCommon(out, b, tagBits, specOf);
  else if (hasSamples) {
    for (const s of b.series) {
      w.write(s.tag, tagBits);
      const rest = s.samples.slice(1);
      if (rest.length > 255) throw new RangeError(`series ${s.tag} has more than 255 samples after its first`);
      w.write(rest.length, 8);
      if (rest.length === 0) continue;
      const codes = table(s.timestampTable ?? 1);
      w.write(s.timestampTable ?? 1, 2);
      rest.forEach((sample, i) => {
        const previous = s.samples[i] ?? sample;
        out.time(sample.t, previous.t, codes, false);
        if (sample.t > last) last = sample.t;
        out.value(sample.value, previous.value, s, specOf(s.tag));
      });
    }
  }
  out.time(b.batchTime, last, timestamps, last === 0);
  return w.bytes();
}

/** The common-timestamp sample section; returns the last common time. */
function writeCommon(
  out: BatchWriter,
  b: BatchInput,
  tagBits: number,
  specOf: (tag: number) => BatchSeriesSpec,
): number {
  const w = out.w;
  const times = [...new Set(b.series.flatMap((s) => s.samples.map((x) => x.t)))].sort((x, y) => x - y);
  if (times.length > 255) throw new RangeError(`${times.length} distinct times: a common-timestamp batch holds 255`);
  if (b.series[0]?.samples[0]?.t !== times[0])
    throw new RangeError('with common timestamps the first series must hold the earliest time');
  for (const s of b.series) {
    if (s.samples.some((x, i) => i > 0 && x.t <= (s.samples[i - 1]?.t ?? 0)))
      throw new RangeError(`series ${s.tag}: times must rise for common timestamps`);
  }
  const codes = table(b.timestampTable ?? 1);
  w.write(times.length, 8);
  w.write(b.timestampTable ?? 1, 2);
  times.forEach((t, i) => {
    // The first common time is the first series' header time: only its code is sent.
    if (i === 0) w.writeHuffman(codes, 0);
    else out.time(t, times[i - 1] ?? 0, codes, false);
  });
  for (const s of b.series) {
    w.write(s.tag, tagBits);
    const byTime = new Map(s.samples.map((x, i) => [x.t, i]));
    for (const t of times) {
      const i = byTime.get(t);
      w.write(i === undefined ? 0 : 1, 1);
      if (i === undefined) continue;
      const sample = s.samples[i];
      const previous = s.samples[i - 1];
      // The header sample is sent again as "no change"; the decoder drops that first repeat.
      if (i === 0 || sample === undefined || previous === undefined) w.writeHuffman(table(s.codingTable ?? 0), 0);
      else out.value(sample.value, previous.value, s, specOf(s.tag));
    }
  }
  return times[times.length - 1] ?? 0;
}
