/**
 * CoAP end to end through the real gateway: startGateway with the CoAP transport from its
 * starter (gateway/service.ts extraTransports), the real pipeline and writer, the embedded
 * TimescaleDB engine, real UDP. A confirmable request is answered after its rows are committed;
 * a retransmission reaching a restarted gateway is stored once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../common/logger.js';
import { createTestDatabase, type TestDatabase } from '../../../storage/testing.js';
import { gatewaySettings } from '../../config.js';
import { hashSecret } from '../../devices/secrets.js';
import { startGateway, type RunningGateway } from '../../service.js';
import { fixturePayload, fixtureRegistry } from '../../testing/fixture-decoder.js';
import { registerFixtureDevices } from '../../testing/uplinks.js';
import { coapStarterFromEnv } from './starter.js';
import { RawCoapPeer, encodeRequest, type RawRequest, type RawResponse } from './testing.js';
import { freeUdpPort } from '../../../common/free-port.js';

let db: TestDatabase;
let gateway: RunningGateway;
let coapPort: number;

async function startTheGateway(): Promise<void> {
  const starter = coapStarterFromEnv({
    MF_COAP_HOST: '127.0.0.1',
    MF_COAP_PORT: String(coapPort),
    MF_COAP_AUTH: 'device',
  })!;
  gateway = await startGateway(gatewaySettings({ MF_MQTT_ENABLED: '0', MF_WRITER_LINGER_MS: '5' }), {
    db,
    logger: silentLogger,
    decoders: fixtureRegistry(),
    extraTransports: [starter],
  });
}

async function exchange(request: RawRequest): Promise<RawResponse> {
  const meter = await RawCoapPeer.open(coapPort);
  try {
    await meter.send(encodeRequest(request));
    const [response] = await meter.waitFor(1, 15_000);
    return response!;
  } finally {
    await meter.close();
  }
}

const count = async (sql: string, params: unknown[]): Promise<number> =>
  Number((await db.pool.query(sql, params)).rows[0].n);

beforeAll(async () => {
  db = await createTestDatabase('embedded');
  await registerFixtureDevices(db.pool, [
    { deviceId: 'nb-0001', meterId: 'm-0001', transport: 'coap', secretHash: await hashSecret('nb-0001-secret') },
  ]);
  coapPort = await freeUdpPort();
  await startTheGateway();
});

afterAll(async () => {
  await gateway?.stop();
  await db?.close();
});

describe('CoAP through the real pipeline', () => {
  const reading = fixturePayload({ time: '2025-03-01T08:00:00Z', litres: 123_456 });
  const request: RawRequest = {
    messageId: 0x2a2a,
    token: Buffer.from('feed', 'hex'),
    path: ['m', 'nb-0001'],
    query: ['s=nb-0001-secret'],
    payload: reading,
  };

  it('answers 2.04 once the reading is committed', async () => {
    const response = await exchange(request);
    expect(response).toMatchObject({ type: 'ACK', code: '2.04', payloadText: 'accepted' });
    const rows = await db.pool.query(`SELECT meter_id, register_ml, time FROM readings WHERE meter_id = 'm-0001'`);
    expect(rows.rows).toEqual([
      { meter_id: 'm-0001', register_ml: 123_456_000, time: new Date('2025-03-01T08:00:00Z') },
    ]);
    expect(
      await count(
        `SELECT count(*) AS n FROM raw_uplinks WHERE device_ref = 'nb-0001' AND transport = 'coap' AND status = 'accepted'`,
        [],
      ),
    ).toBe(1);
  });

  it('stores a retransmission that reaches a restarted gateway once', async () => {
    await gateway.stop();
    await startTheGateway();
    const response = await exchange(request);
    expect(response).toMatchObject({ code: '2.04', payloadText: 'duplicate' });
    expect(await count(`SELECT count(*) AS n FROM readings WHERE meter_id = 'm-0001'`, [])).toBe(1);
    expect(
      await count(`SELECT count(*) AS n FROM raw_uplinks WHERE device_ref = 'nb-0001' AND status = 'accepted'`, []),
    ).toBe(1);
  });

  it('refuses a wrong device secret with 4.01 and stores nothing', async () => {
    const before = await count(`SELECT count(*) AS n FROM raw_uplinks`, []);
    const response = await exchange({ ...request, messageId: 0x2a2b, query: ['s=guess'] });
    expect(response.code).toBe('4.01');
    expect(await count(`SELECT count(*) AS n FROM raw_uplinks`, [])).toBe(before);
  });

  it("keeps an unknown device's uplink as a dead letter and says so", async () => {
    const response = await exchange({ messageId: 7, path: ['m', 'nb-9999'], payload: reading });
    expect(response).toMatchObject({ code: '2.04', payloadText: 'unknown_device' });
    expect(
      await count(
        `SELECT count(*) AS n FROM raw_uplinks WHERE device_ref = 'nb-9999' AND status = 'unknown_device'`,
        [],
      ),
    ).toBe(1);
  });

  it('keeps a body it refuses as a rejected dead letter, then answers 4.15', async () => {
    const response = await exchange({ ...request, messageId: 0x2a2c, contentFormat: 60 });
    expect(response.code).toBe('4.15');
    const rows = await db.pool.query(
      `SELECT status, error_code FROM raw_uplinks WHERE device_ref = 'nb-0001' AND status = 'rejected'`,
    );
    expect(rows.rows).toEqual([{ status: 'rejected', error_code: 'GATEWAY_MALFORMED_MESSAGE' }]);
  });
});
