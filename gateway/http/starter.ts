/**
 * The HTTP server as the gateway service starts it (gateway/service.ts, extraTransports):
 * settings from MF_HTTP_*, MF_API_TOKENS*, webhook variables (options.ts); webhooks submit to
 * the gateway's pipeline; /readyz asks the gateway (database healthy, transports started, not
 * stopping); /metrics serves the gateway's registry; `routes` are the API route plugins.
 *
 *   MF_HTTP_ENABLED   1/0 (default 1)
 */
import { ConfigError } from '../../common/config-error.js';
import type { GatewayTransport, TransportStarter } from '../service.js';
import { httpOptionsFromEnv } from './options.js';
import type { HttpRoutePlugin } from './routes.js';
import { startHttpServer } from './server.js';

/** The starter, or undefined when MF_HTTP_ENABLED turns HTTP off. Throws ConfigError on bad settings. */
export function httpStarterFromEnv(
  env: NodeJS.ProcessEnv,
  routes: readonly HttpRoutePlugin[] = [],
): TransportStarter | undefined {
  const enabled = env.MF_HTTP_ENABLED ?? '1';
  if (!['1', '0', 'true', 'false', 'yes', 'no'].includes(enabled))
    throw new ConfigError('MF_HTTP_ENABLED', enabled, 'must be 1 or 0');
  if (enabled === '0' || enabled === 'false' || enabled === 'no') return undefined;
  const options = httpOptionsFromEnv(env);
  return async (ctx): Promise<GatewayTransport> => {
    let stopped = false;
    const server = await startHttpServer(options, {
      ingest: ctx.ingest,
      logger: ctx.logger,
      clock: ctx.clock,
      registry: ctx.metrics.registry,
      routes,
      readiness: {
        database: async () => ctx.readiness().database,
        transports: async () => ({ ok: ctx.readiness().transports, detail: 'gateway still starting' }),
        gateway: async () => ({ ok: !stopped && !ctx.readiness().stopping, detail: 'stopping' }),
      },
    });
    return {
      name: 'http',
      stopReading: () => {
        // /readyz turns 503 so that load balancers stop sending; webhooks in flight complete
        stopped = true;
      },
      close: () => server.close(),
    };
  };
}
