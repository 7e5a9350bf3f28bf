import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Counter, Registry } from 'prom-client';
import { silentLogger } from '../../common/logger.js';
import { RecordingIngestPort } from '../transports/coap/testing.js';
import { ttsUplinkMessage } from './fixtures.js';
import type { ReadinessProbe } from './probes.js';
import type { HttpRoutePlugin } from './routes.js';
import { buildHttpServer, type HttpServerDeps } from './server.js';
import { TOKENS, testHttpOptions } from './testing.js';

let app: FastifyInstance;
let stopAccepting: () => void;

async function build(deps: Partial<HttpServerDeps> = {}): Promise<void> {
  ({ app, stopAccepting } = await buildHttpServer(testHttpOptions(), {
    ingest: new RecordingIngestPort(),
    logger: silentLogger,
    ...deps,
  }));
}

afterEach(() => app.close());

/** A route plugin as rating and validation will write them: one route per role. */
const corrections: HttpRoutePlugin = {
  name: 'corrections-test',
  register(api, ctx) {
    api.get('/v1/periods/:period/bills', { preHandler: ctx.requireRole('billing') }, async (request) => ({
      period: (request.params as { period: string }).period,
      by: request.principal?.name,
    }));
    api.post('/v1/corrections/:id/approve', { preHandler: ctx.requireRole('supervisor') }, async (request) => ({
      approvedBy: request.principal?.name,
    }));
    api.get('/v1/alarms', { preHandler: ctx.requireRole('read-only') }, async () => ({ alarms: [] }));
  },
};

const as = (token: string | undefined) => (token === undefined ? {} : { authorization: `Bearer ${token}` });

describe('probes', () => {
  it('answers /healthz while the process serves', async () => {
    await build();
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when every probe passes and 503 naming the ones that do not', async () => {
    let databaseUp = true;
    const readiness: Record<string, ReadinessProbe> = {
      database: async () => {
        if (!databaseUp) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        return true;
      },
      coap: async () => ({ ok: true }),
      mqtt: async () => ({ ok: databaseUp, detail: 'broker not connected' }),
    };
    await build({ readiness });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', coap: 'ok', mqtt: 'ok' } });
    databaseUp = false;
    const down = await app.inject('/readyz');
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({
      status: 'not_ready',
      checks: {
        database: 'failed: connect ECONNREFUSED 127.0.0.1:5432',
        coap: 'ok',
        mqtt: 'not ready: broker not connected',
      },
    });
  });

  it('answers /readyz 503 once shutdown began', async () => {
    await build({ readiness: { database: async () => true } });
    stopAccepting();
    expect((await app.inject('/readyz')).json()).toEqual({
      status: 'not_ready',
      checks: { database: 'ok', http: 'shutting down' },
    });
  });

  it('gives a probe that hangs "timeout" instead of hanging /readyz', async () => {
    await build({ readiness: { database: () => new Promise(() => undefined) } });
    const response = await app.inject('/readyz');
    expect(response.json()).toEqual({ status: 'not_ready', checks: { database: 'timeout' } });
  }, 10_000);

  it('serves the registry on /metrics in Prometheus text, webhook counts included', async () => {
    const registry = new Registry();
    new Counter({ name: 'meterflow_uplinks_total', help: 'uplinks', registers: [registry] }).inc(3);
    await build({ registry });
    await app.inject({
      method: 'POST',
      url: '/webhooks/tts/water-north',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(ttsUplinkMessage()),
    });
    const response = await app.inject('/metrics');
    expect(response.headers['content-type']).toBe(registry.contentType);
    expect(response.body).toContain('meterflow_uplinks_total 3');
    expect(response.body).toContain('meterflow_webhook_requests_total{adapter="tts",status="200"} 1');
  });
});

describe('API authentication and roles', () => {
  it('answers 401 with WWW-Authenticate without a token or with an unknown one', async () => {
    await build({ routes: [corrections] });
    const none = await app.inject({ url: '/v1/alarms' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="meterflow"');
    expect(none.json()).toEqual({ code: 'HTTP_TOKEN_MISSING', reason: 'send Authorization: Bearer <token>' });
    const unknown = await app.inject({ url: '/v1/alarms', headers: as('not-a-configured-token') });
    expect(unknown.json()).toEqual({ code: 'HTTP_TOKEN_UNKNOWN', reason: 'unknown token' });
    const basic = await app.inject({ url: '/v1/alarms', headers: { authorization: `Basic ${TOKENS.admin}` } });
    expect(basic.statusCode).toBe(401);
  });

  it('answers 403 when the token lacks the role, and lets the right roles through', async () => {
    await build({ routes: [corrections] });
    const approve = (token: string) =>
      app.inject({ method: 'POST', url: '/v1/corrections/17/approve', headers: as(token) });
    const byReader = await approve(TOKENS.reader);
    expect(byReader.statusCode).toBe(403);
    expect(byReader.json()).toEqual({ code: 'HTTP_ROLE_MISSING', reason: 'needs role supervisor' });
    expect((await approve(TOKENS.billing)).statusCode).toBe(403);
    expect((await approve(TOKENS.supervisor)).json()).toEqual({ approvedBy: 'supervisor' });
    expect((await approve(TOKENS.admin)).json()).toEqual({ approvedBy: 'ops' });
    const bills = (token: string) => app.inject({ url: '/v1/periods/2025-03/bills', headers: as(token) });
    expect((await bills(TOKENS.supervisor)).statusCode).toBe(403);
    expect((await bills(TOKENS.billing)).json()).toEqual({ period: '2025-03', by: 'billing-job' });
    for (const token of Object.values(TOKENS))
      expect((await app.inject({ url: '/v1/alarms', headers: as(token) })).statusCode).toBe(200);
  });

  it('tells a caller its token name and roles on /v1/whoami', async () => {
    await build();
    expect((await app.inject({ url: '/v1/whoami', headers: as(TOKENS.billing) })).json()).toEqual({
      name: 'billing-job',
      roles: ['billing'],
    });
  });

  it('keeps probes and webhooks outside API authentication', async () => {
    await build({ routes: [corrections] });
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    const webhook = await app.inject({
      method: 'POST',
      url: '/webhooks/tts/water-north',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(ttsUplinkMessage()),
    });
    expect(webhook.statusCode).toBe(200);
  });

  it('refuses to build with two route plugins of the same name', async () => {
    await expect(
      buildHttpServer(testHttpOptions(), {
        ingest: new RecordingIngestPort(),
        logger: silentLogger,
        routes: [corrections, corrections],
      }),
    ).rejects.toThrow(/two HTTP route plugins are named corrections-test/);
    await build();
  });
});

describe('errors', () => {
  it('answers a body over the limit with 413 and a code', async () => {
    ({ app } = await buildHttpServer(
      { ...testHttpOptions(), bodyLimitBytes: 1024 },
      { ingest: new RecordingIngestPort(), logger: silentLogger },
    ));
    const response = await app.inject({
      method: 'POST',
      url: '/webhooks/ctwing',
      headers: { 'content-type': 'application/json' },
      payload: 'x'.repeat(2048),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
  });

  it('hides an unexpected route error behind HTTP_INTERNAL', async () => {
    const broken: HttpRoutePlugin = {
      name: 'broken',
      register(api, ctx) {
        api.get('/v1/broken', { preHandler: ctx.requireRole('read-only') }, async () => {
          throw new Error('secret internals');
        });
      },
    };
    await build({ routes: [broken] });
    const response = await app.inject({ url: '/v1/broken', headers: as(TOKENS.reader) });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ code: 'HTTP_INTERNAL', reason: 'internal error' });
  });
});
