import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../storage/testing.js';
import { nullableTextArrays } from '../../testing/arbitraries.js';
import { preferredEngine } from '../../testing/gateway-harness.js';
import {
  binaryBoolArray,
  binaryByteaArray,
  binaryInt2Array,
  binaryInt4Array,
  binaryInt8Array,
  binaryTextArray,
  binaryTimestamptzArray,
  binaryUuidArrayFromHex,
} from './binary-array.js';

describe('binary arrays read back by PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(preferredEngine());
  });
  afterAll(async () => {
    await db?.close();
  });

  const back = async (type: string, param: Buffer, cast = '') =>
    (await db.pool.query(`SELECT unnest($1::${type}[])${cast} AS v`, [param])).rows.map((r) => r.v as unknown);

  it('round-trips text, bytes, booleans and integers, with NULLs and empty arrays', async () => {
    const texts = ['plain', '', 'NULL', 'a"quote', 'back\\slash', '{braces}', 'com,ma', 'tab\there', 'ünïcødé €', null];
    expect(await back('text', binaryTextArray(texts))).toEqual(texts);
    expect(await back('text', binaryTextArray([]))).toEqual([]);
    const bytes = [Buffer.from([0, 1, 0xff]), Buffer.alloc(0), null, Buffer.alloc(300, 7)];
    expect(await back('bytea', binaryByteaArray(bytes))).toEqual(bytes);
    expect(
      await back(
        'uuid',
        binaryUuidArrayFromHex(['00112233445566778899aabbccddeeff', 'ffffffffffffffffffffffffffffffff']),
      ),
    ).toEqual(['00112233-4455-6677-8899-aabbccddeeff', 'ffffffff-ffff-ffff-ffff-ffffffffffff']);
    expect(() => binaryUuidArrayFromHex(['0011'])).toThrow(RangeError);
    expect(await back('bool', binaryBoolArray([true, false, null]))).toEqual([true, false, null]);
    const int8 = [0, -1, 1, 2 ** 32, -(2 ** 32) - 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, null];
    expect(await back('int8', binaryInt8Array(int8)!, '::text')).toEqual(
      int8.map((n) => (n === null ? null : String(n))),
    );
    expect(await back('int4', binaryInt4Array([0, -2_147_483_648, 2_147_483_647, null])!)).toEqual([
      0,
      -2_147_483_648,
      2_147_483_647,
      null,
    ]);
    expect(await back('int2', binaryInt2Array([0, -32_768, 32_767, 100, null])!)).toEqual([
      0,
      -32_768,
      32_767,
      100,
      null,
    ]);
  });

  it('round-trips canonical ISO times to the millisecond', async () => {
    const times = [
      '2025-03-01T08:00:00.000Z',
      '2000-01-01T00:00:00.000Z',
      '1999-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00.001Z',
      '2250-06-30T12:34:56.789Z',
      null,
      '2025-03-01T08:00:00.000Z',
    ];
    const param = binaryTimestamptzArray(times)!;
    expect(await back('timestamptz', param, ` AT TIME ZONE 'UTC'`)).toHaveLength(times.length);
    const rows = (await db.pool.query('SELECT unnest($1::timestamptz[]) AS v', [param])).rows.map((r) =>
      r.v === null ? null : (r.v as Date).toISOString(),
    );
    expect(rows).toEqual(times);
  });

  it('declines what it cannot write exactly (the caller sends text instead)', () => {
    expect(binaryTimestamptzArray(['2025-03-01T08:00:00Z'])).toBeUndefined();
    expect(binaryTimestamptzArray(['2025-03-01T09:00:00.000+01:00'])).toBeUndefined();
    expect(binaryTimestamptzArray(['2025-02-30T00:00:00.000Z'])).toBeUndefined();
    expect(binaryTimestamptzArray(['not a time'])).toBeUndefined();
    expect(binaryTimestamptzArray(['2400-01-01T00:00:00.000Z'])).toBeUndefined();
    expect(binaryInt8Array([1.5])).toBeUndefined();
    expect(binaryInt8Array([2 ** 60])).toBeUndefined();
    expect(binaryInt2Array([40_000])).toBeUndefined();
    expect(binaryInt4Array([0.5])).toBeUndefined();
  });

  describe('properties', () => {
    it('any strings without NUL and any safe integers come back unchanged', async () => {
      await fc.assert(
        fc.asyncProperty(
          nullableTextArrays(),
          fc.array(fc.option(fc.maxSafeInteger(), { nil: null }), { maxLength: 20 }),
          async (texts, ints) => {
            expect(await back('text', binaryTextArray(texts))).toEqual(texts);
            expect(await back('int8', binaryInt8Array(ints)!, '::text')).toEqual(
              ints.map((n) => (n === null ? null : String(n))),
            );
          },
        ),
        { numRuns: 100 },
      );
    });
  });
});
