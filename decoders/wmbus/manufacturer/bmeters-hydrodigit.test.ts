import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBcdByte, writeU24le, writeU32le } from './bytes.js';
import { bmetersHydrodigit } from './bmeters-hydrodigit.js';
import { addressArbitrary, contextArbitrary, hexBytes, NEVER_THROW_RUNS, TEST_CONTEXT } from './test-support.js';

const decode = bmetersHydrodigit.decodeDataBlock!;
const ADDRESS = { manufacturer: 'BMT', id: '87654322', version: 0x13, deviceType: 0x07 };
/** hydrodigit test Hydro4 block after the 0x0F DIF (battery, leak date, backflow, month ends). */
const HYDRO4 = hexBytes('950A24042507000000A405006E0700850900CA0B004A0E00FFFFFFFFFFFF020000020000250000B3010095030000');

describe('bmeters-hydrodigit', () => {
  it('places month-end registers at the latest end of each month before the receive time', () => {
    const r = decode(ADDRESS, HYDRO4, { ...TEST_CONTEXT, receivedAt: '2024-06-18T12:36:00Z' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.values.history[0]).toEqual({ time: '2023-09-01T00:00:00.000Z', registerMl: 20_000, kind: 'monthly' });
    expect(r.values.history.at(-1)).toEqual({
      time: '2024-06-01T00:00:00.000Z',
      registerMl: 36_580_000,
      kind: 'monthly',
    });
    expect(r.values.history).toHaveLength(10);
  });

  it('reports a month that reads FFFFFF (module not yet active) as null, not as a register', () => {
    const r = decode(ADDRESS, HYDRO4, TEST_CONTEXT);
    expect(r.ok && r.values.meta['monthEndRegisterMl.06']).toBeNull();
  });

  it('returns DECODE_TRUNCATED when a flagged field is missing', () => {
    const r = decode(ADDRESS, HYDRO4.slice(0, 20), TEST_CONTEXT);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_TRUNCATED');
  });

  it('turns fraud type bits into historic alarms', () => {
    const r = decode(ADDRESS, hexBytes('0300A0240325'), TEST_CONTEXT);
    expect(r.ok && r.values.alarms).toEqual([
      { kind: 'magnet', detail: 'MAGNETIC_FRAUD_ATTEMPT 2024-03-25', historic: true },
      { kind: 'removal', detail: 'MODULE_REMOVED 2024-03-25', historic: true },
    ]);
  });

  describe('properties', () => {
    it('never throws on arbitrary blocks', () => {
      fc.assert(
        fc.property(
          addressArbitrary(bmetersHydrodigit.detect.mvt),
          fc.uint8Array({ maxLength: 60 }),
          contextArbitrary,
          (address, block, ctx) => {
            expect(typeof decode(address, block, ctx).ok).toBe('boolean');
          },
        ),
        { numRuns: NEVER_THROW_RUNS },
      );
    });

    it('decodes every flagged field of a block built from values', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 255 }),
          fc.integer({ min: 0, max: 15 }),
          fc.integer({ min: 0, max: 0xffffffff }),
          fc.array(fc.integer({ min: 0, max: 9_999_999 }), { minLength: 12, maxLength: 12 }),
          fc.date({
            min: new Date('2000-01-01T00:00:00Z'),
            max: new Date('2099-12-31T00:00:00Z'),
            noInvalidDate: true,
          }),
          (contents, nibble, backflow, months, leak) => {
            const bytes: number[] = [contents];
            if (contents & 0x01) bytes.push(0x20 | nibble);
            if (contents & 0x02) bytes.push(0, 0, 0, 0);
            if (contents & 0x80)
              bytes.push(
                toBcdByte(leak.getUTCFullYear() - 2000),
                toBcdByte(leak.getUTCMonth() + 1),
                toBcdByte(leak.getUTCDate()),
              );
            const block = new Uint8Array(bytes.length + 4 + 36);
            block.set(bytes);
            let i = bytes.length;
            if (contents & 0x04) {
              writeU32le(block, i, backflow);
              i += 4;
            }
            if (contents & 0x10) months.forEach((m, k) => writeU24le(block, i + 3 * k, m));
            const r = decode(ADDRESS, block, TEST_CONTEXT);
            if (!r.ok) throw new Error(r.error.message);
            expect(r.values.batteryV !== undefined).toBe((contents & 0x01) !== 0);
            expect(r.values.reverseMl).toBe(contents & 0x04 ? backflow * 1000 : undefined);
            if (contents & 0x80) expect(r.values.meta.leakDate).toBe(leak.toISOString().slice(0, 10));
            if (contents & 0x10) expect(r.values.meta['monthEndRegisterMl.12']).toBe((months[11] ?? 0) * 10_000);
          },
        ),
      );
    });
  });
});
