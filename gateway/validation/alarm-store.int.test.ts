import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../storage/testing.js';
import { listAlarms } from './alarm-store.js';
import { insertAlarm } from './db-testing.js';

describe.each(testEngines())('alarm listing (%s)', (engine) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    await insertAlarm(db.pool, {
      meterId: 'A1',
      kind: 'leak',
      raisedAt: '2026-03-01T10:00:00.000Z',
      lastSeenAt: '2026-03-01T12:00:00.000Z',
      clearedAt: '2026-03-01T13:00:00.000Z',
      source: 'continuous_flow',
      detail: { sinceRestMs: 90_000_000 },
    });
    await insertAlarm(db.pool, {
      meterId: 'A2',
      kind: 'tamper',
      raisedAt: '2026-03-05T09:00:00.000Z',
      source: 'tamper',
      severity: 'critical',
    });
    await insertAlarm(db.pool, {
      meterId: 'A1',
      kind: 'leak',
      raisedAt: '2026-03-06T09:00:00.000Z',
      source: 'meter_leak',
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('gives an alarm with its whole lifecycle', async () => {
    const [older] = await listAlarms(db.pool, { meterId: 'A1', state: 'cleared' });
    expect(older).toEqual({
      meterId: 'A1',
      kind: 'leak',
      state: 'cleared',
      severity: 'warning',
      source: 'continuous_flow',
      raisedAt: '2026-03-01T10:00:00.000Z',
      lastSeenAt: '2026-03-01T12:00:00.000Z',
      clearedAt: '2026-03-01T13:00:00.000Z',
      detail: { sinceRestMs: 90_000_000 },
    });
  });

  it('lists by meter, state, kind and time, newest raised first', async () => {
    expect((await listAlarms(db.pool, { state: 'all' })).map((a) => `${a.meterId}:${a.kind}:${a.state}`)).toEqual([
      'A1:leak:active',
      'A2:tamper:active',
      'A1:leak:cleared',
    ]);
    expect((await listAlarms(db.pool)).map((a) => a.meterId)).toEqual(['A1', 'A2']);
    expect((await listAlarms(db.pool, { state: 'all', kind: 'tamper' })).map((a) => a.meterId)).toEqual(['A2']);
    expect(
      (await listAlarms(db.pool, { state: 'all', since: '2026-03-02T00:00:00.000Z' })).map((a) => a.raisedAt),
    ).toEqual(['2026-03-06T09:00:00.000Z', '2026-03-05T09:00:00.000Z']);
    expect(await listAlarms(db.pool, { meterId: 'A2', state: 'cleared' })).toEqual([]);
    expect(await listAlarms(db.pool, { state: 'all', limit: 1 })).toHaveLength(1);
  });
});
