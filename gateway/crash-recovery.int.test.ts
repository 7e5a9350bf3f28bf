/**
 * The gateway process is killed (SIGKILL) in the middle of a QoS 1 stream through Mosquitto and
 * started again: every message the publisher sent is stored exactly once. The stream is paced so
 * that what Mosquitto queues for the absent session stays below its default
 * max_queued_messages (1,000); docs/gateway.md says how to size it for real outages.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeReadDataResponse } from '../decoders/cjt188/index.js';
import { createTestDatabase, serverTestUrl, type TestDatabase } from '../storage/testing.js';
import { spawnGateway, type ChildGateway } from './testing/child-gateway.js';
import { dropSession, mosquittoUrl, uniquePrefix } from './testing/mosquitto.js';
import { registerFixtureDevices } from './testing/uplinks.js';

const url = mosquittoUrl();
const METERS = 10;
const MESSAGES = 1500;
const RATE_PER_S = 150;

function frame(i: number): Buffer {
  const meter = i % METERS;
  return Buffer.from(
    encodeReadDataResponse({
      meterType: 0x10,
      address: `${String(meter).padStart(2, '0')}000000000001`,
      registerMl: 1_000_000 + i * 10,
      time: new Date(Date.UTC(2025, 2, 1) + Math.floor(i / METERS) * 60_000).toISOString(),
    }),
  );
}

describe.skipIf(!serverTestUrl())('gateway killed mid-stream (SIGKILL) and restarted', () => {
  let db: TestDatabase;
  let publisher: mqtt.MqttClient;
  const prefix = uniquePrefix('kill');
  const clientId = `${prefix}-gw`;
  const children: ChildGateway[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('server');
    await registerFixtureDevices(
      db.pool,
      Array.from({ length: METERS }, (_, m) => ({
        deviceId: `${prefix}-d${m}`,
        meterId: `${prefix}-m${m}`,
        decoder: 'cjt188',
      })),
    );
    publisher = await mqtt.connectAsync(url, { clientId: `${prefix}-pub`, reconnectPeriod: 0 });
  });
  afterAll(async () => {
    for (const c of children)
      if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
    await publisher?.endAsync();
    await dropSession(url, clientId).catch(() => undefined);
    await db?.close();
  });

  function start(): ChildGateway {
    const child = spawnGateway(['--database-url', db.url!, '--mqtt-url', url, '--client-id', clientId], {
      MF_TOPIC_DIRECT: `${prefix}/meters/{deviceId}/up`,
      MF_TOPIC_CHIRPSTACK: `${prefix}/cs/{applicationId}/device/{devEui}/event/up`,
      MF_TOPIC_TTS: `${prefix}/tts/{applicationId}/devices/{deviceId}/up`,
      MF_WRITER_LINGER_MS: '10',
    });
    children.push(child);
    return child;
  }

  it('stores every message exactly once', async () => {
    const first = start();
    await first.started;
    const acked: Promise<unknown>[] = [];
    let killedAt = -1;
    let restartedAfterMs = 0;
    let storedAtKill = 0;
    const publishing = (async () => {
      for (let i = 0; i < MESSAGES; i += RATE_PER_S / 10) {
        for (let j = i; j < Math.min(i + RATE_PER_S / 10, MESSAGES); j++) {
          const m = j % METERS;
          acked.push(publisher.publishAsync(`${prefix}/meters/${prefix}-d${m}/up`, frame(j), { qos: 1 }));
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    // Kill mid-stream, once the gateway has stored some of it, a few milliseconds after a burst
    // went out (while the gateway holds messages it has not committed).
    for (;;) {
      const n = Number((await db.pool.query('SELECT count(*) AS n FROM raw_uplinks')).rows[0].n);
      if (n >= 300) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const before = acked.length;
    while (acked.length === before) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 8));
    killedAt = acked.length;
    first.process.kill('SIGKILL');
    await first.exited;
    const down = Date.now();
    storedAtKill = Number((await db.pool.query('SELECT count(*) AS n FROM raw_uplinks')).rows[0].n);
    const second = start();
    await second.started;
    restartedAfterMs = Date.now() - down;
    await publishing;
    await Promise.all(acked);
    const deadline = Date.now() + 30_000;
    let stored = 0;
    while (Date.now() < deadline) {
      stored = Number((await db.pool.query('SELECT count(*) AS n FROM raw_uplinks')).rows[0].n);
      if (stored >= MESSAGES) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 300));
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS raw, count(DISTINCT dedup_key)::int AS keys,
              count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
              (SELECT count(*)::int FROM readings) AS readings FROM raw_uplinks`,
    );
    // Killed mid-stream, with messages sent but not yet stored; back before Mosquitto's queue for
    // the absent session (1,000 by default) could overflow.
    expect({
      midStream: killedAt < MESSAGES,
      inFlight: killedAt > storedAtKill,
      restartedInTime: restartedAfterMs * RATE_PER_S < 900_000,
    }).toEqual({
      midStream: true,
      inFlight: true,
      restartedInTime: true,
    });
    expect(rows[0]).toEqual({ raw: MESSAGES, keys: MESSAGES, accepted: MESSAGES, readings: MESSAGES });
    // And a graceful stop after it: exit code 0.
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
