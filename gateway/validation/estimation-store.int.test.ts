import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../common/clock.js';
import { createTestDatabase, testEngines, type TestDatabase } from '../../storage/testing.js';
import { DAY_MS, HOUR_MS } from './daily-profile.js';
import { insertMeter, insertReadings, type ReadingRow } from './db-testing.js';
import type { VeeResult } from './errors.js';
import { estimateRegisterAt, storeEstimate } from './estimation-store.js';
import { FLAG } from './flags.js';
import { pendingRevisions, SUPERSEDE_ESTIMATE_ON_CONFLICT } from './revisions.js';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

function value<T>(r: VeeResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe.each(testEngines())('estimation from stored readings (%s)', (engine) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    // D1: daily readings, 10 m³ a day
    await insertMeter(db.pool, 'D1', { expectedIntervalS: 86_400 });
    await insertReadings(
      db.pool,
      [0, 1, 2, 3].map((d) => ({ meterId: 'D1', time: at(d * DAY_MS), registerMl: 50_000_000 + d * 10_000_000 })),
    );
    // H1: two weeks of hourly readings, 100 L in each of UTC hours 6 and 7, then a 12-hour silence
    await insertMeter(db.pool, 'H1');
    const hourly: ReadingRow[] = [];
    let register = 0;
    for (let i = 0; i <= 14 * 24; i++) {
      if (i > 0 && ((i - 1) % 24 === 6 || (i - 1) % 24 === 7)) register += 100_000;
      hourly.push({ meterId: 'H1', time: at(i * HOUR_MS), registerMl: register });
    }
    hourly.push({ meterId: 'H1', time: at(14 * DAY_MS + 12 * HOUR_MS), registerMl: register + 200_000 });
    await insertReadings(db.pool, hourly);
    // S1: a suspect reading between two good ones, and a stored estimate
    await insertMeter(db.pool, 'S1');
    await insertReadings(db.pool, [
      { meterId: 'S1', time: at(0), registerMl: 1_000_000 },
      { meterId: 'S1', time: at(HOUR_MS), registerMl: 500, flags: FLAG.register_backwards },
      { meterId: 'S1', time: at(2 * HOUR_MS), registerMl: 999_999_999, quality: 'estimated', estimateMethod: 'linear' },
      { meterId: 'S1', time: at(4 * HOUR_MS), registerMl: 1_400_000 },
      // a corrected reading is trusted even though the rules flagged the value it replaced
      {
        meterId: 'S1',
        time: at(8 * HOUR_MS),
        registerMl: 1_800_000,
        quality: 'corrected',
        flags: FLAG.register_backwards,
      },
      { meterId: 'S1', time: at(12 * HOUR_MS), registerMl: 2_200_000 },
    ]);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('returns an actual reading at its own time, as actual', async () => {
    const r = value(await estimateRegisterAt(db.pool, 'D1', at(DAY_MS)));
    expect(r).toMatchObject({ registerMl: 60_000_000, quality: 'actual', method: null });
    expect(r.readingsUsed).toEqual([{ time: at(DAY_MS), registerMl: 60_000_000, quality: 'actual' }]);
  });

  it('interpolates linearly between daily readings (no profile without hourly history)', async () => {
    const r = value(await estimateRegisterAt(db.pool, 'D1', at(DAY_MS + 6 * HOUR_MS)));
    expect(r).toMatchObject({ registerMl: 62_500_000, quality: 'estimated', method: 'linear' });
    expect(r.readingsUsed.map((u) => u.time)).toEqual([at(DAY_MS), at(2 * DAY_MS)]);
  });

  it('weights by the meter’s daily profile when its history allows', async () => {
    const base = 14 * DAY_MS;
    const early = value(await estimateRegisterAt(db.pool, 'H1', at(base + 5 * HOUR_MS)));
    expect(early).toMatchObject({ method: 'profile', quality: 'estimated' });
    const before = early.readingsUsed[0]!.registerMl;
    expect(early.registerMl).toBe(before);
    const mid = value(await estimateRegisterAt(db.pool, 'H1', at(base + 7 * HOUR_MS)));
    expect(mid.registerMl).toBe(before + 100_000);
    const linear = value(await estimateRegisterAt(db.pool, 'H1', at(base + 7 * HOUR_MS), { useProfile: false }));
    expect(linear).toMatchObject({ method: 'linear', registerMl: before + Math.floor((200_000 * 7) / 12) });
  });

  it('extrapolates past the last reading at the recent average flow', async () => {
    const r = value(await estimateRegisterAt(db.pool, 'D1', at(3 * DAY_MS + 12 * HOUR_MS)));
    expect(r).toMatchObject({ registerMl: 85_000_000, method: 'extrapolated', quality: 'estimated' });
  });

  it('skips suspect readings and stored estimates as neighbours', async () => {
    const r = value(await estimateRegisterAt(db.pool, 'S1', at(2 * HOUR_MS), { useProfile: false }));
    expect(r.readingsUsed.map((u) => u.time)).toEqual([at(0), at(4 * HOUR_MS)]);
    expect(r.registerMl).toBe(1_200_000);
  });

  it('uses a corrected reading as a neighbour whatever its flags', async () => {
    const r = value(await estimateRegisterAt(db.pool, 'S1', at(6 * HOUR_MS), { useProfile: false }));
    expect(r.readingsUsed).toEqual([
      { time: at(4 * HOUR_MS), registerMl: 1_400_000, quality: 'actual' },
      { time: at(8 * HOUR_MS), registerMl: 1_800_000, quality: 'corrected' },
    ]);
    expect(value(await estimateRegisterAt(db.pool, 'S1', at(8 * HOUR_MS)))).toMatchObject({
      quality: 'corrected',
      registerMl: 1_800_000,
    });
  });

  it('reports an instant before the meter’s first reading, and an unknown meter', async () => {
    const early = await estimateRegisterAt(db.pool, 'D1', at(-DAY_MS));
    expect(early.ok ? null : early.error.code).toBe('VEE_ESTIMATE_NO_NEIGHBOURS');
    const unknown = await estimateRegisterAt(db.pool, 'nope', at(0));
    expect(unknown.ok ? null : unknown.error.code).toBe('VEE_METER_NOT_FOUND');
  });

  it('stores an estimate once, and an actual reading for that time supersedes it with a re-rate signal', async () => {
    const instant = at(2 * DAY_MS + 12 * HOUR_MS);
    const estimate = value(await estimateRegisterAt(db.pool, 'D1', instant));
    expect(await storeEstimate(db.pool, estimate, fixedClock('2026-04-01T00:00:00Z'))).toBe(true);
    expect(await storeEstimate(db.pool, estimate)).toBe(false);
    const stored = await db.pool.query(
      'SELECT register_ml, quality, estimate_method FROM readings WHERE meter_id = $1 AND time = $2',
      ['D1', instant],
    );
    expect(stored.rows[0]).toEqual({ register_ml: 75_000_000, quality: 'estimated', estimate_method: 'linear' });

    const write = (registerMl: number) =>
      db.pool.query(
        `INSERT INTO readings (meter_id, time, received_at, register_ml, quality) VALUES ('D1', $1, now(), $2, 'actual') ${SUPERSEDE_ESTIMATE_ON_CONFLICT}`,
        [instant, registerMl],
      );
    await write(74_200_000);
    await write(70_000_000); // a second actual for the same time changes nothing
    const now = await db.pool.query(
      'SELECT register_ml, quality, estimate_method FROM readings WHERE meter_id = $1 AND time = $2',
      ['D1', instant],
    );
    expect(now.rows[0]).toEqual({ register_ml: 74_200_000, quality: 'actual', estimate_method: null });
    const revisions = (await pendingRevisions(db.pool)).filter((r) => r.meterId === 'D1');
    expect(revisions).toEqual([
      expect.objectContaining({
        readingTime: instant,
        oldRegisterMl: 75_000_000,
        newRegisterMl: 74_200_000,
        cause: 'superseded_estimate',
      }),
    ]);
    // estimating at that instant now returns the actual reading
    expect(value(await estimateRegisterAt(db.pool, 'D1', instant))).toMatchObject({
      quality: 'actual',
      registerMl: 74_200_000,
    });
  });
});
