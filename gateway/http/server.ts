/**
 * The gateway's one HTTP server (fastify 5): operations probes, platform webhooks and the
 * token-protected API that other parts of meterflow extend with route plugins (routes.ts).
 *
 *   GET  /healthz /readyz /metrics          probes.ts
 *   POST /webhooks/tts/{appId}              webhooks/tts.ts
 *   GET|POST /webhooks/onenet               webhooks/onenet.ts
 *   POST /webhooks/ctwing                   webhooks/ctwing.ts
 *   GET  /v1/whoami                         the caller's token name and roles (any role)
 *   …                                       route plugins (bills, readings, alarms, corrections)
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { systemClock, type Clock } from '../../common/clock.js';
import type { Logger } from '../../common/logger.js';
import type { IngestPort } from '../uplink.js';
import { authenticate, requireRole } from './auth/require-role.js';
import { HttpErrorCode, type HttpErrorBody } from './errors.js';
import type { HttpServerOptions } from './options.js';
import { registerProbes, type ReadinessProbe } from './probes.js';
import type { HttpRouteContext, HttpRoutePlugin } from './routes.js';
import { registerWebhooks } from './webhooks/index.js';

export interface HttpServerDeps {
  ingest: IngestPort;
  logger: Logger;
  clock?: Clock;
  /** The gateway's metrics registry, served on /metrics (webhook counters are added to it). */
  registry?: Registry;
  /** Named readiness checks for /readyz, e.g. { database, coap, mqtt }. */
  readiness?: Record<string, ReadinessProbe>;
  /** API route plugins (bills, readings, alarms, corrections …). */
  routes?: readonly HttpRoutePlugin[];
}

export interface HttpServerHandle {
  app: FastifyInstance;
  address: string;
  port: number;
  /** http://address:port */
  url: string;
  /** /readyz answers 503 from now on; in-flight requests (webhook commits) finish; then closes. */
  close(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 2000;

/** The configured server, not listening: for `inject` tests and for startHttpServer. */
export async function buildHttpServer(
  options: HttpServerOptions,
  deps: HttpServerDeps,
): Promise<{ app: FastifyInstance; stopAccepting(): void }> {
  const logger = deps.logger.child({ component: 'http' });
  const clock = deps.clock ?? systemClock;
  let accepting = true;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimitBytes,
  });
  app.decorateRequest('principal', null);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status < 500) return reply.code(status).send({ code: error.code ?? 'HTTP_BAD_REQUEST', reason: error.message });
    request.log.error({ err: error }, 'http request failed');
    const body: HttpErrorBody = { code: HttpErrorCode.INTERNAL, reason: 'internal error' };
    return reply.code(500).send(body);
  });

  registerProbes(app, {
    readiness: deps.readiness ?? {},
    ...(deps.registry ? { registry: deps.registry } : {}),
    accepting: () => accepting,
    probeTimeoutMs: PROBE_TIMEOUT_MS,
  });

  await app.register(async (scope) => {
    registerWebhooks(scope, { ingest: deps.ingest, clock, logger, options: options.webhooks }, deps.registry);
  });

  const routes = deps.routes ?? [];
  const names = new Set<string>();
  for (const plugin of routes) {
    if (names.has(plugin.name)) throw new Error(`two HTTP route plugins are named ${plugin.name}`);
    names.add(plugin.name);
  }
  if (options.apiTokens.size === 0 && routes.length > 0) {
    logger.warn('no API tokens configured (MF_API_TOKENS, MF_API_TOKENS_FILE): every API request will get 401');
  }
  const ctx: HttpRouteContext = { requireRole, logger, clock };
  await app.register(async (api) => {
    api.addHook('onRequest', authenticate(options.apiTokens));
    api.get('/v1/whoami', { preHandler: requireRole('read-only') }, async (request) => ({
      name: request.principal?.name,
      roles: request.principal?.roles,
    }));
    for (const plugin of routes) {
      await api.register(async (scope) => {
        await plugin.register(scope, { ...ctx, logger: logger.child({ routes: plugin.name }) });
      });
    }
  });

  await app.ready();
  return {
    app,
    stopAccepting: () => {
      accepting = false;
    },
  };
}

export async function startHttpServer(options: HttpServerOptions, deps: HttpServerDeps): Promise<HttpServerHandle> {
  const { app, stopAccepting } = await buildHttpServer(options, deps);
  await app.listen({ port: options.port, host: options.host });
  const bound = app.server.address();
  if (bound === null || typeof bound === 'string') throw new Error('HTTP server is not bound to a TCP port');
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  let closed = false;
  return {
    app,
    address: bound.address,
    port: bound.port,
    url: `http://${host}:${bound.port}`,
    async close() {
      if (closed) return;
      closed = true;
      stopAccepting();
      await app.close();
    },
  };
}
