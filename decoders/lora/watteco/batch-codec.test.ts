import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hexBytes } from '../../core/hex.js';
import { BitReader, BitWriter, HUFFMAN_TABLES } from './batch-bits.js';
import { decodeBatch, type BatchSample } from './batch-codec.js';
import { encodeBatch, type BatchInput, type BatchSeriesInput } from './batch-encode.js';
import { PULSE_SENSO_SERIES, PULSE_SENSO_TAG_BITS } from './pulse-senso-batch.js';

const VENDOR_EXAMPLE = '3203032CD2DC00000000117B02000080903D005000401040801D11604704D8119024912492247B';
const decode = (bytes: Uint8Array) => decodeBatch(bytes, PULSE_SENSO_TAG_BITS, PULSE_SENSO_SERIES);
const encode = (b: BatchInput) => encodeBatch(b, PULSE_SENSO_TAG_BITS, PULSE_SENSO_SERIES);

describe('batch bit streams', () => {
  it('reads a field most significant chunk first, each chunk least significant bit first', () => {
    // 11 bits: 3 bits into bits 8–10, then 8 bits into bits 0–7.
    const r = new BitReader(Uint8Array.of(0b0000_0101, 0b0000_0000));
    expect(r.read(11)).toBe(0b101_0000_0000);
  });

  it('every Huffman code table is prefix-free, so a code reads back as the bi it was written for', () => {
    HUFFMAN_TABLES.forEach((table) => {
      table.forEach((_, bi) => {
        const w = new BitWriter();
        w.writeHuffman(table, bi);
        w.write(0, 16);
        expect(new BitReader(w.bytes()).readHuffman(table)).toBe(bi);
      });
    });
  });
});

describe('batch codec', () => {
  it('decodes the vendor example: three index series, one sample an hour, the last at the batch time', () => {
    const r = decode(hexBytes(VENDOR_EXAMPLE));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.batch.counter).toBe(3);
    const hourly = (value: number) => [0, 1, 2, 3].map((h) => ({ t: r.batch.batchTime - (3 - h) * 3600, value }));
    expect([...r.batch.series]).toEqual([
      [0, hourly(0)],
      [1, hourly(67_108_864)],
      [2, hourly(4_194_560)],
    ]);
  });

  it('fails a cut batch with truncated and an unknown series tag with malformed, at the bit where it stopped', () => {
    const cut = decode(hexBytes(VENDOR_EXAMPLE).subarray(0, 20));
    expect(cut).toMatchObject({ ok: false, problem: 'truncated' });
    const unknownTag = decode(Uint8Array.of(0x10, 0x80 | 0x03, 0, 0, 0, 0, 0));
    expect(unknownTag).toMatchObject({ ok: false, problem: 'malformed', bitOffset: 16 });
  });

  it('codes a step finer than the resolution, and a time going back, as raw values', () => {
    const b: BatchInput = {
      counter: 1,
      commonTimestamps: false,
      batchTime: 5_000,
      series: [
        {
          tag: 6,
          samples: [
            { t: 1_000, value: 3_600 },
            { t: 900, value: 3_650 },
            { t: 2_000, value: 3_550 },
          ],
        },
      ],
    };
    const r = decode(encode(b));
    expect(r.ok && r.batch.series.get(6)).toEqual(b.series[0]?.samples);
  });

  it('refuses common timestamps when the first series does not hold the earliest time', () => {
    const series: BatchSeriesInput[] = [
      { tag: 0, samples: [{ t: 20, value: 1 }] },
      {
        tag: 1,
        samples: [
          { t: 10, value: 1 },
          { t: 30, value: 2 },
        ],
      },
    ];
    expect(() => encode({ counter: 0, commonTimestamps: true, batchTime: 40, series })).toThrow(RangeError);
  });
});

const TAGS = [...PULSE_SENSO_SERIES.keys()];
const table = fc.constantFrom(0 as const, 1 as const, 2 as const);

/** A series of `n` values: mostly small steps of the resolution (the Huffman paths), sometimes any value (raw). */
function values(tag: number, n: number): fc.Arbitrary<number[]> {
  const spec = PULSE_SENSO_SERIES.get(tag);
  if (spec === undefined) throw new Error(`tag ${tag}`);
  const top = 2 ** spec.sampleBits - 1;
  const step = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -300, max: 300 }).map((k) => ({ step: k * spec.resolution })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: top }).map((v) => ({ raw: v })) },
  );
  return fc
    .tuple(fc.integer({ min: 0, max: top }), fc.array(step, { minLength: n - 1, maxLength: n - 1 }))
    .map(([first, steps]) => {
      const out = [first];
      for (const s of steps)
        out.push('raw' in s ? s.raw : Math.min(top, Math.max(0, (out[out.length - 1] ?? 0) + s.step)));
      return out;
    });
}

/** Rising times: mostly small gaps, sometimes beyond what 14 bits hold. */
const gaps = (n: number) =>
  fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: 1, max: 4_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 ** 24 }) },
    ),
    { minLength: n, maxLength: n },
  );

const seriesShape = fc.record({
  codingType: fc.constantFrom(0 as const, 1 as const, 2 as const),
  codingTable: table,
  timestampTable: table,
});

const separateBatch: fc.Arbitrary<BatchInput> = fc
  .tuple(
    fc.shuffledSubarray(TAGS, { minLength: 1 }),
    fc.integer({ min: 0, max: 7 }),
    fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  )
  .chain(([tags, counter, batchTime]) =>
    fc
      .tuple(
        ...tags.map((tag) =>
          fc
            .integer({ min: 1, max: 12 })
            .chain((n) =>
              fc
                .tuple(
                  values(tag, n),
                  fc.array(fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constant(0)), {
                    minLength: n,
                    maxLength: n,
                  }),
                  seriesShape,
                )
                .map(([vs, ts, shape]): BatchSeriesInput => ({
                  tag,
                  samples: vs.map((value, i) => ({ t: ts[i] ?? 0, value })),
                  ...shape,
                })),
            ),
        ),
      )
      .map((series) => ({ counter, commonTimestamps: false, batchTime, series })),
  );

const commonBatch: fc.Arbitrary<BatchInput> = fc
  .tuple(
    fc.shuffledSubarray(TAGS, { minLength: 1 }),
    fc.integer({ min: 0, max: 7 }),
    fc.integer({ min: 1, max: 40 }),
    fc.integer({ min: 0, max: 2 ** 20 }),
    table,
  )
  .chain(([tags, counter, nTimes, start, timestampTable]) =>
    fc.tuple(gaps(nTimes), fc.nat()).chain(([gs, after]) => {
      const times = gs
        .reduce<number[]>((acc, g) => [...acc, (acc[acc.length - 1] ?? start) + g], [start])
        .slice(0, nTimes);
      return fc
        .tuple(
          ...tags.map((tag, i) =>
            // The first series holds the earliest time; the others any non-empty subset.
            fc
              .subarray(times, { minLength: 1 })
              .map((ts) => (i === 0 && ts[0] !== times[0] ? [times[0] ?? 0, ...ts] : ts))
              .chain((ts) =>
                fc
                  .tuple(values(tag, ts.length), seriesShape)
                  .map(([vs, shape]): BatchSeriesInput => ({
                    tag,
                    samples: ts.map((t, k) => ({ t, value: vs[k] ?? 0 })),
                    ...shape,
                  })),
              ),
          ),
        )
        .map((series) => ({
          counter,
          commonTimestamps: true,
          timestampTable,
          batchTime: (times[times.length - 1] ?? 0) + (after % 100_000),
          series,
        }));
    }),
  );

function decodedSeries(b: BatchInput): Array<[number, BatchSample[]]> {
  return b.series.map((s) => [s.tag, s.samples]);
}

describe('properties', () => {
  it('decode(encode(batch)) gives every series, sample time, value and the batch time back (separate timestamps)', () => {
    fc.assert(
      fc.property(separateBatch, (b) => {
        const r = decode(encode(b));
        if (!r.ok) return false;
        expect([...r.batch.series]).toEqual(decodedSeries(b));
        expect(r.batch.batchTime).toBe(b.batchTime);
        expect(r.batch.counter).toBe(b.counter);
        return true;
      }),
      { numRuns: 1_500 },
    );
  });

  it('decode(encode(batch)) gives every series, sample time, value and the batch time back (common timestamps)', () => {
    fc.assert(
      fc.property(commonBatch, (b) => {
        const r = decode(encode(b));
        if (!r.ok) return false;
        expect([...r.batch.series]).toEqual(decodedSeries(b));
        expect(r.batch.batchTime).toBe(b.batchTime);
        return true;
      }),
      { numRuns: 1_500 },
    );
  });

  it('never throws on damaged or random bytes: a batch or a typed problem', () => {
    const example = hexBytes(VENDOR_EXAMPLE);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })).map(([at, bit]) => {
            const b = example.slice();
            const i = at % b.length;
            b[i] = (b[i] ?? 0) ^ (1 << bit);
            return b;
          }),
        ),
        (bytes) => {
          const r = decode(bytes.length > 0 ? Uint8Array.from(bytes, (x, i) => (i === 0 ? x & 0xfe : x)) : bytes);
          return r.ok || r.problem === 'truncated' || r.problem === 'malformed';
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
