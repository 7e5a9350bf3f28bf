import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toHex } from '../../../core/hex.js';
import { decimalPlaces, difBytes, intRecord, profileRecord, typeF, VIF } from './encode.js';
import { parseRecords } from './records.js';

describe('OMS record encoder', () => {
  it('puts storage 8 in a DIFE (DIF 84h, DIFE 04h) as the iPERL sends it', () => {
    expect(toHex(Uint8Array.from(difBytes(0x4, { storage: 8 })))).toBe('8404');
  });

  it('writes type F with the hundred-year bits the meters send (2024-07-24 19:00 → 00 33 18 37)', () => {
    expect(toHex(Uint8Array.from(typeF({ year: 2024, month: 7, day: 24, hour: 19, minute: 0, second: 0 })))).toBe(
      '00331837',
    );
    expect(() => typeF({ year: 2024, month: 7, day: 24, hour: 19, minute: 0, second: 1 })).toThrow(RangeError);
  });

  it('keeps the invalid markers out of profile elements: an all-ones unsigned delta needs the next size', () => {
    const one = profileRecord(300, [45], 3, { incrementMode: 1, spacingUnit: 2, spacingValue: 1 });
    expect(one[4]).toBe(0x62); // 255 does not fit one unsigned byte (FFh is "invalid"): 2-byte elements
    expect(() => profileRecord(300, [301], 3, { incrementMode: 1, spacingUnit: 2, spacingValue: 1 })).toThrow(
      RangeError,
    );
  });

  it('codes a decimal with the fewest places that give the same number back', () => {
    expect([decimalPlaces(12), decimalPlaces(12.5), decimalPlaces(0.001), decimalPlaces(0.0001)]).toEqual([
      0,
      1,
      3,
      undefined,
    ]);
  });
});

const place = fc.record({
  storage: fc.integer({ min: 0, max: 0x1ff }),
  tariff: fc.integer({ min: 0, max: 3 }),
  functionField: fc.integer({ min: 0, max: 3 }),
});

describe('properties', () => {
  it('parseRecords(intRecord(value, place)) gives the value, storage, tariff, function and exponent back', () => {
    fc.assert(
      fc.property(
        place,
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom(1, 2, 3, 4, 6, 8),
        fc.integer(),
        (p, e, n, seed) => {
          const limit = Math.min(2 ** (8 * n - 1) - 1, Number.MAX_SAFE_INTEGER);
          const value = seed % (limit + 1) || 0;
          const bytes = Uint8Array.from(intRecord(value, n, [VIF.VOLUME + e], p));
          const r = parseRecords(bytes, 0);
          expect(r.ok && r.records).toEqual([
            {
              offset: 0,
              functionField: p.functionField,
              storage: p.storage,
              tariff: p.tariff,
              quantity: 'volume',
              exponent: e,
              vifes: [],
              value,
            },
          ]);
          return true;
        },
      ),
      { numRuns: 3_000 },
    );
  });
});
