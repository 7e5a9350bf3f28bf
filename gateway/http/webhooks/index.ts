/**
 * The webhook scope: bodies are read as text (OneNET's signature covers the bytes as sent, and
 * every webhook answers bad JSON with the same error body), each response is counted by
 * adapter and status, and the three platforms' routes are registered.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import type { WebhookDeps, WebhookRouteConfig } from './common.js';
import { registerCtwingWebhook } from './ctwing.js';
import { registerOnenetWebhook } from './onenet.js';
import { registerTtsWebhook } from './tts.js';

function webhookCounter(registry: Registry | undefined): Counter<'adapter' | 'status'> | undefined {
  if (!registry) return undefined;
  const name = 'meterflow_webhook_requests_total';
  return (
    (registry.getSingleMetric(name) as Counter<'adapter' | 'status'> | undefined) ??
    new Counter({
      name,
      help: 'Webhook requests answered, by adapter and HTTP status',
      labelNames: ['adapter', 'status'] as const,
      registers: [registry],
    })
  );
}

export function registerWebhooks(app: FastifyInstance, deps: WebhookDeps, registry: Registry | undefined): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const counter = webhookCounter(registry);
  if (counter) {
    app.addHook('onResponse', async (request, reply) => {
      const config = request.routeOptions.config as Partial<WebhookRouteConfig>;
      if (config.adapter !== undefined) counter.inc({ adapter: config.adapter, status: String(reply.statusCode) });
    });
  }
  registerTtsWebhook(app, deps);
  registerOnenetWebhook(app, deps);
  registerCtwingWebhook(app, deps);
  const unauthenticated = [
    deps.options.ttsSecret === undefined ? 'tts (MF_TTS_WEBHOOK_SECRET)' : undefined,
    deps.options.onenetToken === undefined ? 'onenet (MF_ONENET_TOKEN)' : undefined,
    deps.options.ctwingToken === undefined ? 'ctwing (MF_CTWING_TOKEN)' : undefined,
  ].filter((w): w is string => w !== undefined);
  if (unauthenticated.length > 0)
    deps.logger.warn({ webhooks: unauthenticated }, 'webhooks accept unauthenticated pushes: set their secrets');
}
