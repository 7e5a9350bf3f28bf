/**
 * The gateway as a subscriber of an external broker (Mosquitto, EMQX, HiveMQ, ChirpStack's own
 * broker): one persistent QoS 1 session subscribed to every enabled adapter's topic, optionally in
 * an MQTT 5 shared-subscription group (`$share/<group>/…`) so that several gateway instances share
 * the stream. Each message is acknowledged after its uplink committed (mqtt-session.ts).
 */
import type { Logger } from '../../../common/logger.js';
import { silentLogger } from '../../../common/logger.js';
import type { TopicRouter } from '../../lns/topic-router.js';
import { MQTT_ACK_SENT, MQTT_ACK_WITHHELD, type GatewayMetrics } from '../../metrics.js';
import type { MqttIngest } from './mqtt-ingest.js';
import { openMqttSession, type MqttSession } from './mqtt-session.js';

export interface ExternalClientOptions {
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  protocolVersion?: 4 | 5;
  /** Shared subscription group; unset: a plain subscription. */
  shareGroup?: string;
  sessionExpiryS?: number;
  receiveMaximum?: number;
  keepaliveS?: number;
  ca?: string | Buffer;
  router: TopicRouter;
  ingest: MqttIngest;
  metrics?: GatewayMetrics;
  logger?: Logger;
}

export interface ExternalClient {
  session: MqttSession;
  filters: string[];
  stopReading(): void;
  close(): Promise<void>;
}

export function subscriptionFilters(router: TopicRouter, shareGroup: string | undefined): string[] {
  return router.filters().map((f) => (shareGroup ? `$share/${shareGroup}/${f.filter}` : f.filter));
}

export async function startExternalClient(options: ExternalClientOptions): Promise<ExternalClient> {
  const logger = options.logger ?? silentLogger;
  const filters = subscriptionFilters(options.router, options.shareGroup);
  const session = openMqttSession({
    url: options.url,
    clientId: options.clientId,
    username: options.username,
    password: options.password,
    protocolVersion: options.protocolVersion,
    sessionExpiryS: options.sessionExpiryS,
    receiveMaximum: options.receiveMaximum,
    keepaliveS: options.keepaliveS,
    ca: options.ca,
    filters,
    logger,
    onConnected: (up) => options.metrics?.mqttClients.set({ broker: 'external' }, up ? 1 : 0),
    onMessage: (topic, payload) => options.ingest(topic, payload, options.clientId),
    onAcknowledged: (acknowledged) => options.metrics?.acks.inc(acknowledged ? MQTT_ACK_SENT : MQTT_ACK_WITHHELD),
  });
  await session.ready;
  return { session, filters, stopReading: () => session.stopReading(), close: () => session.close() };
}
