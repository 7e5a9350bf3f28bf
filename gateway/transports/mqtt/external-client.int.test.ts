import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../storage/testing.js';
import { chirpstackProtobufBytes } from '../../lns/fixtures.js';
import { fixturePayload } from '../../testing/fixture-decoder.js';
import { preferredEngine, startTestGateway, type TestGateway } from '../../testing/gateway-harness.js';
import { dropSession, mosquittoUrl, publishAll, uniquePrefix } from '../../testing/mosquitto.js';
import { registerFixtureDevices } from '../../testing/uplinks.js';

const url = mosquittoUrl();

function topicsEnv(prefix: string, clientId: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    MF_MQTT_URL: url,
    MF_MQTT_CLIENT_ID: clientId,
    MF_TOPIC_DIRECT: `${prefix}/meters/{deviceId}/up`,
    MF_TOPIC_CHIRPSTACK: `${prefix}/application/{applicationId}/device/{devEui}/event/up`,
    MF_TOPIC_TTS: `${prefix}/v3/{applicationId}/devices/{deviceId}/up`,
    ...extra,
  };
}

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('gateway on an external broker (Mosquitto)', () => {
  let db: TestDatabase;
  let publisher: mqtt.MqttClient;
  const gateways: TestGateway[] = [];
  const sessions: string[] = [];
  const devices = Array.from({ length: 10 }, (_, i) => ({ deviceId: `ext-dev-${i}`, meterId: `EXT-M-${i}` }));

  beforeAll(async () => {
    db = await createTestDatabase(preferredEngine());
    await registerFixtureDevices(db.pool, [...devices, { deviceId: '70b3d57ed00000ee', meterId: 'EXT-LORA' }]);
    publisher = await mqtt.connectAsync(url, { clientId: uniquePrefix('pub'), reconnectPeriod: 0 });
  });
  afterAll(async () => {
    await publisher?.endAsync();
    for (const g of gateways) await g.gateway.stop();
    for (const id of sessions) await dropSession(url, id).catch(() => undefined);
    await db?.close();
  });

  async function gatewayFor(
    prefix: string,
    clientId: string,
    extra: Record<string, string> = {},
  ): Promise<TestGateway> {
    sessions.push(clientId);
    const g = await startTestGateway(db, topicsEnv(prefix, clientId, extra));
    gateways.push(g);
    return g;
  }

  const count = async (sql: string) => Number((await db.pool.query(sql)).rows[0].n);

  it('stores every QoS 1 message of a stream exactly once', async () => {
    const prefix = uniquePrefix('stream');
    await gatewayFor(prefix, `${prefix}-gw`);
    const messages = Array.from({ length: 2000 }, (_, i) => {
      const d = devices[i % devices.length]!;
      return {
        topic: `${prefix}/meters/${d.deviceId}/up`,
        payload: fixturePayload({
          time: new Date(Date.UTC(2025, 5, 1) + Math.floor(i / devices.length) * 60_000).toISOString(),
          litres: i,
        }),
      };
    });
    await publishAll(publisher, messages);
    await until(
      async () => (await count(`SELECT count(*) AS n FROM raw_uplinks WHERE topic LIKE '${prefix}/%'`)) >= 2000,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(
      await count(`SELECT count(*) AS n FROM raw_uplinks WHERE topic LIKE '${prefix}/%' AND status = 'accepted'`),
    ).toBe(2000);
    expect(await count(`SELECT count(*) AS n FROM readings WHERE meter_id LIKE 'EXT-M-%'`)).toBe(2000);
  });

  it('takes ChirpStack Protobuf events from the broker', async () => {
    const prefix = uniquePrefix('cs');
    await gatewayFor(prefix, `${prefix}-gw`);
    const bytes = chirpstackProtobufBytes({
      devEui: '70b3d57ed00000ee',
      devAddr: '01020304',
      fCnt: 7,
      fPort: 2,
      payload: fixturePayload({ time: '2025-04-01T00:00:00Z', litres: 3 }),
      time: '2025-04-01T00:00:01.000Z',
      gateways: [{ id: 'b827ebfffe000001', rssi: -101, snr: 3.5 }],
    });
    await publisher.publishAsync(`${prefix}/application/app-1/device/70b3d57ed00000ee/event/up`, Buffer.from(bytes), {
      qos: 1,
    });
    await until(async () => (await count(`SELECT count(*) AS n FROM readings WHERE meter_id = 'EXT-LORA'`)) === 1);
  });

  it('shares a stream between two gateways in one shared-subscription group, each message stored once', async () => {
    const prefix = uniquePrefix('share');
    const a = await gatewayFor(prefix, `${prefix}-a`, { MF_MQTT_SHARE_GROUP: `${prefix}-g` });
    const b = await gatewayFor(prefix, `${prefix}-b`, { MF_MQTT_SHARE_GROUP: `${prefix}-g` });
    const messages = Array.from({ length: 600 }, (_, i) => ({
      topic: `${prefix}/meters/${devices[i % 10]!.deviceId}/up`,
      payload: JSON.stringify({
        payload_hex: fixturePayload({
          time: new Date(Date.UTC(2025, 6, 1) + i * 1000).toISOString(),
          litres: i,
        }).toString('hex'),
        id: `${prefix}-${i}`,
      }),
    }));
    await publishAll(publisher, messages);
    await until(
      async () => (await count(`SELECT count(*) AS n FROM raw_uplinks WHERE topic LIKE '${prefix}/%'`)) >= 600,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(await count(`SELECT count(*) AS n FROM raw_uplinks WHERE topic LIKE '${prefix}/%'`)).toBe(600);
    expect(a.committed.size).toBeGreaterThan(0);
    expect(b.committed.size).toBeGreaterThan(0);
    expect(a.committed.size + b.committed.size).toBe(600);
  });
});
