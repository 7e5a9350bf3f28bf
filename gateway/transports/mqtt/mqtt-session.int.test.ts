import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSession, mosquittoUrl, publishAll, uniquePrefix } from '../../testing/mosquitto.js';
import { openMqttSession, type MqttSession } from './mqtt-session.js';

const url = mosquittoUrl();

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each([5, 4] as const)('MQTT session to Mosquitto (MQTT %s)', (protocolVersion) => {
  let publisher: mqtt.MqttClient;
  const sessions: MqttSession[] = [];
  const clientIds: string[] = [];

  beforeAll(async () => {
    publisher = await mqtt.connectAsync(url, { clientId: uniquePrefix('pub'), reconnectPeriod: 0 });
  });
  afterAll(async () => {
    for (const s of sessions) await s.close().catch(() => undefined);
    await publisher?.endAsync();
    for (const id of clientIds) await dropSession(url, id).catch(() => undefined);
  });

  function open(
    clientId: string,
    prefix: string,
    onMessage: (payload: string) => Promise<void>,
    receiveMaximum = 1000,
  ): MqttSession {
    const s = openMqttSession({
      url,
      clientId,
      protocolVersion,
      receiveMaximum,
      filters: [`${prefix}/#`],
      onMessage: (_t, p) => onMessage(p.toString()),
    });
    sessions.push(s);
    return s;
  }

  it('acknowledges messages once their handlers resolved, in arrival order: the rest come back after a reconnect', async () => {
    const prefix = uniquePrefix('ack');
    const clientId = `${prefix}-sub`;
    clientIds.push(clientId);
    const first: string[] = [];
    const s1 = open(clientId, prefix, (p) => {
      first.push(p);
      const i = Number(p);
      // 0..9 resolve in reverse order (acknowledged together, in order, when 0 resolves); 10..19 never
      return i < 10 ? new Promise<void>((r) => setTimeout(r, (10 - i) * 10)) : new Promise<void>(() => undefined);
    });
    await s1.ready;
    await publishAll(
      publisher,
      Array.from({ length: 20 }, (_, i) => ({ topic: `${prefix}/m`, payload: String(i) })),
    );
    await until(() => first.length === 20);
    await new Promise((r) => setTimeout(r, 200)); // let the PUBACKs of the even ones reach the broker
    await s1.close();
    const second: string[] = [];
    const s2 = open(clientId, prefix, async (p) => {
      second.push(p);
    });
    await s2.ready;
    await until(() => second.length >= 10);
    await new Promise((r) => setTimeout(r, 300));
    expect(second.map(Number).sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('keeps many messages in flight, so slow commits overlap', async () => {
    const prefix = uniquePrefix('flight');
    const clientId = `${prefix}-sub`;
    clientIds.push(clientId);
    let done = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const s = open(
      clientId,
      prefix,
      async () => {
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((r) => setTimeout(r, 50));
        concurrent--;
        done++;
      },
      200,
    );
    await s.ready;
    const started = Date.now();
    await publishAll(
      publisher,
      Array.from({ length: 1000 }, (_, i) => ({ topic: `${prefix}/m`, payload: String(i) })),
    );
    await until(() => done === 1000, 20_000);
    // one at a time this would take 1000 × 50 ms = 50 s
    expect(Date.now() - started).toBeLessThan(10_000);
    // (Mosquitto 2.0.11 does not keep exactly to the Receive Maximum; its quota accounting was fixed in 2.0.15)
    expect(maxConcurrent).toBeGreaterThan(20);
  });
});
