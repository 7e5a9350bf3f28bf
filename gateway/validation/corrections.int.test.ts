import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../common/clock.js';
import { createTestDatabase, testEngines, type TestDatabase } from '../../storage/testing.js';
import {
  decideCorrection,
  listCorrections,
  readingHistory,
  requestCorrection,
  type Correction,
} from './corrections.js';
import { insertMeter, insertReadings } from './db-testing.js';
import type { VeeResult } from './errors.js';
import { pendingRevisions } from './revisions.js';

const T1 = '2026-03-01T00:00:00.000Z';
const T2 = '2026-03-02T00:00:00.000Z';
const clock = fixedClock('2026-03-10T08:00:00.000Z');

function value<T>(r: VeeResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe.each(testEngines())('corrections (%s)', (engine) => {
  let db: TestDatabase;
  let meter = 0;
  let meterId = '';

  beforeAll(async () => {
    db = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    meterId = `C${++meter}`;
    await insertMeter(db.pool, meterId);
    await insertReadings(db.pool, [
      { meterId, time: T1, registerMl: 1_000_000 },
      { meterId, time: T2, registerMl: 9_999_000 },
    ]);
  });

  const request = (overrides: Partial<Parameters<typeof requestCorrection>[1]> = {}) =>
    requestCorrection(
      db.pool,
      {
        meterId,
        time: T2,
        registerMl: 1_250_000,
        reason: 'misread digit',
        requestedBy: 'alice',
        roles: ['billing'],
        ...overrides,
      },
      clock,
    );

  it('keeps a requested correction pending, with the reading’s value at request time', async () => {
    const c = value(await request());
    expect(c).toMatchObject({
      status: 'pending',
      oldRegisterMl: 9_999_000,
      newRegisterMl: 1_250_000,
      requestedBy: 'alice',
      reason: 'misread digit',
    });
    const reading = await db.pool.query('SELECT register_ml, quality FROM readings WHERE meter_id = $1 AND time = $2', [
      meterId,
      T2,
    ]);
    expect(reading.rows[0]).toEqual({ register_ml: 9_999_000, quality: 'actual' });
  });

  it('applies an approved correction, keeps the old value in the audit and signals a re-rate', async () => {
    const c = value(await request());
    const approved = value(
      await decideCorrection(
        db.pool,
        { correctionId: c.correctionId, decision: 'approve', decidedBy: 'bob', roles: ['supervisor'] },
        clock,
      ),
    );
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: 'bob',
      decidedAt: '2026-03-10T08:00:00.000Z',
      oldRegisterMl: 9_999_000,
    });
    const reading = await db.pool.query('SELECT register_ml, quality FROM readings WHERE meter_id = $1 AND time = $2', [
      meterId,
      T2,
    ]);
    expect(reading.rows[0]).toEqual({ register_ml: 1_250_000, quality: 'corrected' });
    const pending = (await pendingRevisions(db.pool)).filter((r) => r.meterId === meterId);
    expect(pending).toEqual([
      expect.objectContaining({
        readingTime: T2,
        oldRegisterMl: 9_999_000,
        newRegisterMl: 1_250_000,
        oldQuality: 'actual',
        newQuality: 'corrected',
        cause: 'correction',
      }),
    ]);
  });

  it('refuses approval by the requester', async () => {
    const c = value(await request({ requestedBy: 'carol', roles: ['supervisor'] }));
    const r = await decideCorrection(
      db.pool,
      { correctionId: c.correctionId, decision: 'approve', decidedBy: 'carol', roles: ['supervisor'] },
      clock,
    );
    expect(r.ok ? null : r.error.code).toBe('VEE_SELF_APPROVAL');
    expect((await listCorrections(db.pool, { meterId }))[0]?.status).toBe('pending');
  });

  it('refuses approval without the supervisor role, and accepts an admin (which implies it)', async () => {
    const c = value(await request());
    const billing = await decideCorrection(
      db.pool,
      { correctionId: c.correctionId, decision: 'approve', decidedBy: 'dave', roles: ['billing'] },
      clock,
    );
    expect(billing.ok ? null : billing.error.code).toBe('VEE_ROLE_FORBIDDEN');
    const admin = await decideCorrection(
      db.pool,
      { correctionId: c.correctionId, decision: 'approve', decidedBy: 'erin', roles: ['admin'] },
      clock,
    );
    expect(admin.ok).toBe(true);
  });

  it('refuses a request from a read-only user', async () => {
    const r = await request({ roles: ['read-only'] });
    expect(r.ok ? null : r.error.code).toBe('VEE_ROLE_FORBIDDEN');
  });

  it('rejects without touching the reading, and a decided correction cannot be decided again', async () => {
    const c = value(await request());
    const rejected = value(
      await decideCorrection(
        db.pool,
        {
          correctionId: c.correctionId,
          decision: 'reject',
          decidedBy: 'bob',
          roles: ['supervisor'],
          note: 'photo confirms 9999',
        },
        clock,
      ),
    );
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: 'photo confirms 9999' });
    const reading = await db.pool.query('SELECT register_ml, quality FROM readings WHERE meter_id = $1 AND time = $2', [
      meterId,
      T2,
    ]);
    expect(reading.rows[0]).toEqual({ register_ml: 9_999_000, quality: 'actual' });
    const again = await decideCorrection(
      db.pool,
      { correctionId: c.correctionId, decision: 'approve', decidedBy: 'bob', roles: ['supervisor'] },
      clock,
    );
    expect(again.ok ? null : again.error.code).toBe('VEE_CORRECTION_DECIDED');
  });

  it('allows one pending correction per reading', async () => {
    value(await request());
    const second = await request({ registerMl: 1_300_000 });
    expect(second.ok ? null : second.error.code).toBe('VEE_CORRECTION_PENDING');
  });

  it('refuses to apply a correction when the reading changed since the request', async () => {
    const c = value(await request());
    await db.pool.query('UPDATE readings SET register_ml = 2000000 WHERE meter_id = $1 AND time = $2', [meterId, T2]);
    const r = await decideCorrection(
      db.pool,
      { correctionId: c.correctionId, decision: 'approve', decidedBy: 'bob', roles: ['supervisor'] },
      clock,
    );
    expect(r.ok ? null : r.error.code).toBe('VEE_CORRECTION_STALE');
  });

  it('inserts a corrected reading for a time without one (a manual read)', async () => {
    const t = '2026-03-01T12:00:00.000Z';
    const c = value(await request({ time: t, registerMl: 1_100_000 }));
    expect(c.oldRegisterMl).toBeNull();
    value(
      await decideCorrection(
        db.pool,
        { correctionId: c.correctionId, decision: 'approve', decidedBy: 'bob', roles: ['supervisor'] },
        clock,
      ),
    );
    const history = value(await readingHistory(db.pool, meterId, t));
    expect(history.current).toEqual({ registerMl: 1_100_000, quality: 'corrected', flags: 0 });
    expect(history.revisions).toEqual([
      expect.objectContaining({ oldRegisterMl: null, newRegisterMl: 1_100_000, cause: 'correction' }),
    ]);
  });

  it('lists the history of a reading: every correction and every change, oldest first', async () => {
    const first = value(await request());
    value(
      await decideCorrection(
        db.pool,
        { correctionId: first.correctionId, decision: 'approve', decidedBy: 'bob', roles: ['supervisor'] },
        clock,
      ),
    );
    const second = value(await request({ registerMl: 1_260_000, reason: 'second look', requestedBy: 'frank' }));
    value(
      await decideCorrection(
        db.pool,
        { correctionId: second.correctionId, decision: 'reject', decidedBy: 'bob', roles: ['supervisor'] },
        clock,
      ),
    );
    const third = value(await request({ registerMl: 1_255_000, reason: 'meter photo', requestedBy: 'frank' }));
    value(
      await decideCorrection(
        db.pool,
        { correctionId: third.correctionId, decision: 'approve', decidedBy: 'alice', roles: ['admin'] },
        clock,
      ),
    );
    const h = value(await readingHistory(db.pool, meterId, T2));
    expect(h.current).toEqual({ registerMl: 1_255_000, quality: 'corrected', flags: 0 });
    expect(h.corrections.map((c: Correction) => [c.status, c.oldRegisterMl, c.newRegisterMl])).toEqual([
      ['approved', 9_999_000, 1_250_000],
      ['rejected', 1_250_000, 1_260_000],
      ['approved', 1_250_000, 1_255_000],
    ]);
    expect(h.revisions.map((r) => [r.oldRegisterMl, r.newRegisterMl])).toEqual([
      [9_999_000, 1_250_000],
      [1_250_000, 1_255_000],
    ]);
  });

  it('moves the meter state when the corrected reading is the meter’s latest', async () => {
    await db.pool.query(
      `INSERT INTO meter_state (meter_id, last_time, last_register_ml, last_received_at) VALUES ($1, $2, 9999000, $2)`,
      [meterId, T2],
    );
    const c = value(await request());
    value(
      await decideCorrection(
        db.pool,
        { correctionId: c.correctionId, decision: 'approve', decidedBy: 'bob', roles: ['supervisor'] },
        clock,
      ),
    );
    const state = await db.pool.query('SELECT last_register_ml FROM meter_state WHERE meter_id = $1', [meterId]);
    expect(state.rows[0]?.last_register_ml).toBe(1_250_000);
  });

  it('refuses a correction of an unknown meter or without a reason', async () => {
    const unknown = await request({ meterId: 'nope' });
    expect(unknown.ok ? null : unknown.error.code).toBe('VEE_METER_NOT_FOUND');
    const noReason = await request({ reason: '   ' });
    expect(noReason.ok ? null : noReason.error.code).toBe('VEE_INPUT_INVALID');
  });
});
