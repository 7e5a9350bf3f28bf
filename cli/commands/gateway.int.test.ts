/**
 * `meterflow gateway` as a process, on the PostgreSQL server, subscribed to Mosquitto: the
 * validation rules run with the thresholds of --config, alarm changes are published to
 * `meterflow/alarms/{meterId}` on the broker, and the HTTP server serves the validation and bill
 * routes. A bad thresholds file stops it at start, naming the field.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeReadDataResponse } from '../../decoders/cjt188/index.js';
import { spawnGateway, type ChildGateway } from '../../gateway/testing/child-gateway.js';
import { dropSession, mosquittoUrl, uniquePrefix } from '../../gateway/testing/mosquitto.js';
import { registerFixtureDevices } from '../../gateway/testing/uplinks.js';
import type { AlarmMessage } from '../../gateway/validation/alarm-publisher.js';
import { createTestDatabase, serverTestUrl, type TestDatabase } from '../../storage/testing.js';

const url = mosquittoUrl();
const TOKEN = randomBytes(16).toString('hex');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

describe.skipIf(!serverTestUrl())('meterflow gateway (the command) with validation', () => {
  let db: TestDatabase;
  let dir: string;
  let subscriber: mqtt.MqttClient;
  let gateway: ChildGateway | undefined;
  let httpPort: number;
  const prefix = uniquePrefix('gwcli');
  const clientId = `${prefix}-gw`;
  const alarms: AlarmMessage[] = [];

  function frame(meter: number, registerMl: number, secondsAgo: number): Buffer {
    return Buffer.from(
      encodeReadDataResponse({
        meterType: 0x10,
        address: `${String(meter).padStart(2, '0')}000000000001`,
        registerMl,
        time: new Date(Math.floor(Date.now() / 1000 - secondsAgo) * 1000).toISOString(),
      }),
    );
  }

  beforeAll(async () => {
    db = await createTestDatabase('server');
    dir = await mkdtemp(join(tmpdir(), 'mf-gateway-'));
    await registerFixtureDevices(db.pool, [
      { deviceId: `${prefix}-d0`, meterId: `${prefix}-lenient`, decoder: 'cjt188' },
      { deviceId: `${prefix}-d1`, meterId: `${prefix}-strict`, decoder: 'cjt188' },
    ]);
    await db.pool.query(`UPDATE meters SET meter_class = 'strict' WHERE meter_id = $1`, [`${prefix}-strict`]);
    subscriber = await mqtt.connectAsync(url, { clientId: `${prefix}-sub`, reconnectPeriod: 0 });
    subscriber.on('message', (_topic, payload) => alarms.push(JSON.parse(payload.toString()) as AlarmMessage));
    await subscriber.subscribeAsync([`meterflow/alarms/${prefix}-lenient`, `meterflow/alarms/${prefix}-strict`], {
      qos: 1,
    });
  });
  afterAll(async () => {
    if (gateway && gateway.process.exitCode === null && gateway.process.signalCode === null)
      gateway.process.kill('SIGKILL');
    await subscriber?.endAsync(true);
    await dropSession(url, clientId).catch(() => undefined);
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a thresholds file with a bad field, naming it', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'defaults:\n  gapFactor: -1\n');
    const child = spawnGateway(['--database-url', db.url!, '--no-mqtt'], {
      MF_VALIDATION_CONFIG: bad,
      MF_HTTP_ENABLED: '0',
      MF_COAP_ENABLED: '0',
    });
    await expect(child.started).rejects.toThrow();
    expect(await child.exited).toBe(1);
    expect(child.output()).toMatch(/CONFIG_INVALID.*bad\.yaml: defaults\.gapFactor/);
  });

  it('flags and alarms with the configured thresholds, publishes alarms, serves validation and bill routes', async () => {
    const config = join(dir, 'thresholds.yaml');
    // 100 L of backwards tolerance for every class, none for class strict.
    await writeFile(
      config,
      'defaults:\n  backwardsToleranceMl: 100000\nclasses:\n  strict:\n    backwardsToleranceMl: 0\n',
    );
    httpPort = await freePort();
    gateway = spawnGateway(
      ['--database-url', db.url!, '--mqtt-url', url, '--client-id', clientId, '--config', config],
      {
        MF_TOPIC_DIRECT: `${prefix}/meters/{deviceId}/up`,
        MF_TOPIC_CHIRPSTACK: `${prefix}/cs/{applicationId}/device/{devEui}/event/up`,
        MF_TOPIC_TTS: `${prefix}/tts/{applicationId}/devices/{deviceId}/up`,
        MF_WRITER_LINGER_MS: '5',
        MF_COAP_ENABLED: '0',
        MF_HTTP_HOST: '127.0.0.1',
        MF_HTTP_PORT: String(httpPort),
        MF_API_TOKENS: `ops:admin:${createHash('sha256').update(TOKEN).digest('hex')}`,
      },
    );
    await gateway.started;
    const publisher = await mqtt.connectAsync(url, { clientId: `${prefix}-pub`, reconnectPeriod: 0 });
    try {
      for (const [i, litres] of [1000, 1001, 950].entries()) {
        for (const meter of [0, 1])
          await publisher.publishAsync(
            `${prefix}/meters/${prefix}-d${meter}/up`,
            frame(meter, litres * 1000, 30 - 10 * i),
            {
              qos: 1,
            },
          );
      }
    } finally {
      await publisher.endAsync();
    }
    const deadline = Date.now() + 20_000;
    const stored = async () =>
      (
        await db.pool.query<{ meter_id: string; register_ml: number; flags: number }>(
          `SELECT meter_id, register_ml, flags::int AS flags FROM readings ORDER BY meter_id, time`,
        )
      ).rows;
    while ((await stored()).length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    while (alarms.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    // Bit 0 is register_backwards: only the strict meter's 51 L drop is beyond its tolerance.
    expect(
      (await stored()).map((r) => `${r.meter_id.slice(prefix.length + 1)} ${r.register_ml} ${r.flags & 1}`),
    ).toEqual([
      'lenient 1000000 0',
      'lenient 1001000 0',
      'lenient 950000 0',
      'strict 1000000 0',
      'strict 1001000 0',
      'strict 950000 1',
    ]);
    expect(alarms.map((a) => `${a.meterId} ${a.kind} ${a.action}`)).toEqual([
      `${prefix}-strict register_backwards raised`,
    ]);

    const get = (path: string) =>
      fetch(`http://127.0.0.1:${httpPort}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const listed = await get(`/v1/alarms?meter=${prefix}-strict`);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(await listed.json())).toContain('register_backwards');
    const bill = await get('/v1/periods/2026-10/bills/NOPE');
    expect(bill.status).toBe(404);
    expect(await bill.json()).toMatchObject({ code: 'RATING_BILL_NOT_FOUND' });

    gateway.process.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
  });
});
