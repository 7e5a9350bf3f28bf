/** The Mosquitto broker of the integration tests, and names that keep tests apart on it. */
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';

export function mosquittoUrl(): string {
  return process.env.MF_TEST_MOSQUITTO_URL || 'mqtt://127.0.0.1:1883';
}

/** A prefix unique to this test run, for topics and client ids. */
export function uniquePrefix(label: string): string {
  return `mft-${label}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** Removes a persistent session left on the broker (connect with clean start, then leave). */
export async function dropSession(url: string, clientId: string): Promise<void> {
  const c = await mqtt.connectAsync(url, {
    clientId,
    clean: true,
    protocolVersion: 5,
    reconnectPeriod: 0,
    properties: { sessionExpiryInterval: 0 },
  });
  await c.endAsync();
}

/** Publishes QoS 1 messages and resolves when the broker acknowledged all of them. */
export async function publishAll(
  client: mqtt.MqttClient,
  messages: Array<{ topic: string; payload: Buffer | string }>,
  inFlight = 500,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const m = messages[next++]!;
      await client.publishAsync(m.topic, m.payload, { qos: 1 });
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, messages.length) }, worker));
}
