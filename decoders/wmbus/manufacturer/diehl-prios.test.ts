import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diehlPrios, encodePriosFrame, type PriosFrameInput } from './diehl-prios.js';
import { lfsrXor } from './diehl-lfsr.js';
import {
  contextArbitrary,
  frameArbitrary,
  frameFromTelegram,
  hexBytes,
  NEVER_THROW_RUNS,
  TEST_CONTEXT,
} from './test-support.js';

const decode = diehlPrios.decodeFrame!;
/** izarv2 test IzarWater6: HYD meter, previous leakage. */
const IZAR_WATER_6 = hexBytes('19442423860775035048A251520015BEB6B2E1ED623A18FC74A5');

describe('diehl-prios', () => {
  it('reports the swapped id and version/type of a non-SAP meter', () => {
    const r = decode(frameFromTelegram(IZAR_WATER_6), TEST_CONTEXT);
    expect(r.ok && r.values.meterId).toBe('48500375');
    expect(r.ok && r.values.meta).toMatchObject({
      interpretation: 'PRIOS',
      version: 0x86,
      deviceType: 0x07,
      keySource: 'prios-default-1',
    });
  });

  it('marks a previous leakage as a historic leak alarm', () => {
    const r = decode(frameFromTelegram(IZAR_WATER_6), TEST_CONTEXT);
    expect(r.ok && r.values.alarms).toEqual([{ kind: 'leak', detail: 'PREV_LEAKAGE', historic: true }]);
  });

  it('returns DECODE_WRONG_KEY when the context key and the defaults all miss the check byte', () => {
    const frame = encodePriosFrame({ ...sample, keyHex: '0123456789ABCDEF' });
    const r = decode(frameFromTelegram(frame), { ...TEST_CONTEXT, key: '1111111122222222' });
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_WRONG_KEY');
  });

  it('returns DECODE_KEY_NEEDED for a meter with its own key when the context has none', () => {
    const frame = encodePriosFrame({ ...sample, keyHex: '0123456789ABCDEF' });
    const r = decode(frameFromTelegram(frame), TEST_CONTEXT);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_KEY_NEEDED');
  });

  it('decodes a meter with its own key when the context carries it', () => {
    const frame = encodePriosFrame({ ...sample, keyHex: '0123456789ABCDEF' });
    const r = decode(frameFromTelegram(frame), { ...TEST_CONTEXT, key: '0123456789ABCDEF' });
    expect(r.ok && r.values.registerMl).toBe(sample.totalLitres * 1000);
    expect(r.ok && r.values.meta.keySource).toBe('context');
  });

  it('returns DECODE_TRUNCATED when the frame ends before the total volume', () => {
    const r = decode(frameFromTelegram(IZAR_WATER_6.slice(0, 18)), TEST_CONTEXT);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_TRUNCATED');
  });

  describe('properties', () => {
    it('never throws on arbitrary frames', () => {
      fc.assert(
        fc.property(frameArbitrary(diehlPrios.detect.mvt, diehlPrios.detect.ci, 40), contextArbitrary, (frame, ctx) => {
          const r = decode(frame, ctx);
          expect(typeof r.ok).toBe('boolean');
        }),
        { numRuns: NEVER_THROW_RUNS },
      );
    });

    it('scrambling is its own inverse', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.uint8Array({ maxLength: 64 }), (seed, data) => {
          expect(lfsrXor(seed, lfsrXor(seed, data))).toEqual(data);
        }),
      );
    });

    it('decode(encode(x)) = x for registers, billing date, status and id', () => {
      fc.assert(
        fc.property(priosInput, (input) => {
          const r = decode(frameFromTelegram(encodePriosFrame(input)), { ...TEST_CONTEXT, key: input.keyHex });
          if (!r.ok) throw new Error(r.error.message);
          expect(r.values.registerMl).toBe(input.totalLitres * 1000);
          expect(r.values.statusBits).toBe(input.status);
          expect(r.values.billingDateRegisterMl).toBe(
            input.billing === undefined ? undefined : input.billing.litres * 1000,
          );
          if (input.billing !== undefined) {
            const b = input.billing;
            expect(r.values.billingDate).toBe(
              `${b.year}-${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}`,
            );
          }
          if (input.manufacturer !== 'SAP') {
            const idBytes = input.addressWire.slice(2, 6).reverse();
            expect(r.values.meterId).toBe(Buffer.from(idBytes).toString('hex'));
          }
        }),
      );
    });
  });
});

const sample: PriosFrameInput = {
  manufacturer: 'HYD',
  addressWire: hexBytes('860775035048'),
  ci: 0xa2,
  status: 0x001851,
  headerByte: 0x15,
  totalLitres: 521_602,
  billing: { litres: 519_147, year: 2021, month: 11, day: 15 },
};

const priosInput: fc.Arbitrary<PriosFrameInput> = fc.record({
  manufacturer: fc.constantFrom('SAP', 'HYD', 'DME', 'SPL', 'EWT'),
  addressWire: fc.uint8Array({ minLength: 6, maxLength: 6 }),
  ci: fc.integer({ min: 0xa0, max: 0xa7 }),
  status: fc.integer({ min: 0, max: 0xffffff }),
  headerByte: fc.integer({ min: 0, max: 255 }),
  totalLitres: fc.integer({ min: 0, max: 0xffffffff }),
  billing: fc.option(
    fc
      .record({
        litres: fc.integer({ min: 0, max: 0xffffffff }),
        date: fc.date({
          min: new Date('1981-01-01T00:00:00Z'),
          max: new Date('2080-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
      })
      .map(({ litres, date }) => ({
        litres,
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
      })),
    { nil: undefined },
  ),
  keyHex: fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => Buffer.from(b).toString('hex').toUpperCase()),
});
