import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hexBytes } from '../core/hex.js';
import type { DecodeContext } from '../core/types.js';
import { decodeCjt188 } from './decoder.js';
import { encodeReadDataRequest, encodeReadDataResponse, type Cjt188ReadingSpec } from './encoder.js';
import { encodeFrame, parseFrame } from './frame.js';
import { cjt188Vectors, CJT188_VECTOR_RECEIVED_AT } from './cjt188.vectors.js';

const ctx: DecodeContext = { receivedAt: CJT188_VECTOR_RECEIVED_AT };

describe('cjt188 vectors', () => {
  for (const v of cjt188Vectors) {
    it(`decodes: ${v.description}`, () => {
      const result = decodeCjt188(hexBytes(v.hex), ctx);
      if (!v.expect.ok) {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe(v.expect.code);
        return;
      }
      expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
      if (!result.ok) return;
      expect(result.readings).toEqual(v.expect.readings);
      expect(result.alarms.map((a) => a.kind)).toEqual(v.expect.alarms);
      expect(result.meta).toMatchObject(v.expect.meta);
      expect(result.warnings).toHaveLength(v.expect.warnings);
    });
  }

  it('reads the meter clock in the context time zone', () => {
    const frame = hexBytes(cjt188Vectors.find((v) => v.description.startsWith('ng-gateway'))!.hex);
    const utc = decodeCjt188(frame, { receivedAt: CJT188_VECTOR_RECEIVED_AT, meterTimeZone: 'UTC' });
    expect(utc.ok && utc.readings[0]?.time).toBe('2026-01-08T14:30:00.000Z');
  });

  it('builds the read-data request the fox-edge sample shows', () => {
    expect(encodeReadDataRequest(0x10, '00000805000001', 0)).toEqual(hexBytes('68100100000508000001031F90003916'));
  });

  it('reports an abnormal response as a communication alarm without a reading', () => {
    const frame = encodeFrame({ meterType: 0x10, addressWire: hexBytes('01000005080000'), control: 0xc1, data: hexBytes('0000') });
    const result = decodeCjt188(frame, ctx);
    expect(result.ok && result.readings).toEqual([]);
    expect(result.ok && result.alarms.map((a) => a.kind)).toEqual(['communication_error']);
  });

  it('rejects a read-data response from a heat meter as unsupported', () => {
    const frame = encodeFrame({ meterType: 0x20, addressWire: hexBytes('01000005080000'), control: 0x81, data: new Uint8Array(22) });
    const result = decodeCjt188(frame, ctx);
    expect(!result.ok && result.error.code).toBe('DECODE_UNSUPPORTED_RECORD');
  });

  it('rejects a unit code that is not a volume', () => {
    const good = hexBytes(cjt188Vectors.find((v) => v.description.startsWith('ng-gateway'))!.hex);
    const parsed = parseFrame(good);
    if (!parsed.ok) throw new Error('vector');
    const data = parsed.frame.data.slice();
    data[7] = 0x35; // m³/h
    const result = decodeCjt188(encodeFrame({ ...parsed.frame, data }), ctx);
    expect(!result.ok && result.error.code).toBe('DECODE_UNSUPPORTED_RECORD');
  });
});

const waterType = fc.integer({ min: 0x10, max: 0x19 });
const address = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }).map((d) => d.join(''));
const hundredths = fc.integer({ min: 0, max: 99_999_999 });
/** Whole seconds between 2000 and 2099 (the clock has a two-digit year and a century byte). */
const meterTime = fc.integer({ min: Date.UTC(2000, 0, 2) / 1000, max: Date.UTC(2099, 11, 30) / 1000 }).map((s) => new Date(s * 1000).toISOString());
const volumeUnit = fc.constantFrom(0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e);
const mlPerHundredth: Record<number, number> = { 0x29: 10, 0x2a: 100, 0x2b: 1000, 0x2c: 10_000, 0x2d: 100_000, 0x2e: 1_000_000 };

const readingSpec: fc.Arbitrary<Cjt188ReadingSpec> = fc
  .record({
    meterType: waterType,
    address,
    ser: fc.integer({ min: 0, max: 255 }),
    unit: volumeUnit,
    current: hundredths,
    settlement: hundredths,
    time: fc.option(meterTime, { nil: null }),
    meterTimeZone: fc.constantFrom('Asia/Shanghai', 'UTC', 'Europe/Copenhagen'),
    status: fc.integer({ min: 0, max: 0xffff }),
  })
  .map((r) => ({
    meterType: r.meterType,
    address: r.address,
    ser: r.ser,
    unit: r.unit,
    registerMl: r.current * (mlPerHundredth[r.unit] ?? 0),
    billingDateRegisterMl: r.settlement * (mlPerHundredth[r.unit] ?? 0),
    time: r.time,
    meterTimeZone: r.meterTimeZone,
    status: r.status,
  }));

/** Times that fall in a daylight-saving overlap are ambiguous in local time; skip them for the round trip. */
function unambiguous(spec: Cjt188ReadingSpec): boolean {
  if (spec.time === null || spec.meterTimeZone !== 'Europe/Copenhagen') return true;
  const t = Date.parse(spec.time);
  const offset = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Copenhagen', timeZoneName: 'shortOffset' }).format(new Date(ms));
    return parts.slice(parts.indexOf('GMT'));
  };
  return offset(t - 3_600_000) === offset(t + 3_600_000);
}

describe('properties', () => {
  it('decode(encode(reading)) gives the reading back', () => {
    fc.assert(
      fc.property(readingSpec, fc.integer({ min: 0, max: 4 }), (spec, preamble) => {
        fc.pre(unambiguous(spec));
        const result = decodeCjt188(encodeReadDataResponse(spec, preamble), { receivedAt: CJT188_VECTOR_RECEIVED_AT, meterTimeZone: spec.meterTimeZone });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const r = result.readings[0];
        expect(r?.meterId).toBe(spec.address);
        expect(r?.registerMl).toBe(spec.registerMl);
        expect(r?.billingDateRegisterMl).toBe(spec.billingDateRegisterMl);
        expect(r?.statusBits).toBe(spec.status);
        expect(r?.time).toBe(spec.time ?? CJT188_VECTOR_RECEIVED_AT);
        expect(r?.timeFromMeter).toBe(spec.time !== null);
        expect(result.meta.ser).toBe(spec.ser);
      }),
      { numRuns: 2_000 },
    );
  });

  it('parseFrame(encodeFrame(frame)) is the frame', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.uint8Array({ minLength: 7, maxLength: 7 }),
        fc.integer({ min: 0, max: 255 }),
        fc.uint8Array({ maxLength: 100 }),
        fc.integer({ min: 0, max: 4 }),
        (meterType, addressWire, control, data, preamble) => {
          const parsed = parseFrame(encodeFrame({ meterType, addressWire, control, data }, preamble));
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          expect(parsed.frame).toEqual({ meterType, addressWire, control, data, preambleLength: preamble, trailingLength: 0 });
        },
      ),
    );
  });

  it('a flipped bit anywhere but the length byte is caught', () => {
    fc.assert(
      fc.property(readingSpec, fc.nat(), fc.integer({ min: 0, max: 7 }), (spec, at, bit) => {
        const frame = encodeReadDataResponse(spec, 2);
        const index = at % frame.length;
        fc.pre(index !== 2 + 10); // L: changing it moves the checksum (covered below)
        const damaged = frame.slice();
        damaged[index] = (damaged[index] ?? 0) ^ (1 << bit);
        const result = decodeCjt188(damaged, ctx);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 5_000 },
    );
  });

  it('a larger length byte is reported as truncation', () => {
    fc.assert(
      fc.property(readingSpec, fc.integer({ min: 1, max: 200 }), (spec, extra) => {
        const frame = encodeReadDataResponse(spec);
        frame[10] = Math.min(255, (frame[10] ?? 0) + extra);
        const result = decodeCjt188(frame, ctx);
        expect(!result.ok && result.error.code).toBe('DECODE_TRUNCATED');
      }),
    );
  });

  it('every truncation gives DECODE_TRUNCATED', () => {
    fc.assert(
      fc.property(readingSpec, fc.integer({ min: 0, max: 4 }), fc.nat(), (spec, preamble, cut) => {
        const frame = encodeReadDataResponse(spec, preamble);
        const length = 1 + (cut % (frame.length - 1));
        const result = decodeCjt188(frame.subarray(0, length), ctx);
        expect(!result.ok && result.error.code).toBe('DECODE_TRUNCATED');
      }),
      { numRuns: 2_000 },
    );
  });

  it('never throws on random bytes (100,000 cases)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), (bytes) => {
        const result = decodeCjt188(bytes, ctx);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 100_000 },
    );
  });

  it('never throws on well-framed random data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ minLength: 7, maxLength: 7 }), fc.constantFrom(0x81, 0x83, 0xc1, 0x01, 0xaa), fc.uint8Array({ maxLength: 40 }), (t, a, c, data) => {
        const result = decodeCjt188(encodeFrame({ meterType: t, addressWire: a, control: c, data }), ctx);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 20_000 },
    );
  });
});
