import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apatorNa1, encodeApatorNa1, type ApatorNa1Input } from './apator-na1.js';
import {
  contextArbitrary,
  frameArbitrary,
  frameFromTelegram,
  hexBytes,
  NEVER_THROW_RUNS,
  TEST_CONTEXT,
} from './test-support.js';

const decode = apatorNa1.decodeFrame!;
const ZERO_KEY = '00000000000000000000000000000000';
/** apatorna1 test ApNa1 (first). */
const NA1 = hexBytes('1C440106813591041407A0B000266A705474DDB80D9A0EB9AE2EF29D96');

describe('apator-na1', () => {
  it('places the meter time in the meter time zone', () => {
    const r = decode(frameFromTelegram(NA1), { ...TEST_CONTEXT, key: ZERO_KEY, meterTimeZone: 'Europe/Warsaw' });
    expect(r.ok && r.values.meta.meterDateTime).toBe('2024-03-23 15:22:20');
    expect(r.ok && r.values.time).toBe('2024-03-23T14:22:20.000Z');
  });

  it('returns DECODE_KEY_NEEDED without a key', () => {
    const r = decode(frameFromTelegram(NA1), TEST_CONTEXT);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_KEY_NEEDED');
  });

  it('returns DECODE_WRONG_KEY when the block does not decrypt to the 0x2F marker', () => {
    const r = decode(frameFromTelegram(NA1), { ...TEST_CONTEXT, key: '000102030405060708090A0B0C0D0E0F' });
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_WRONG_KEY');
  });

  it('returns DECODE_WRONG_KEY for a key that is not 32 hex digits', () => {
    const r = decode(frameFromTelegram(NA1), { ...TEST_CONTEXT, key: '39BC8A10E66D83F8' });
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_WRONG_KEY');
  });

  it('returns DECODE_TRUNCATED when the encrypted block is cut', () => {
    const r = decode(frameFromTelegram(NA1.slice(0, 28)), { ...TEST_CONTEXT, key: ZERO_KEY });
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_TRUNCATED');
  });

  describe('properties', () => {
    it('never throws on arbitrary frames', () => {
      fc.assert(
        fc.property(frameArbitrary(apatorNa1.detect.mvt, apatorNa1.detect.ci, 24), contextArbitrary, (frame, ctx) => {
          expect(typeof decode(frame, ctx).ok).toBe('boolean');
        }),
        { numRuns: NEVER_THROW_RUNS },
      );
    });

    it('decode(encode(x)) = x for register, historic register, time and statuses', () => {
      fc.assert(
        fc.property(na1Input, (input) => {
          const r = decode(frameFromTelegram(encodeApatorNa1(input)), { ...TEST_CONTEXT, key: input.keyHex });
          if (!r.ok) throw new Error(r.error.message);
          const unit = 10 ** input.exponent;
          expect(r.values.registerMl).toBe(input.reading * unit * 1000);
          const historic = (input.reading - input.historicDeltaUnits) * unit;
          expect(r.values.billingDateRegisterMl).toBe(historic < 0 ? undefined : historic * 1000);
          expect(r.values.meta.historicAgeH).toBe(input.historicAgeHours);
          expect(r.values.statusBits).toBe(
            input.currentStatus | (input.historicStatus << 8) | (input.frameStatus << 16),
          );
          const c = input.meterClock;
          expect(r.values.time).toBe(
            new Date(Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second)).toISOString(),
          );
        }),
      );
    });
  });
});

const na1Input: fc.Arbitrary<ApatorNa1Input> = fc.record({
  id: fc.integer({ min: 0, max: 0xffffffff }).map((n) => n.toString(16).padStart(8, '0')),
  ci: fc.constantFrom(0xa0 as const, 0xa1 as const),
  accessNumber: fc.integer({ min: 0, max: 255 }),
  frameStatus: fc.integer({ min: 0, max: 255 }),
  reading: fc.integer({ min: 0, max: 2 ** 28 - 1 }),
  exponent: fc.integer({ min: 0, max: 3 }),
  meterClock: fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2130-01-01T00:00:00Z'), noInvalidDate: true })
    .map((d) => ({
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    })),
  historicAgeHours: fc.integer({ min: 0, max: 2 ** 14 - 1 }),
  historicDeltaUnits: fc.integer({ min: 0, max: 2 ** 26 - 1 }),
  currentStatus: fc.integer({ min: 0, max: 255 }),
  historicStatus: fc.integer({ min: 0, max: 255 }),
  keyHex: fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('hex')),
});
