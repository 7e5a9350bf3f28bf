/**
 * The connection that carries alarm messages (meterflow/alarms/{meterId}) to an external broker.
 * The gateway's subscriber session (mqtt-session.ts) only receives, so alarms go out on a second,
 * ordinary mqtt.js connection with the same login: client id `<MF_MQTT_CLIENT_ID>-alarms`, clean
 * session, reconnecting on its own. While it is down, mqtt.js holds the QoS 1 messages and sends
 * them once it is back; the publisher's bounded queue (alarm-publisher.ts) limits what piles up.
 */
import mqtt from 'mqtt';
import type { Logger } from '../../../common/logger.js';
import { silentLogger } from '../../../common/logger.js';
import { fromMqttClient, type MqttPublishFn } from '../../validation/alarm-publisher.js';

export interface AlarmConnectionOptions {
  url: string;
  /** The gateway's client id; the connection uses `<clientId>-alarms`. */
  clientId: string;
  username?: string;
  password?: string;
  protocolVersion?: 4 | 5;
  keepaliveS?: number;
  ca?: string | Buffer;
  logger?: Logger;
}

export interface AlarmConnection {
  publish: MqttPublishFn;
  close(): Promise<void>;
}

export function alarmClientId(clientId: string): string {
  const suffix = '-alarms';
  return `${clientId.slice(0, 128 - suffix.length)}${suffix}`;
}

export function openAlarmConnection(options: AlarmConnectionOptions): AlarmConnection {
  const logger = options.logger ?? silentLogger;
  const client = mqtt.connect(options.url, {
    clientId: alarmClientId(options.clientId),
    clean: true,
    protocolVersion: options.protocolVersion ?? 5,
    keepalive: options.keepaliveS ?? 30,
    reconnectPeriod: 1_000,
    connectTimeout: 10_000,
    ...(options.username !== undefined ? { username: options.username } : {}),
    ...(options.password !== undefined ? { password: options.password } : {}),
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
  });
  let wasUp = false;
  client.on('connect', () => {
    wasUp = true;
    logger.info({ clientId: alarmClientId(options.clientId) }, 'alarm connection up');
  });
  client.on('offline', () => {
    if (wasUp) logger.warn('alarm connection down; alarm messages are held until it is back');
    wasUp = false;
  });
  client.on('error', (err) => logger.warn({ err: err.message }, 'alarm connection'));
  return {
    publish: fromMqttClient(client),
    async close() {
      await client.endAsync(true);
    },
  };
}
