import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from './bytes.js';
import { decodeBcd, decodeBcdNumber, decodeSignedInt, decodeSignedIntNumber } from './data-field.js';
import { parseRecords, recordMillilitres, type DataRecord } from './dif-vif.js';

const records = (hex: string, options?: { collectFormat?: boolean }) => {
  const r = parseRecords(hexToBytes(hex), undefined, options);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('parseRecords', () => {
  it('reads a volume and a flow record and collects their DIF/VIF bytes, skipping 2F fillers', () => {
    const p = records('2F2F0413181E0000023B00002F2F');
    expect(p.records.map((r) => [r.quantity, recordMillilitres(r)])).toEqual([
      ['volume', 7_704_000],
      ['volume_flow', 0],
    ]);
    expect(Buffer.from(p.formatBytes).toString('hex')).toBe('0413023b');
  });

  it('leaves the format bytes empty when the caller does not collect them', () => {
    expect(records('0413181E0000', { collectFormat: false }).formatBytes).toHaveLength(0);
  });

  it("gives each record's data bytes as a view of the payload", () => {
    const [volume] = records('0413181E0000').records;
    expect(Buffer.from(volume?.data ?? []).toString('hex')).toBe('181e0000');
  });

  it('says where a DIF 7F readout request ended the records', () => {
    const p = records('0413181E00007F0413');
    expect(p.records).toHaveLength(1);
    expect(p.readoutRequestAt).toBe(6);
  });
});

describe('properties', () => {
  const upTo6 = fc.uint8Array({ minLength: 0, maxLength: 6 });

  it('integer and BCD fields of up to 6 bytes decode to the same number as the bigint decoders', () => {
    fc.assert(
      fc.property(upTo6, (b) => {
        const bcd = decodeBcd(b);
        const bcdNumber = decodeBcdNumber(b);
        return (
          BigInt(decodeSignedIntNumber(b)) === decodeSignedInt(b) &&
          (bcd === null ? bcdNumber === null : BigInt(bcdNumber ?? NaN) === bcd)
        );
      }),
      { numRuns: 20_000 },
    );
  });

  it('a volume in millilitres is the exact bigint product or null beyond 2^53, for every exponent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), upTo6, fc.integer({ min: 0, max: 30 }), (n, raw, exponent) => {
        const data = Uint8Array.from({ length: n }, (_, i) => raw[i] ?? 0);
        const viaNumber = {
          coding: 'int',
          value: { kind: 'number', mantissa: decodeSignedIntNumber(data), exponent, factor: 1 },
        } as DataRecord;
        const viaBigint = {
          coding: 'int',
          value: { kind: 'number', mantissa: decodeSignedInt(data), exponent, factor: 1 },
        } as DataRecord;
        return recordMillilitres(viaNumber) === recordMillilitres(viaBigint);
      }),
      { numRuns: 20_000 },
    );
  });
});
