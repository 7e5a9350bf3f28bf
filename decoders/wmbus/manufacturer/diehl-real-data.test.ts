import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diehlRealData, encodeRealDataFrame, isRealDataFrame } from './diehl-real-data.js';
import {
  contextArbitrary,
  frameArbitrary,
  frameFromTelegram,
  hexBytes,
  NEVER_THROW_RUNS,
  TEST_CONTEXT,
} from './test-support.js';

const unwrap = diehlRealData.unwrapFrame!;
/** hydrus test HydrusIzarRS (plain replay of a REAL_DATA frame). */
const IZAR_RS = hexBytes('1E4424238B07797389607A8F00107D041312170100426CBF23441344100100');
const PLAIN_PAYLOAD = IZAR_RS.slice(15);
const HEADER = IZAR_RS.slice(0, 14);

describe('diehl-real-data', () => {
  it('accepts only Diehl CI 7A frames with configuration bit 12', () => {
    expect(isRealDataFrame(frameFromTelegram(IZAR_RS))).toBe(true);
    const omsFrame = IZAR_RS.slice();
    omsFrame[14] = 0x05;
    expect(isRealDataFrame(frameFromTelegram(omsFrame))).toBe(false);
    const otherMaker = IZAR_RS.slice();
    otherMaker[2] = 0x2d;
    otherMaker[3] = 0x2c;
    expect(isRealDataFrame(frameFromTelegram(otherMaker))).toBe(false);
  });

  it('descrambles a frame scrambled with a default key and reports the swapped id', () => {
    const r = unwrap(frameFromTelegram(encodeRealDataFrame(HEADER, PLAIN_PAYLOAD)), TEST_CONTEXT);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.payload).toEqual(PLAIN_PAYLOAD);
    expect(r.meterId).toBe('60897379');
    expect(r.address).toEqual({ manufacturer: 'HYD', id: '60897379', version: 0x8b, deviceType: 0x07 });
    expect(r.meta).toMatchObject({ descrambled: true, keySource: 'prios-default-1' });
  });

  it('returns DECODE_KEY_NEEDED when neither a key nor the plain bytes pass the checksum', () => {
    const t = encodeRealDataFrame(HEADER, PLAIN_PAYLOAD, '0011223344556677');
    const r = unwrap(frameFromTelegram(t), TEST_CONTEXT);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_KEY_NEEDED');
    const withKey = unwrap(frameFromTelegram(t), { ...TEST_CONTEXT, key: '0011223344556677' });
    expect(withKey.ok && withKey.payload).toEqual(PLAIN_PAYLOAD);
  });

  describe('properties', () => {
    it('never throws on arbitrary frames', () => {
      fc.assert(
        fc.property(frameArbitrary(diehlRealData.detect.mvt, [0x7a], 48), contextArbitrary, (frame, ctx) => {
          diehlRealData.detect.accepts?.(frame);
          expect(typeof unwrap(frame, ctx).ok).toBe('boolean');
        }),
        { numRuns: NEVER_THROW_RUNS },
      );
    });

    it('unwrap(encode(payload)) = payload with the meter key', () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 64 }),
          fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => Buffer.from(b).toString('hex')),
          (payload, keyHex) => {
            const t = encodeRealDataFrame(HEADER, payload, keyHex);
            expect(isRealDataFrame(frameFromTelegram(t))).toBe(true);
            const r = unwrap(frameFromTelegram(t), { ...TEST_CONTEXT, key: keyHex });
            expect(r.ok && r.payload).toEqual(payload);
          },
        ),
      );
    });
  });
});
