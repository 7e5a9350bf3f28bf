import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../storage/testing.js';
import { hashSecret } from '../../devices/secrets.js';
import {
  chirpstackJsonBytes,
  chirpstackProtobufBytes,
  ttsUplinkBytes,
  type LoraUplinkSpec,
} from '../../lns/fixtures.js';
import { fixturePayload } from '../../testing/fixture-decoder.js';
import {
  preferredEngine,
  startTestGateway,
  TEST_SERVICE_USER,
  type TestGateway,
} from '../../testing/gateway-harness.js';
import { registerFixtureDevices } from '../../testing/uplinks.js';

const SECRET = 'device-secret-A';

describe('embedded MQTT broker (aedes) in front of the pipeline', () => {
  let db: TestDatabase;
  let t: TestGateway;
  let url: string;
  const clients: mqtt.MqttClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(preferredEngine());
    const secretHash = await hashSecret(SECRET);
    await registerFixtureDevices(db.pool, [
      { deviceId: 'dev-A', meterId: 'M-A', secretHash },
      { deviceId: 'dev-B', meterId: 'M-B', secretHash },
      { deviceId: '70b3d57ed0000001', meterId: 'M-LORA-1', transport: 'chirpstack' },
      { deviceId: '70b3d57ed0000002', meterId: 'M-LORA-2', transport: 'tts' },
    ]);
    t = await startTestGateway(db);
    url = `mqtt://127.0.0.1:${t.gateway.mqtt!.port}`;
  });
  afterAll(async () => {
    for (const c of clients) await c.endAsync(true).catch(() => undefined);
    await t?.gateway.stop();
    await db?.close();
  });

  async function connect(
    username: string,
    password: string,
    extra: mqtt.IClientOptions = {},
  ): Promise<mqtt.MqttClient> {
    const c = await mqtt.connectAsync(url, {
      username,
      password,
      clientId: `${username}-${clients.length}`,
      reconnectPeriod: 0,
      ...extra,
    });
    clients.push(c);
    return c;
  }

  const count = async (sql: string, values: unknown[] = []) => Number((await db.pool.query(sql, values)).rows[0].n);

  it('sends no PUBACK before the uplink is committed', async () => {
    const device = await connect('dev-A', SECRET);
    const n = 300;
    const checks: boolean[] = [];
    const sends = Array.from({ length: n }, (_, i) => {
      const payload = fixturePayload({
        time: new Date(Date.UTC(2025, 0, 1) + i * 900_000).toISOString(),
        litres: 1000 + i,
      });
      const id = `msg-${i}`;
      const message = JSON.stringify({ payload_hex: payload.toString('hex'), id });
      return new Promise<void>((resolve, reject) => {
        device.publish('meters/dev-A/up', message, { qos: 1 }, (err) => {
          if (err) return reject(err);
          // The PUBACK has arrived: its uplink must already be committed.
          checks.push([...t.committed].some((k) => k.startsWith(`direct:dev-A:id:${id}:`)));
          resolve();
        });
      });
    });
    await Promise.all(sends);
    expect(checks).toHaveLength(n);
    expect(checks.every(Boolean)).toBe(true);
    expect(await count(`SELECT count(*) AS n FROM readings WHERE meter_id = 'M-A'`)).toBe(n);
  });

  it('refuses a device with a wrong secret', async () => {
    const err = await mqtt
      .connectAsync(url, { username: 'dev-A', password: 'wrong', reconnectPeriod: 0 })
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toMatch(/Bad username or password|Not authorized/i);
  });

  it('closes the connection of a device publishing to another device topic, and stores nothing', async () => {
    const device = await connect('dev-A', SECRET);
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
    device.publish('meters/dev-B/up', fixturePayload({ litres: 5 }), { qos: 1 });
    await closed;
    expect(await count(`SELECT count(*) AS n FROM raw_uplinks WHERE device_ref = 'dev-B'`)).toBe(0);
  });

  const lora = (devEui: string, over: Partial<LoraUplinkSpec> = {}): LoraUplinkSpec => ({
    devEui,
    devAddr: '260b0001',
    fCnt: 1,
    fPort: 1,
    payload: fixturePayload({ time: '2025-02-01T00:00:00Z', litres: 10 }),
    time: '2025-02-01T00:00:01.000Z',
    gateways: [{ id: '0016c001f153a14c', rssi: -90, snr: 5 }],
    ...over,
  });

  it('stores a ChirpStack uplink heard through several gateways once, in JSON and Protobuf', async () => {
    const bridge = await connect(TEST_SERVICE_USER.username, TEST_SERVICE_USER.password);
    const topic = 'application/17c82e96/device/70b3d57ed0000001/event/up';
    const spec = lora('70b3d57ed0000001');
    await bridge.publishAsync(topic, chirpstackJsonBytes(spec), { qos: 1 });
    await bridge.publishAsync(
      topic,
      chirpstackJsonBytes({ ...spec, gateways: [{ id: 'aa55000000000002', rssi: -100, snr: 1 }] }),
      { qos: 1 },
    );
    await bridge.publishAsync(
      topic,
      Buffer.from(chirpstackProtobufBytes({ ...spec, gateways: [{ id: 'aa55000000000003', rssi: -110, snr: -2 }] })),
      { qos: 1 },
    );
    expect(await count(`SELECT count(*) AS n FROM raw_uplinks WHERE device_ref = '70b3d57ed0000001'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM readings WHERE meter_id = 'M-LORA-1'`)).toBe(1);
    const raw = await db.pool.query(
      `SELECT f_cnt, f_port, metadata FROM raw_uplinks WHERE device_ref = '70b3d57ed0000001'`,
    );
    expect(raw.rows[0]).toMatchObject({ f_cnt: 1, f_port: 1 });
    expect(raw.rows[0].metadata.gateways[0]).toMatchObject({ gatewayId: '0016c001f153a14c', rssiDbm: -90, snrDb: 5 });
  });

  it('does not take an fCnt reset after a rejoin for a duplicate', async () => {
    const bridge = await connect(TEST_SERVICE_USER.username, TEST_SERVICE_USER.password);
    const topic = 'v3/water@utility/devices/meter-0002/up';
    const first = lora('70b3d57ed0000002', {
      fCnt: 0,
      payload: fixturePayload({ time: '2025-02-02T00:00:00Z', litres: 20 }),
    });
    const afterRejoin = {
      ...first,
      devAddr: '260b0999',
      payload: fixturePayload({ time: '2025-02-03T00:00:00Z', litres: 21 }),
    };
    await bridge.publishAsync(topic, ttsUplinkBytes(first), { qos: 1 });
    await bridge.publishAsync(topic, ttsUplinkBytes(first), { qos: 1 });
    await bridge.publishAsync(topic, ttsUplinkBytes(afterRejoin), { qos: 1 });
    expect(await count(`SELECT count(*) AS n FROM raw_uplinks WHERE device_ref = '70b3d57ed0000002'`)).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM readings WHERE meter_id = 'M-LORA-2'`)).toBe(2);
  });

  it('acknowledges and dead-letters unknown devices, garbage, unreadable and oversized messages with their reason', async () => {
    const bridge = await connect(TEST_SERVICE_USER.username, TEST_SERVICE_USER.password);
    await bridge.publishAsync('meters/nobody/up', fixturePayload({ litres: 1 }), { qos: 1 });
    await bridge.publishAsync('meters/dev-B/up', Buffer.from('garbage that no decoder reads'), { qos: 1 });
    await bridge.publishAsync('application/x/device/70b3d57ed0000001/event/up', Buffer.from('{"deviceInfo": 5'), {
      qos: 1,
    });
    await bridge.publishAsync('meters/dev-B/up', Buffer.alloc(5000, 0xf1), { qos: 1 });
    const { rows } = await db.pool.query(
      `SELECT device_ref, status, error_code, reason, length(payload) AS bytes FROM raw_uplinks
        WHERE status NOT IN ('accepted', 'duplicate') ORDER BY processed_at`,
    );
    expect(rows).toEqual([
      expect.objectContaining({ device_ref: 'nobody', status: 'unknown_device', error_code: 'GATEWAY_UNKNOWN_DEVICE' }),
      expect.objectContaining({ device_ref: 'dev-B', status: 'decode_error', error_code: 'DECODE_UNKNOWN_FORMAT' }),
      expect.objectContaining({
        device_ref: '70b3d57ed0000001',
        status: 'rejected',
        error_code: 'GATEWAY_MALFORMED_MESSAGE',
      }),
      expect.objectContaining({
        device_ref: 'dev-B',
        status: 'rejected',
        error_code: 'GATEWAY_PAYLOAD_TOO_LARGE',
        bytes: 4096,
      }),
    ]);
    expect(rows[3].reason).toContain('5000 bytes');
    const metrics = await t.gateway.metrics.registry.getSingleMetricAsString('meterflow_dead_letters_total');
    expect(metrics).toContain('code="GATEWAY_PAYLOAD_TOO_LARGE"} 1');
  });

  it('ingests QoS 0 messages too', async () => {
    const device = await connect('dev-B', SECRET);
    device.publish('meters/dev-B/up', fixturePayload({ time: '2025-01-05T00:00:00Z', litres: 77 }), { qos: 0 });
    for (let i = 0; i < 50; i++) {
      if ((await count(`SELECT count(*) AS n FROM readings WHERE meter_id = 'M-B'`)) === 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await count(`SELECT count(*) AS n FROM readings WHERE meter_id = 'M-B' AND register_ml = 77000`)).toBe(1);
  });
});
