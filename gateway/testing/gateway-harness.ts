/** A whole gateway on a test database, for integration tests and benchmarks. */
import { silentLogger, type Logger } from '../../common/logger.js';
import type { Database } from '../../storage/database.js';
import { serverTestUrl, type TestEngine } from '../../storage/testing.js';
import { gatewaySettings, type GatewaySettings } from '../config.js';
import { startGateway, type GatewayDependencies, type RunningGateway } from '../service.js';
import { fixtureRegistry } from './fixture-decoder.js';

/** The server when one is reachable (faster), else the embedded engine. */
export function preferredEngine(): TestEngine {
  return serverTestUrl() ? 'server' : 'embedded';
}

export const TEST_SERVICE_USER = { username: 'bridge', password: 'bridge-secret-1' };

export interface TestGateway {
  gateway: RunningGateway;
  settings: GatewaySettings;
  /** Dedup keys of committed uplinks, recorded after COMMIT and before acknowledgement. */
  committed: Set<string>;
}

export async function startTestGateway(
  db: Pick<Database, 'pool' | 'singleConnection'>,
  env: Record<string, string> = {},
  deps: Partial<GatewayDependencies> & { logger?: Logger } = {},
): Promise<TestGateway> {
  const settings = gatewaySettings({
    MF_MQTT_PORT: '0',
    MF_MQTT_HOST: '127.0.0.1',
    MF_MQTT_SERVICE_USER: TEST_SERVICE_USER.username,
    MF_MQTT_SERVICE_PASSWORD: TEST_SERVICE_USER.password,
    MF_WRITER_LINGER_MS: '5',
    MF_SHUTDOWN_TIMEOUT_MS: '5000',
    ...env,
  });
  const committed = new Set<string>();
  const gateway = await startGateway(settings, {
    db,
    logger: silentLogger,
    decoders: fixtureRegistry(),
    ...deps,
    onCommitted: (items) => {
      for (const item of items) committed.add(item.uplink.dedupKey);
    },
  });
  return { gateway, settings, committed };
}
