import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../storage/testing.js';
import type { DecodedAlarm, DecodedReading } from '../../decoders/core/types.js';
import { DAY_MS, HOUR_MS } from './daily-profile.js';
import { insertMeter, insertReadings, type ReadingRow } from './db-testing.js';
import { FLAG, flagNames } from './flags.js';
import { loadMeterProfiles } from './meter-profile-store.js';
import { revalidate } from './revalidate.js';
import type { MeterState } from './types.js';
import { createValidator } from './validator.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

interface Arrival {
  reading: DecodedReading;
  receivedAt: string;
  alarms: DecodedAlarm[];
}

/** Hourly meter V1: normal use, a leak, a spike, a gap, a backwards step, a stale reading, tamper bits, reverse flow. */
function hourlySeries(): Arrival[] {
  const out: Arrival[] = [];
  let register = 5_000_000;
  let reverse = 0;
  for (let i = 0; i < 24 * 12; i++) {
    let t = i * HOUR_MS;
    if (i >= 200) t += 5 * HOUR_MS; // a gap before reading 200
    const hour = i % 24;
    if (i >= 48 && i < 90)
      register += 4_000; // flows without rest for 42 h: a leak
    else if (hour >= 6 && hour <= 8) register += 30_000;
    if (i === 120) register += 9_000_000; // 9 m³ in an hour: above Q4
    if (i === 150) register -= 2_000_000; // backwards
    if (i >= 170 && i < 173) reverse += 5_000;
    const receivedAt = i === 180 ? at(t + 4 * DAY_MS) : at(t + 20_000);
    const alarms: DecodedAlarm[] = i >= 100 && i < 104 ? [{ kind: 'tamper', meterId: 'V1', time: at(t) }] : [];
    out.push({
      reading: { meterId: 'V1', time: at(t), timeFromMeter: true, registerMl: register, reverseMl: reverse },
      receivedAt,
      alarms,
    });
  }
  return out;
}

/** Daily meter V2 whose register stops for 40 days. */
function dailySeries(): Arrival[] {
  const out: Arrival[] = [];
  let register = 20_000_000;
  for (let d = 0; d < 70; d++) {
    if (d < 20 || d > 60) register += 250_000;
    out.push({
      reading: { meterId: 'V2', time: at(d * DAY_MS), timeFromMeter: false, registerMl: register },
      receivedAt: at(d * DAY_MS),
      alarms: [],
    });
  }
  return out;
}

describe.each(testEngines())('meterflow validate: re-validation over stored readings (%s)', (engine) => {
  let db: TestDatabase;
  const live = new Map<string, number>();

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    await insertMeter(db.pool, 'V1');
    await insertMeter(db.pool, 'V2', { expectedIntervalS: 86_400 });
    const profiles = await loadMeterProfiles(db.pool, ['V1', 'V2']);
    // the live pipeline: one validator, state and active alarms carried per meter, rows stored with their flags
    const validate = createValidator();
    const rows: ReadingRow[] = [];
    for (const series of [hourlySeries(), dailySeries()]) {
      let state: MeterState | undefined;
      const active = new Set<string>();
      for (const a of series) {
        const out = validate({
          reading: a.reading,
          receivedAt: a.receivedAt,
          profile: profiles.get(a.reading.meterId)!,
          state,
          meterAlarms: a.alarms,
          activeAlarmKinds: [...active],
        });
        for (const c of out.alarms) {
          if (c.action === 'raise') active.add(c.kind);
          else active.delete(c.kind);
        }
        state = out.nextState ?? state;
        live.set(`${a.reading.meterId}@${a.reading.time}`, out.flags);
        const row: ReadingRow = {
          meterId: a.reading.meterId,
          time: a.reading.time,
          registerMl: a.reading.registerMl,
          receivedAt: a.receivedAt,
          flags: out.flags,
          timeFromMeter: a.reading.timeFromMeter,
        };
        if (a.reading.reverseMl !== undefined) row.reverseMl = a.reading.reverseMl;
        rows.push(row);
      }
    }
    await insertReadings(db.pool, rows);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('the live series exercises the rules it is meant to', () => {
    const all = [...live.values()].reduce((a, f) => a | f, 0);
    expect(flagNames(all)).toEqual(
      expect.arrayContaining([
        'register_backwards',
        'spike_overload',
        'continuous_flow',
        'zero_consumption',
        'reverse_flow',
        'tamper',
        'time_stale',
        'gap',
      ]),
    );
  });

  it('gives the same flags as the live validator for the same series', async () => {
    const report = await revalidate(db.pool, { since: at(0) });
    expect(report).toMatchObject({ meters: 2, readings: live.size, changed: 0, applied: 0 });
    expect(report.flagCounts.tamper).toBe(4);
    expect(report.flagCounts.zero_consumption).toBeGreaterThan(0);
  });

  it('with --apply writes back flags that differ from the rules’ verdict', async () => {
    const victim = at(120 * HOUR_MS);
    await db.pool.query(`UPDATE readings SET flags = 0 WHERE meter_id = 'V1' AND time = $1`, [victim]);
    await db.pool.query(`UPDATE readings SET flags = ${FLAG.gap} WHERE meter_id = 'V1' AND time = $1`, [
      at(10 * HOUR_MS),
    ]);
    const dry = await revalidate(db.pool, { since: at(0), meterId: 'V1' });
    expect(dry.changed).toBe(2);
    expect(dry.changes.map((c) => c.time).sort()).toEqual([at(10 * HOUR_MS), victim]);
    const applied = await revalidate(db.pool, { since: at(0), meterId: 'V1', apply: true });
    expect(applied.applied).toBe(2);
    const { rows } = await db.pool.query<{ time: Date; flags: number }>(
      `SELECT time, flags FROM readings WHERE meter_id = 'V1' ORDER BY time`,
    );
    for (const r of rows) expect(r.flags).toBe(live.get(`V1@${r.time.toISOString()}`));
    expect((await revalidate(db.pool, { since: at(0) })).changed).toBe(0);
  });

  it('reports only readings from --since on (the history before it still warms the rules up)', async () => {
    const report = await revalidate(db.pool, { since: at(100 * HOUR_MS), until: at(110 * HOUR_MS), meterId: 'V1' });
    expect(report.readings).toBe(10);
    expect(report.changed).toBe(0);
  });
});
