import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../storage/testing.js';
import { gatewayError, GatewayErrorCode } from '../errors.js';
import { chirpstackJsonBytes } from '../lns/fixtures.js';
import { unreadableUplink } from '../lns/unreadable.js';
import { createTopicRouter, defaultTopicPatterns } from '../lns/topic-router.js';
import { fixturePayload } from '../testing/fixture-decoder.js';
import { preferredEngine, startTestGateway, type TestGateway } from '../testing/gateway-harness.js';
import { fixtureUplink, registerFixtureDevices } from '../testing/uplinks.js';
import { replayFromArchive } from './archive-replay.js';

describe('replay from the archive', () => {
  let db: TestDatabase;
  let t: TestGateway;
  beforeAll(async () => {
    db = await createTestDatabase(preferredEngine());
    t = await startTestGateway(db, { MF_MQTT_ENABLED: 'false', MF_DEVICE_CACHE_TTL_S: '0' });
  });
  afterAll(async () => {
    await t?.gateway.stop();
    await db?.close();
  });

  it('re-processes dead letters once the device exists, updating their rows in place', async () => {
    const ups = [1, 2, 3].map((i) => fixtureUplink('late-dev', { time: `2025-05-0${i}T00:00:00Z`, litres: i }));
    for (const u of ups) expect((await t.gateway.pipeline.submit(u)).status).toBe('unknown_device');
    const hostile = chirpstackJsonBytes({
      devEui: '70b3d57ed0000abc',
      devAddr: '01020304',
      fCnt: 1,
      fPort: 1,
      payload: fixturePayload({ time: '2025-05-04T00:00:00Z', litres: 4 }),
      time: '2025-05-04T00:00:01.000Z',
      gateways: [],
    });
    const topic = 'application/a/device/70b3d57ed0000abc/event/up';
    // archived as unreadable (as an older adapter might have done), readable by today's adapter
    const unreadable = unreadableUplink(
      { transport: 'mqtt', receivedAt: '2025-05-04T00:00:02.000Z', topic, payload: hostile },
      'chirpstack',
      '70b3d57ed0000abc',
      gatewayError(GatewayErrorCode.MALFORMED_MESSAGE, 'old adapter'),
    );
    expect((await t.gateway.pipeline.submit(unreadable)).status).toBe('rejected');

    await registerFixtureDevices(db.pool, [
      { deviceId: 'late-dev', meterId: 'LATE-M' },
      { deviceId: '70b3d57ed0000abc', meterId: 'LATE-L' },
    ]);
    const result = await replayFromArchive(db.pool, t.gateway.pipeline, {
      statuses: ['unknown_device', 'rejected'],
      router: createTopicRouter(defaultTopicPatterns),
      pageSize: 2,
    });
    expect(result).toEqual({ processed: 4, byStatus: { accepted: 4 } });
    const { rows } = await db.pool.query(`SELECT status, count(*)::int AS n FROM raw_uplinks GROUP BY status`);
    expect(rows).toEqual([{ status: 'accepted', n: 4 }]);
    const readings = await db.pool.query(
      `SELECT meter_id, count(*)::int AS n FROM readings GROUP BY meter_id ORDER BY meter_id`,
    );
    expect(readings.rows).toEqual([
      { meter_id: 'LATE-L', n: 1 },
      { meter_id: 'LATE-M', n: 3 },
    ]);
    // a second replay finds nothing left to do
    expect(await replayFromArchive(db.pool, t.gateway.pipeline, { statuses: ['unknown_device', 'rejected'] })).toEqual({
      processed: 0,
      byStatus: {},
    });
  });
});
