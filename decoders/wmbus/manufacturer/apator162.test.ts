import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeU32le } from './bytes.js';
import { apator162, apator162RegisterSize } from './apator162.js';
import { addressArbitrary, contextArbitrary, hexBytes, NEVER_THROW_RUNS, TEST_CONTEXT } from './test-support.js';

const decodeBlock = apator162.decodeDataBlock!;
const decodePayload = apator162.decodePayload!;
const ADDRESS = { manufacturer: 'APA', id: '02035240', version: 0x05, deviceType: 0x07 };
/** apator162 test W2 block after the 0x0F DIF: no FF padding. */
const W2_BLOCK = hexBytes('334DA39A00000071011ABF0D00039A0D00A01053850310CECC0D008943');

/** Every register code the grammar knows. */
const KNOWN_CODES = Array.from({ length: 256 }, (_, c) => c).filter(
  (c) => c !== 0x10 && apator162RegisterSize(c) !== undefined,
);

/** Build a block: status, registers (one of them the total), optional FF padding, checksum. */
function buildBlock(codes: number[], totalAt: number, litres: number, padding: number, filler: number): Uint8Array {
  const parts: number[] = [1, 2, 3, 4, 5, 6, 7];
  codes.forEach((code, i) => {
    if (i === totalAt) {
      const total = new Uint8Array(4);
      writeU32le(total, 0, litres);
      parts.push(0x10, ...total);
    }
    parts.push(code, ...new Array<number>(apator162RegisterSize(code) ?? 0).fill(filler));
  });
  if (totalAt >= codes.length) {
    const total = new Uint8Array(4);
    writeU32le(total, 0, litres);
    parts.push(0x10, ...total);
  }
  parts.push(...new Array<number>(padding).fill(0xff), 0x12, 0x34);
  return Uint8Array.from(parts);
}

describe('apator162', () => {
  it('reads the total from the 0x10 register when no FF padding precedes the checksum', () => {
    const r = decodeBlock(ADDRESS, W2_BLOCK, TEST_CONTEXT);
    expect(r.ok && r.values.registerMl).toBe(904_398_000);
    expect(r.ok && r.values.meta).toMatchObject({ registers: '71,A0,10', checksum: '8943' });
  });

  it('returns DECODE_UNSUPPORTED_RECORD for a register of unknown size before the total', () => {
    const block = W2_BLOCK.slice();
    block[7] = 0x55;
    const r = decodeBlock(ADDRESS, block, TEST_CONTEXT);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_UNSUPPORTED_RECORD');
  });

  it('returns DECODE_MALFORMED when a register runs into the checksum', () => {
    const r = decodeBlock(ADDRESS, W2_BLOCK.slice(0, W2_BLOCK.length - 3), TEST_CONTEXT);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_MALFORMED');
  });

  it('decodePayload skips 2F2F fill and any lead byte', () => {
    const payload = Uint8Array.from([0x2f, 0x2f, 0x80, ...W2_BLOCK]);
    const r = decodePayload(ADDRESS, payload, TEST_CONTEXT);
    expect(r.ok && r.values.registerMl).toBe(904_398_000);
    expect(r.ok && r.values.meta.leadByte).toBe(0x80);
  });

  describe('properties', () => {
    it('never throws on arbitrary blocks and payloads', () => {
      fc.assert(
        fc.property(
          addressArbitrary(apator162.detect.mvt),
          fc.uint8Array({ maxLength: 120 }),
          contextArbitrary,
          (address, bytes, ctx) => {
            expect(typeof decodeBlock(address, bytes, ctx).ok).toBe('boolean');
            expect(typeof decodePayload(address, bytes, ctx).ok).toBe('boolean');
          },
        ),
        { numRuns: NEVER_THROW_RUNS },
      );
    });

    it('finds the total among any known registers, with or without padding', () => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...KNOWN_CODES), { maxLength: 8 }),
          fc.nat(),
          fc.integer({ min: 0, max: 0xffffffff }),
          fc.integer({ min: 0, max: 16 }),
          fc.integer({ min: 0, max: 0xfe }),
          (codes, at, litres, padding, filler) => {
            const block = buildBlock(codes, at % (codes.length + 1), litres, padding, filler);
            const r = decodeBlock(ADDRESS, block, TEST_CONTEXT);
            if (!r.ok) throw new Error(r.error.message);
            expect(r.values.registerMl).toBe(litres * 1000);
            expect(r.values.meta.checksum).toBe('1234');
          },
        ),
      );
    });
  });
});
