/**
 * PostgreSQL goes away under a QoS 1 stream (a TCP proxy between the gateway and the server cuts
 * every connection and refuses new ones, then holds connections open without passing a byte):
 * the gateway stalls without acknowledging, its queue never holds more than its capacity, memory
 * stays flat, and once the database is back every message is stored exactly once.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../storage/database.js';
import { createTestDatabase, serverTestUrl, type TestDatabase } from '../storage/testing.js';
import { fixturePayload } from './testing/fixture-decoder.js';
import { startTestGateway, TEST_SERVICE_USER, type TestGateway } from './testing/gateway-harness.js';
import { publishAll } from './testing/mosquitto.js';
import { startTcpProxy, type TcpProxy } from './testing/tcp-proxy.js';
import { registerFixtureDevices } from './testing/uplinks.js';

const MESSAGES = 3000;
const CAPACITY = 200;

describe.skipIf(!serverTestUrl())('database outage under load', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let proxied: Database;
  let t: TestGateway;
  let publisher: mqtt.MqttClient;

  beforeAll(async () => {
    db = await createTestDatabase('server');
    await registerFixtureDevices(
      db.pool,
      Array.from({ length: 20 }, (_, i) => ({ deviceId: `out-${i}`, meterId: `OUT-${i}` })),
    );
    const target = new URL(db.url!);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const via = new URL(db.url!);
    via.hostname = '127.0.0.1';
    via.port = String(proxy.port);
    proxied = await openDatabase({ url: via.toString(), poolMax: 4 });
    t = await startTestGateway(proxied, {
      MF_WRITER_QUEUE: String(CAPACITY),
      MF_WRITER_BATCH: '50',
      MF_DB_STATEMENT_TIMEOUT_MS: '500',
      MF_WRITER_ENQUEUE_TIMEOUT_MS: '60000',
    });
    publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${t.gateway.mqtt!.port}`, {
      username: TEST_SERVICE_USER.username,
      password: TEST_SERVICE_USER.password,
      reconnectPeriod: 200,
    });
  });
  afterAll(async () => {
    await publisher?.endAsync(true);
    await t?.gateway.stop();
    await proxied?.close().catch(() => undefined);
    await proxy?.close();
    await db?.close();
  });

  it('stalls with a bounded queue while the database is away and loses nothing', async () => {
    const messages = Array.from({ length: MESSAGES }, (_, i) => ({
      topic: `meters/out-${i % 20}/up`,
      payload: fixturePayload({
        time: new Date(Date.UTC(2025, 7, 1) + Math.floor(i / 20) * 60_000).toISOString(),
        litres: i,
      }),
    }));
    let maxDepth = 0;
    const heapAtStart = process.memoryUsage().heapUsed;
    let heapPeak = heapAtStart;
    const sampler = setInterval(() => {
      maxDepth = Math.max(maxDepth, t.gateway.writer.depth());
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 5);
    const publishing = publishAll(publisher, messages, 200);
    while (t.committed.size < 300) await new Promise((r) => setTimeout(r, 10));

    // Phase 1: connections cut, new ones refused.
    proxy.set('down');
    await new Promise((r) => setTimeout(r, 300));
    const committedInOutage = t.committed.size;
    await new Promise((r) => setTimeout(r, 1500));
    expect(t.committed.size).toBe(committedInOutage);
    expect(t.gateway.readiness().database).toBe(false);
    expect(t.gateway.writer.depth()).toBeGreaterThan(0);
    // The queue-depth gauge, read at the scrape, shows the uplinks held.
    const depthMetric = await t.gateway.metrics.registry.getSingleMetricAsString('meterflow_queue_depth');
    expect(Number(/ (\d+)$/m.exec(depthMetric)?.[1])).toBeGreaterThan(0);
    proxy.set('up');
    while (t.committed.size < committedInOutage + 300) await new Promise((r) => setTimeout(r, 10));

    // Phase 2: connections held open, nothing passes (statements time out and are retried).
    proxy.set('stall');
    await new Promise((r) => setTimeout(r, 300));
    const committedInStall = t.committed.size;
    await new Promise((r) => setTimeout(r, 1500));
    expect(t.committed.size).toBe(committedInStall);
    proxy.set('up');

    await publishing;
    clearInterval(sampler);
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS raw, count(DISTINCT dedup_key)::int AS keys, (SELECT count(*)::int FROM readings) AS readings FROM raw_uplinks`,
    );
    expect(rows[0]).toEqual({ raw: MESSAGES, keys: MESSAGES, readings: MESSAGES });
    expect(maxDepth).toBeLessThanOrEqual(CAPACITY);
    expect(maxDepth).toBeGreaterThan(CAPACITY / 2);
    expect(heapPeak - heapAtStart).toBeLessThan(100 * 1024 * 1024);
    expect(t.gateway.readiness().database).toBe(true);
    const retries = await t.gateway.metrics.registry.getSingleMetricAsString('meterflow_database_retries_total');
    expect(Number(/ (\d+)$/m.exec(retries)?.[1])).toBeGreaterThan(0);
  });
});
