/**
 * The fleet's (or a replay's) MQTT session: one mqtt.js client that publishes at QoS 0 or 1.
 * A QoS 1 publish resolves when the broker's PUBACK arrives, which the meterflow gateway sends
 * only after the uplink is committed; a QoS 0 publish resolves once written to the socket.
 */
import { connectAsync, type MqttClient } from 'mqtt';
import { SimulatorErrorCode, fail, ok, type Result } from '../errors.js';

export interface MqttPublisherOptions {
  url: string;
  clientId?: string;
  username?: string;
  password?: string;
  /** How long to wait for the broker's CONNACK, ms (default 10 s). */
  connectTimeoutMs?: number;
}

export interface MqttPublisher {
  publish(topic: string, payload: Uint8Array, qos: 0 | 1, retain: boolean): Promise<void>;
  /** Disconnects; `force` does not wait for unacknowledged publishes (a stopped run). */
  close(force?: boolean): Promise<void>;
}

/** Credentials may be given in the URL (mqtt://user:pass@host:1883); options take precedence. */
export async function connectMqttPublisher(options: MqttPublisherOptions): Promise<Result<MqttPublisher>> {
  let client: MqttClient;
  try {
    client = await connectAsync(
      options.url,
      {
        clientId: options.clientId ?? `meterflow-sim-${process.pid}-${Date.now().toString(36)}`,
        clean: true,
        protocolVersion: 4,
        connectTimeout: options.connectTimeoutMs ?? 10_000,
        reconnectPeriod: 1_000,
        ...(options.username !== undefined ? { username: options.username } : {}),
        ...(options.password !== undefined ? { password: options.password } : {}),
      },
      false,
    );
  } catch (err) {
    return fail(
      SimulatorErrorCode.TARGET_UNREACHABLE,
      `MQTT broker ${redact(options.url)} did not accept the connection: ${(err as Error).message}`,
      {
        url: redact(options.url),
      },
    );
  }
  return ok({
    async publish(topic, payload, qos, retain) {
      await client.publishAsync(topic, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength), {
        qos,
        retain,
      });
    },
    async close(force = false) {
      await client.endAsync(force);
    },
  });
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}
