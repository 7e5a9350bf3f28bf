import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../common/clock.js';
import { silentLogger } from '../../common/logger.js';
import { createTestDatabase, testEngines, type TestDatabase } from '../../storage/testing.js';
import { buildHttpServer } from '../http/server.js';
import { testHttpOptions, TOKENS } from '../http/testing.js';
import { RecordingIngestPort } from '../transports/coap/testing.js';
import { insertAlarm, insertMeter, insertReadings } from './db-testing.js';
import { FLAG } from './flags.js';
import { validationRoutes } from './http-routes.js';

const T1 = '2026-03-01T00:00:00.000Z';
const T2 = '2026-03-02T00:00:00.000Z';

describe.each(testEngines())('VEE HTTP routes (%s)', (engine) => {
  let db: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    await insertMeter(db.pool, 'H1');
    await insertReadings(db.pool, [
      { meterId: 'H1', time: T1, registerMl: 1_000_000 },
      { meterId: 'H1', time: T2, registerMl: 500_000, flags: FLAG.register_backwards | FLAG.gap },
    ]);
    await insertAlarm(db.pool, {
      meterId: 'H1',
      kind: 'register_backwards',
      raisedAt: T2,
      source: 'register_backwards',
      severity: 'critical',
    });
    ({ app } = await buildHttpServer(testHttpOptions(), {
      ingest: new RecordingIngestPort(),
      logger: silentLogger,
      clock: fixedClock('2026-03-03T09:00:00Z'),
      routes: [validationRoutes(db.pool)],
    }));
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = (url: string, token: string = TOKENS.reader) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const post = (url: string, body: unknown, token: string) =>
    app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it('lists readings with their flag names, filtered by flag', async () => {
    const all = await get('/v1/readings?meter=H1');
    expect(all.statusCode).toBe(200);
    expect(all.json().readings.map((r: { flagNames: string[] }) => r.flagNames)).toEqual([
      [],
      ['register_backwards', 'gap'],
    ]);
    const flagged = await get('/v1/readings?meter=H1&flags=gap');
    expect(flagged.json().readings).toHaveLength(1);
    const bad = await get('/v1/readings?meter=H1&flags=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ code: 'VEE_INPUT_INVALID', reason: 'flags: unknown flag nonsense' });
  });

  it('needs a token', async () => {
    const r = await app.inject({ method: 'GET', url: '/v1/alarms' });
    expect(r.statusCode).toBe(401);
  });

  it('lists active alarms', async () => {
    const r = await get('/v1/alarms?meter=H1');
    expect(r.json().alarms).toEqual([
      expect.objectContaining({ meterId: 'H1', kind: 'register_backwards', state: 'active', severity: 'critical' }),
    ]);
  });

  it('estimates the register at an instant', async () => {
    const r = await get(`/v1/estimates?meter=H1&time=${encodeURIComponent('2026-03-01T12:00:00Z')}`);
    expect(r.statusCode).toBe(200);
    // the reading at T2 is suspect (backwards), so nothing trusted lies after: extrapolated from T1 alone
    expect(r.json()).toMatchObject({ quality: 'estimated', method: 'extrapolated', registerMl: 1_000_000 });
  });

  it('runs the correction workflow: billing requests, supervisor approves, the requester cannot', async () => {
    const read = await post(
      '/v1/corrections',
      { meterId: 'H1', time: T2, registerMl: 1_050_000, reason: 'register misread' },
      TOKENS.reader,
    );
    expect(read.statusCode).toBe(403);
    const requested = await post(
      '/v1/corrections',
      { meterId: 'H1', time: T2, registerMl: 1_050_000, reason: 'register misread' },
      TOKENS.billing,
    );
    expect(requested.statusCode).toBe(201);
    const c = requested.json();
    expect(c).toMatchObject({
      status: 'pending',
      requestedBy: 'billing-job',
      oldRegisterMl: 500_000,
      requestedAt: '2026-03-03T09:00:00.000Z',
    });
    const byBilling = await post(`/v1/corrections/${c.correctionId}/approve`, {}, TOKENS.billing);
    expect(byBilling.statusCode).toBe(403);
    const approved = await post(
      `/v1/corrections/${c.correctionId}/approve`,
      { note: 'checked on site' },
      TOKENS.supervisor,
    );
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decidedBy: 'supervisor',
      decisionNote: 'checked on site',
    });
    const again = await post(`/v1/corrections/${c.correctionId}/reject`, {}, TOKENS.admin);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('VEE_CORRECTION_DECIDED');
    const history = await get(`/v1/readings/history?meter=H1&time=${encodeURIComponent(T2)}`);
    expect(history.json()).toMatchObject({
      current: { registerMl: 1_050_000, quality: 'corrected' },
      corrections: [{ status: 'approved' }],
      revisions: [{ cause: 'correction' }],
    });
  });

  it('refuses a supervisor approving their own request', async () => {
    const requested = await post(
      '/v1/corrections',
      { meterId: 'H1', time: T1, registerMl: 1_000_500, reason: 'rounding' },
      TOKENS.supervisor,
    );
    expect(requested.statusCode).toBe(201);
    const own = await post(`/v1/corrections/${requested.json().correctionId}/approve`, {}, TOKENS.supervisor);
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('VEE_SELF_APPROVAL');
    const list = await get('/v1/corrections?status=pending');
    expect(list.json().corrections).toHaveLength(1);
  });

  it('validates bodies and ids', async () => {
    const noReason = await post('/v1/corrections', { meterId: 'H1', time: T2, registerMl: 1 }, TOKENS.billing);
    expect(noReason.statusCode).toBe(400);
    const fraction = await post(
      '/v1/corrections',
      { meterId: 'H1', time: T2, registerMl: 1.5, reason: 'x' },
      TOKENS.billing,
    );
    expect(fraction.statusCode).toBe(400);
    const missing = await post('/v1/corrections/999999/approve', {}, TOKENS.supervisor);
    expect(missing.statusCode).toBe(404);
  });
});
