/**
 * `meterflow replay --from-archive` as a user runs it: dead letters written by a gateway that
 * did not know the device are re-processed once the device is registered, through the real
 * decoders and the same validation rules as the live gateway (a backwards register is flagged).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CJT188_DECODER_ID } from '../../decoders/cjt188/decoder.js';
import { encodeReadDataResponse } from '../../decoders/cjt188/encoder.js';
import { defaultRegistry } from '../../decoders/index.js';
import { directDedupKey } from '../../gateway/pipeline/dedup-key.js';
import { startTestGateway } from '../../gateway/testing/gateway-harness.js';
import { registerFixtureDevices } from '../../gateway/testing/uplinks.js';
import type { Uplink } from '../../gateway/uplink.js';
import { FLAG } from '../../gateway/validation/flags.js';
import { createTestDatabase, serverTestUrl, type TestDatabase } from '../../storage/testing.js';
import { runArchiveReplay } from './replay-archive.js';

const DEVICE = 'nb-replay-1';
const ADDRESS = '00000000001234';

function cjt188Uplink(registerMl: number, time: string, receivedAt: string): Uplink {
  const payload = encodeReadDataResponse({ meterType: 0x10, address: ADDRESS, registerMl, unit: 0x2c, time });
  return {
    transport: 'mqtt',
    adapter: 'direct',
    receivedAt,
    deviceRef: DEVICE,
    topic: `meters/${DEVICE}/up`,
    payload,
    metadata: {},
    dedupKey: directDedupKey({ deviceId: DEVICE, payload, receivedAt, messageId: time }),
  };
}

describe.runIf(serverTestUrl() !== undefined)('meterflow replay --from-archive', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('server');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('re-processes dead letters with the real decoders and the live validation rules', async () => {
    const t = await startTestGateway(db, { MF_MQTT_ENABLED: 'false' }, { decoders: defaultRegistry() });
    try {
      const first = cjt188Uplink(120_000_000, '2026-03-01T00:00:00Z', '2026-03-01T00:00:05.000Z');
      const second = cjt188Uplink(80_000_000, '2026-03-02T00:00:00Z', '2026-03-02T00:00:05.000Z');
      expect((await t.gateway.pipeline.submit(first)).status).toBe('unknown_device');
      expect((await t.gateway.pipeline.submit(second)).status).toBe('unknown_device');
    } finally {
      await t.gateway.stop();
    }
    await registerFixtureDevices(db.pool, [{ deviceId: DEVICE, meterId: 'M-REPLAY-1', decoder: CJT188_DECODER_ID }]);

    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let code: number;
    let printed: string;
    try {
      code = await runArchiveReplay({ fromArchive: true, databaseUrl: db.url! });
      printed = out.mock.calls.map((c) => String(c[0])).join('');
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(code).toBe(0);
    expect(printed).toContain('re-processed 2 archived uplink(s): accepted 2');

    const { rows } = await db.pool.query<{ register_ml: string; flags: string }>(
      `SELECT register_ml::text, flags::text FROM readings WHERE meter_id = 'M-REPLAY-1' ORDER BY time`,
    );
    expect(rows.map((r) => r.register_ml)).toEqual(['120000000', '80000000']);
    expect(Number(rows[0]!.flags) & FLAG.register_backwards).toBe(0);
    expect(Number(rows[1]!.flags) & FLAG.register_backwards).toBe(FLAG.register_backwards);
  });
});
