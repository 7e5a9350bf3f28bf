/** Building uplinks and registering devices and meters for gateway tests and benchmarks. */
import type pg from 'pg';
import type { DeviceRecord } from '../devices/device.js';
import { directDedupKey } from '../pipeline/dedup-key.js';
import type { PreparedUplink } from '../pipeline/prepared.js';
import { decode } from '../pipeline/stages/decode.js';
import type { Uplink } from '../uplink.js';
import { fixturePayload, fixtureRegistry, FIXTURE_DECODER_ID, type FixturePayload } from './fixture-decoder.js';

const registry = fixtureRegistry();

export function fixtureDevice(deviceId: string, meterId: string | undefined = deviceId): DeviceRecord {
  return {
    deviceId,
    transport: 'any',
    decoder: FIXTURE_DECODER_ID,
    ...(meterId !== undefined ? { meterId } : {}),
    enabled: true,
  };
}

/** A direct MQTT uplink carrying a fixture payload. */
export function fixtureUplink(
  deviceId: string,
  p: FixturePayload,
  receivedAt = '2025-03-01T08:00:00.000Z',
  messageId?: string,
): Uplink {
  const payload = fixturePayload(p);
  return {
    transport: 'mqtt',
    adapter: 'direct',
    receivedAt,
    deviceRef: deviceId,
    topic: `meters/${deviceId}/up`,
    payload,
    metadata: {},
    dedupKey: directDedupKey({
      deviceId,
      payload,
      receivedAt,
      messageId: messageId ?? `${p.time ?? receivedAt}/${p.litres}`,
    }),
  };
}

/** The uplink after stages 1–3, decoded with the fixture decoder. */
export function prepared(uplink: Uplink, device: DeviceRecord | undefined): PreparedUplink {
  if (device === undefined) {
    return {
      uplink,
      deadLetter: {
        status: 'unknown_device',
        code: 'GATEWAY_UNKNOWN_DEVICE',
        reason: `no device registered as ${uplink.deviceRef}`,
      },
    };
  }
  const d = decode(uplink, device, registry);
  return 'stop' in d ? { uplink, device, deadLetter: d.stop } : { uplink, device, decoded: d.next };
}

export async function registerMeters(
  pool: pg.Pool | pg.PoolClient,
  meterIds: string[],
  options: { q4Lph?: number } = {},
): Promise<void> {
  await pool.query(
    `INSERT INTO meters (meter_id, q4_lph) SELECT m, $2 FROM unnest($1::text[]) AS m ON CONFLICT DO NOTHING`,
    [meterIds, options.q4Lph ?? null],
  );
}

export async function registerFixtureDevices(
  pool: pg.Pool | pg.PoolClient,
  devices: Array<{ deviceId: string; meterId?: string; secretHash?: string; transport?: string; decoder?: string }>,
): Promise<void> {
  const meters = [...new Set(devices.map((d) => d.meterId).filter((m): m is string => m !== undefined))];
  await registerMeters(pool, meters);
  await pool.query(
    `INSERT INTO devices (device_id, transport, decoder, meter_id, secret_hash)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT (device_id) DO NOTHING`,
    [
      devices.map((d) => d.deviceId),
      devices.map((d) => d.transport ?? 'any'),
      devices.map((d) => d.decoder ?? FIXTURE_DECODER_ID),
      devices.map((d) => d.meterId ?? null),
      devices.map((d) => d.secretHash ?? null),
    ],
  );
}
