/**
 * The CoAP transport as the gateway service starts it (gateway/service.ts, extraTransports):
 * settings from MF_COAP_* (options.ts), ingest through the gateway's pipeline, device
 * authentication through its device registry, metrics on its registry.
 *
 *   MF_COAP_ENABLED   1/0 (default 1)
 */
import { ConfigError } from '../../../common/config-error.js';
import type { GatewayTransport, TransportStarter } from '../../service.js';
import { registrySecretDirectory } from './device-auth.js';
import { coapOptionsFromEnv } from './options.js';
import { startCoapTransport } from './server.js';

/** The starter, or undefined when MF_COAP_ENABLED turns CoAP off. Throws ConfigError on bad settings. */
export function coapStarterFromEnv(env: NodeJS.ProcessEnv): TransportStarter | undefined {
  const enabled = env.MF_COAP_ENABLED ?? '1';
  if (!['1', '0', 'true', 'false', 'yes', 'no'].includes(enabled))
    throw new ConfigError('MF_COAP_ENABLED', enabled, 'must be 1 or 0');
  if (enabled === '0' || enabled === 'false' || enabled === 'no') return undefined;
  const options = coapOptionsFromEnv(env);
  return async (ctx): Promise<GatewayTransport> => {
    const handle = await startCoapTransport(options, ctx.ingest, ctx.logger, {
      clock: ctx.clock,
      registry: ctx.metrics.registry,
      directory: registrySecretDirectory(ctx.devices),
    });
    return { name: 'coap', stopReading: () => handle.stopReading(), close: () => handle.close() };
  };
}
