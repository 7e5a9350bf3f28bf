/**
 * Webhooks end to end through the real gateway: startGateway with the HTTP server from its
 * starter, the real pipeline and writer, the embedded TimescaleDB engine, a real socket. Each
 * platform's push is answered 200 once its reading is committed; a re-push is stored once.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../common/logger.js';
import { createTestDatabase, type TestDatabase } from '../../storage/testing.js';
import { gatewaySettings } from '../config.js';
import { startGateway, type RunningGateway } from '../service.js';
import { fixturePayload, fixtureRegistry } from '../testing/fixture-decoder.js';
import { registerFixtureDevices } from '../testing/uplinks.js';
import { ctwingDataReport, onenetDataPoint, ttsUplinkMessage } from './fixtures.js';
import { httpStarterFromEnv } from './starter.js';
import { onenetPushBody } from './testing.js';

const ONENET_TOKEN = 'onenet-e2e-token';
let db: TestDatabase;
let gateway: RunningGateway;
let base: string;

async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const readingsOf = async (meterId: string) =>
  (await db.pool.query(`SELECT register_ml, time FROM readings WHERE meter_id = $1 ORDER BY time`, [meterId])).rows;

const postJson = (path: string, body: string) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

beforeAll(async () => {
  db = await createTestDatabase('embedded');
  await registerFixtureDevices(db.pool, [
    { deviceId: '70b3d57ed0051a2c', meterId: 'm-tts', transport: 'tts' },
    { deviceId: '866971030389733', meterId: 'm-onenet', transport: 'onenet' },
    { deviceId: '862592051651472', meterId: 'm-ctwing', transport: 'ctwing' },
  ]);
  const port = await freeTcpPort();
  base = `http://127.0.0.1:${port}`;
  const starter = httpStarterFromEnv({
    MF_HTTP_HOST: '127.0.0.1',
    MF_HTTP_PORT: String(port),
    MF_ONENET_TOKEN: ONENET_TOKEN,
  })!;
  gateway = await startGateway(gatewaySettings({ MF_MQTT_ENABLED: '0', MF_WRITER_LINGER_MS: '5' }), {
    db,
    logger: silentLogger,
    decoders: fixtureRegistry(),
    extraTransports: [starter],
  });
});

afterAll(async () => {
  await gateway?.stop();
  await db?.close();
});

describe('webhooks through the real pipeline', () => {
  it('reports ready on /readyz', async () => {
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', transports: 'ok', gateway: 'ok' },
    });
  });

  it('stores a TTS uplink before answering 200, and a re-post once', async () => {
    const message = ttsUplinkMessage();
    (message.uplink_message as Record<string, unknown>).frm_payload = fixturePayload({
      time: '2025-03-01T08:00:00Z',
      litres: 5342,
    }).toString('base64');
    const first = await postJson('/webhooks/tts/water-north', JSON.stringify(message));
    expect(first.status).toBe(200);
    expect(await readingsOf('m-tts')).toEqual([{ register_ml: 5_342_000, time: new Date('2025-03-01T08:00:00Z') }]);
    const again = await postJson('/webhooks/tts/water-north', JSON.stringify(message));
    expect(await again.json()).toMatchObject({ uplinks: [{ status: 'duplicate' }] });
    expect(await readingsOf('m-tts')).toHaveLength(1);
  });

  it('stores a signed OneNET data point (hex value)', async () => {
    const value = fixturePayload({ time: '2025-03-01T09:00:00Z', litres: 777 }).toString('hex');
    const response = await postJson('/webhooks/onenet', onenetPushBody(ONENET_TOKEN, onenetDataPoint({ value })));
    expect(response.status).toBe(200);
    expect(await readingsOf('m-onenet')).toEqual([{ register_ml: 777_000, time: new Date('2025-03-01T09:00:00Z') }]);
  });

  it('stores a CTWing data report (APPdata)', async () => {
    const APPdata = fixturePayload({ time: '2025-03-01T10:00:00Z', litres: 42 }).toString('base64');
    const response = await postJson('/webhooks/ctwing', JSON.stringify(ctwingDataReport({ payload: { APPdata } })));
    expect(response.status).toBe(200);
    expect(await readingsOf('m-ctwing')).toEqual([{ register_ml: 42_000, time: new Date('2025-03-01T10:00:00Z') }]);
  });

  it('counts webhook uplinks on /metrics', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/meterflow_uplinks_total\{transport="http",adapter="tts",status="accepted"\} 1/);
    expect(text).toContain('meterflow_webhook_requests_total{adapter="onenet",status="200"} 1');
  });
});
