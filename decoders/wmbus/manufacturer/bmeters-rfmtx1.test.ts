import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bmetersRfmtx1, encodeRfmtx1, isRfmtx1Frame } from './bmeters-rfmtx1.js';
import {
  contextArbitrary,
  frameArbitrary,
  frameFromTelegram,
  hexBytes,
  NEVER_THROW_RUNS,
  TEST_CONTEXT,
} from './test-support.js';

const decode = bmetersRfmtx1.decodeFrame!;
/** rfmtx1 test Wasser. */
const WASSER = hexBytes(
  '4644B4097172737405077AA50006101115F78184AB0F1D1E200000005904103103208047004A4800E73C00193E00453F003E4000E64000E74100F442000144001545005B460000',
);

describe('bmeters-rfmtx1', () => {
  it('is chosen only for CI 7A frames with configuration 0x1006', () => {
    expect(isRfmtx1Frame(frameFromTelegram(WASSER))).toBe(true);
    const oms = WASSER.slice();
    oms[13] = 0x00;
    oms[14] = 0x05;
    expect(isRfmtx1Frame(frameFromTelegram(oms))).toBe(false);
  });

  it('takes the meter time as the reading time in the meter time zone', () => {
    const r = decode(frameFromTelegram(WASSER), { ...TEST_CONTEXT, meterTimeZone: 'Europe/Rome' });
    expect(r.ok && r.values.time).toBe('2020-03-31T08:04:59.000Z');
  });

  it('returns DECODE_VALUE_OUT_OF_RANGE when the de-obfuscated register is not BCD', () => {
    const t = WASSER.slice();
    t[17] = (t[17] ?? 0) ^ 0xa0;
    const r = decode(frameFromTelegram(t), TEST_CONTEXT);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_VALUE_OUT_OF_RANGE');
  });

  it('returns DECODE_TRUNCATED before the meter time', () => {
    const r = decode(frameFromTelegram(WASSER.slice(0, 30)), TEST_CONTEXT);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_TRUNCATED');
  });

  describe('properties', () => {
    it('never throws on arbitrary frames', () => {
      fc.assert(
        fc.property(
          frameArbitrary(bmetersRfmtx1.detect.mvt, bmetersRfmtx1.detect.ci, 48),
          contextArbitrary,
          (frame, ctx) => {
            bmetersRfmtx1.detect.accepts?.(frame);
            expect(typeof decode(frame, ctx).ok).toBe('boolean');
          },
        ),
        { numRuns: NEVER_THROW_RUNS },
      );
    });

    it('decode(encode(x)) = x for the register and the meter time', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 99_999_999 }),
          fc.integer({ min: 0, max: 255 }),
          fc.date({
            min: new Date('2000-01-01T00:00:00Z'),
            max: new Date('2099-12-31T23:59:59Z'),
            noInvalidDate: true,
          }),
          (litres, accessNumber, d) => {
            const clock = {
              year: d.getUTCFullYear(),
              month: d.getUTCMonth() + 1,
              day: d.getUTCDate(),
              hour: d.getUTCHours(),
              minute: d.getUTCMinutes(),
              second: d.getUTCSeconds(),
            };
            const t = encodeRfmtx1({ id: '74737271', accessNumber, status: 0, litres, clock });
            const r = decode(frameFromTelegram(t), TEST_CONTEXT);
            if (!r.ok) throw new Error(r.error.message);
            expect(r.values.registerMl).toBe(litres * 1000);
            expect(r.values.time).toBe(new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString());
          },
        ),
      );
    });
  });
});
