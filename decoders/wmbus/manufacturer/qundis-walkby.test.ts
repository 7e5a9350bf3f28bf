import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBcdByte } from './bytes.js';
import { qundisWalkby, QUNDIS_WALKBY_RECORD } from './qundis-walkby.js';
import { addressArbitrary, contextArbitrary, hexBytes, NEVER_THROW_RUNS, TEST_CONTEXT } from './test-support.js';

const decode = qundisWalkby.decodeVendorRecord!;
const ADDRESS = { manufacturer: 'QDS', id: '51220588', version: 0x19, deviceType: 0x07 };
/** qwater test QWaaa: data of record 0D FF 5F. */
const QWAAA = hexBytes(
  '00829300008100 07C113FFFF91670400FF2C265402001E34332204000000EE00F201A501DB01C1015401B70178019701B901C9012F',
);

function typeG(year: number, month: number, day: number): number[] {
  const y = year - 2000;
  return [(day & 0x1f) | ((y & 0x07) << 5), (month & 0x0f) | ((y & 0x78) << 1)];
}

function bcd4(litres: number): number[] {
  return [0, 1, 2, 3].map((k) => toBcdByte(Math.floor(litres / 100 ** k) % 100));
}

describe('qundis-walkby', () => {
  it('puts the yearly due value at the billing date and both due values in history', () => {
    const r = decode(ADDRESS, { key: QUNDIS_WALKBY_RECORD, data: QWAAA }, TEST_CONTEXT);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.values.history).toEqual([
      { time: '2024-01-01T00:00:00.000Z', registerMl: 25_426_000, kind: 'billing_date' },
      { time: '2024-05-01T00:00:00.000Z', registerMl: 42_233_000, kind: 'monthly' },
    ]);
  });

  it('returns DECODE_UNSUPPORTED_RECORD when the block does not announce litres', () => {
    const data = QWAAA.slice();
    data[9] = 0x14;
    const r = decode(ADDRESS, { key: QUNDIS_WALKBY_RECORD, data }, TEST_CONTEXT);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_UNSUPPORTED_RECORD');
  });

  it('returns DECODE_TRUNCATED for a short block', () => {
    const r = decode(ADDRESS, { key: QUNDIS_WALKBY_RECORD, data: QWAAA.slice(0, 20) }, TEST_CONTEXT);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_TRUNCATED');
  });

  describe('properties', () => {
    it('never throws on arbitrary records', () => {
      fc.assert(
        fc.property(
          addressArbitrary(qundisWalkby.detect.mvt),
          fc.constantFrom(QUNDIS_WALKBY_RECORD, '0dff5f', '04FF0A'),
          fc.uint8Array({ maxLength: 60 }),
          contextArbitrary,
          (address, key, data, ctx) => {
            expect(typeof decode(address, { key, data }, ctx).ok).toBe('boolean');
          },
        ),
        { numRuns: NEVER_THROW_RUNS },
      );
    });

    it('decodes a block built from registers and dates', () => {
      const date = fc.date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2127-12-31T00:00:00Z'),
        noInvalidDate: true,
      });
      const litres = fc.integer({ min: 0, max: 99_999_999 });
      fc.assert(
        fc.property(litres, litres, litres, date, date, (total, yearly, monthly, yd, md) => {
          const g = (d: Date): number[] => typeG(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
          const data = Uint8Array.from([
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0x13,
            0xff,
            0xff,
            ...bcd4(total),
            ...g(yd),
            ...bcd4(yearly),
            ...g(md),
            ...bcd4(monthly),
          ]);
          const r = decode(ADDRESS, { key: QUNDIS_WALKBY_RECORD, data }, TEST_CONTEXT);
          if (!r.ok) throw new Error(r.error.message);
          expect(r.values.registerMl).toBe(total * 1000);
          expect(r.values.billingDateRegisterMl).toBe(monthly * 1000);
          expect(r.values.billingDate).toBe(md.toISOString().slice(0, 10));
          expect(r.values.meta.yearDueDate).toBe(yd.toISOString().slice(0, 10));
          expect(r.values.meta.yearDueRegisterMl).toBe(yearly * 1000);
          expect(r.values.meta.monthDueDate).toBe(md.toISOString().slice(0, 10));
          expect(r.values.meta.monthDueRegisterMl).toBe(monthly * 1000);
          expect(r.values.meta.errorDate).toBeNull();
        }),
      );
    });
  });
});
