import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../storage/testing.js';
import { nullableTextArrays } from '../../testing/arbitraries.js';
import { preferredEngine } from '../../testing/gateway-harness.js';
import { numberArray, textArray } from './pg-array.js';

describe('array literals read back by PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(preferredEngine());
  });
  afterAll(async () => {
    await db?.close();
  });

  it('round-trips awkward text, NULLs and numbers', async () => {
    const texts = [
      'plain',
      '',
      'NULL',
      'null',
      'with space',
      'a"quote',
      'back\\slash',
      '{braces}',
      'com,ma',
      'tab\there',
      'new\nline',
      'ünïcødé',
      null,
    ];
    const { rows } = await db.pool.query('SELECT unnest($1::text[]) AS t', [textArray(texts)]);
    expect(rows.map((r) => r.t)).toEqual(texts);
    const nums = await db.pool.query('SELECT unnest($1::numeric[])::text AS n', [
      numberArray([0, -1.5, 123456789012345, null, 1e-7]),
    ]);
    expect(nums.rows.map((r) => (r.n === null ? null : Number(r.n)))).toEqual([0, -1.5, 123456789012345, null, 1e-7]);
  });

  describe('properties', () => {
    it('any strings without NUL come back unchanged', async () => {
      await fc.assert(
        fc.asyncProperty(nullableTextArrays(), async (texts) => {
          const { rows } = await db.pool.query('SELECT unnest($1::text[]) AS t', [textArray(texts)]);
          expect(rows.map((r) => r.t)).toEqual(texts);
        }),
        { numRuns: 200 },
      );
    });
  });
});
