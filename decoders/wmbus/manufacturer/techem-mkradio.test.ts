import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeMkradio3,
  encodeMkradio3a,
  encodeMkradio4,
  mkradio3CurrentDate,
  MKRADIO_UNIT_ML,
  techemMkradio,
  type Mkradio3Input,
} from './techem-mkradio.js';
import { contextArbitrary, frameArbitrary, frameFromTelegram, NEVER_THROW_RUNS, TEST_CONTEXT } from './test-support.js';

const decode = techemMkradio.decodeFrame!;
const pad = (n: number): string => String(n).padStart(2, '0');

describe('techem-mkradio', () => {
  it('rolls the current date into the next year when its month/day is not after the billing date', () => {
    const prev = { year: 2018, month: 3, day: 31 };
    expect(mkradio3CurrentDate(prev, (3 << 9) | (31 << 4))).toEqual({ year: 2019, month: 3, day: 31 });
    expect(mkradio3CurrentDate(prev, (4 << 9) | (1 << 4))).toEqual({ year: 2018, month: 4, day: 1 });
  });

  it('returns DECODE_UNKNOWN_FORMAT for a Techem CI A2 version it does not know', () => {
    const t = encodeMkradio4({ id: '02410120', version: 0x95, deviceType: 0x62, prevUnits: 1, currUnits: 3 });
    t[8] = 0x99;
    const r = decode(frameFromTelegram(t), TEST_CONTEXT);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_UNKNOWN_FORMAT');
  });

  it('returns DECODE_TRUNCATED for an mkradio3a frame without its full history', () => {
    const t = encodeMkradio3a({
      id: '62560642',
      date: { year: 2024, month: 11, day: 28 },
      totalUnits: 9488,
      history: [],
    });
    const r = decode(frameFromTelegram(t.slice(0, 40)), TEST_CONTEXT);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_TRUNCATED');
  });

  describe('properties', () => {
    it('never throws on arbitrary frames', () => {
      fc.assert(
        fc.property(
          frameArbitrary(techemMkradio.detect.mvt, techemMkradio.detect.ci, 60),
          contextArbitrary,
          (frame, ctx) => {
            expect(typeof decode(frame, ctx).ok).toBe('boolean');
          },
        ),
        { numRuns: NEVER_THROW_RUNS },
      );
    });

    it('mkradio3: decode(encode(x)) = x, total = billing volume + volume since', () => {
      fc.assert(
        fc.property(mkradio3Input, (input) => {
          const r = decode(frameFromTelegram(encodeMkradio3(input)), TEST_CONTEXT);
          if (!r.ok) throw new Error(r.error.message);
          expect(r.values.registerMl).toBe((input.prevUnits + input.currUnits) * MKRADIO_UNIT_ML);
          expect(r.values.billingDateRegisterMl).toBe(input.prevUnits * MKRADIO_UNIT_ML);
          const p = input.prevDate;
          expect(r.values.billingDate).toBe(`${p.year}-${pad(p.month)}-${pad(p.day)}`);
          const c = mkradio3CurrentDate(p, (input.currMonth << 9) | (input.currDay << 4));
          expect(r.values.meta.currentDate).toBe(`${c.year}-${pad(c.month)}-${pad(c.day)}`);
        }),
      );
    });

    it('mkradio3a: decode(encode(x)) = x; month consumptions add both half months', () => {
      fc.assert(
        fc.property(
          fc.date({
            min: new Date('2000-01-01T00:00:00Z'),
            max: new Date('2127-12-31T00:00:00Z'),
            noInvalidDate: true,
          }),
          fc.integer({ min: 0, max: 0xffffff }),
          fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 12, maxLength: 12 }),
          (d, totalUnits, history) => {
            const date = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
            const r = decode(
              frameFromTelegram(encodeMkradio3a({ id: '62560642', date, totalUnits, history })),
              TEST_CONTEXT,
            );
            if (!r.ok) throw new Error(r.error.message);
            expect(r.values.registerMl).toBe(totalUnits * MKRADIO_UNIT_ML);
            const label = `${date.year}-${pad(date.month)}`;
            const h0 = history[0] ?? 0;
            const expected = date.day <= 15 ? h0 & 0xff : (h0 & 0xff) + (h0 >> 8);
            expect(r.values.meta[`monthConsumptionMl.${label}`]).toBe(expected * MKRADIO_UNIT_ML);
          },
        ),
      );
    });

    it('mkradio4: decode(encode(x)) = x', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 0xffff }),
          fc.integer({ min: 0, max: 0xffff }),
          fc.constantFrom(0x95 as const, 0x70 as const),
          (prevUnits, currUnits, version) => {
            const t = encodeMkradio4({ id: '02410120', version, deviceType: 0x62, prevUnits, currUnits });
            const r = decode(frameFromTelegram(t), TEST_CONTEXT);
            expect(r.ok && r.values.registerMl).toBe((prevUnits + currUnits) * MKRADIO_UNIT_ML);
            expect(r.ok && r.values.billingDateRegisterMl).toBe(prevUnits * MKRADIO_UNIT_ML);
          },
        ),
      );
    });
  });
});

const mkradio3Input: fc.Arbitrary<Mkradio3Input> = fc.record({
  id: fc.constant('34333231'),
  deviceType: fc.constantFrom(0x62, 0x72),
  prevDate: fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2126-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() })),
  prevUnits: fc.integer({ min: 0, max: 0xffff }),
  currMonth: fc.integer({ min: 1, max: 12 }),
  currDay: fc.integer({ min: 1, max: 28 }),
  currUnits: fc.integer({ min: 0, max: 0xffff }),
});
