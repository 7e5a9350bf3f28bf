/**
 * Writing the device registry (`meterflow devices add|import|list|remove`). Secrets are hashed
 * before they reach the database; listings say whether a device has a key or a secret, never
 * what it is.
 */
import type pg from 'pg';
import type { DeviceInput } from './device-input.js';
import { hashSecret } from './secrets.js';

export interface UpsertResult {
  created: number;
  updated: number;
  metersCreated: number;
}

/** Hashes secrets a few at a time (scrypt runs on libuv's thread pool). */
async function hashAll(
  devices: readonly DeviceInput[],
  onProgress?: (done: number) => void,
): Promise<Array<string | null>> {
  const out: Array<string | null> = new Array(devices.length).fill(null);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < devices.length; i = next++) {
      const secret = devices[i]!.secret;
      if (secret !== undefined) out[i] = await hashSecret(secret);
      done++;
      if (done % 100 === 0) onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return out;
}

/**
 * Adds or replaces devices (all or none), creating their meters when missing. A device's secret
 * hash is replaced only when a new secret is given.
 */
export async function upsertDevices(
  pool: pg.Pool,
  devices: readonly DeviceInput[],
  onProgress?: (hashed: number) => void,
): Promise<UpsertResult> {
  const hashes = await hashAll(devices, onProgress);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const meters = [...new Set(devices.map((d) => d.meterId).filter((m): m is string => m !== undefined))];
    const m = await client.query(
      `INSERT INTO meters (meter_id, model) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (meter_id) DO NOTHING`,
      [meters, meters.map((id) => devices.find((d) => d.meterId === id)?.model ?? null)],
    );
    const res = await client.query<{ inserted: boolean }>(
      `INSERT INTO devices (device_id, transport, decoder, model, meter_id, aes_key, secret_hash, pulse_volume_ml, meter_time_zone)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int4[], $9::text[])
       ON CONFLICT (device_id) DO UPDATE SET
         transport = EXCLUDED.transport, decoder = EXCLUDED.decoder, model = EXCLUDED.model, meter_id = EXCLUDED.meter_id,
         aes_key = EXCLUDED.aes_key, secret_hash = COALESCE(EXCLUDED.secret_hash, devices.secret_hash),
         pulse_volume_ml = EXCLUDED.pulse_volume_ml, meter_time_zone = EXCLUDED.meter_time_zone, updated_at = now()
       RETURNING (xmax = 0) AS inserted`,
      [
        devices.map((d) => d.deviceId),
        devices.map((d) => d.transport),
        devices.map((d) => d.decoder ?? null),
        devices.map((d) => d.model ?? null),
        devices.map((d) => d.meterId ?? null),
        devices.map((d) => d.aesKey ?? null),
        hashes,
        devices.map((d) => d.pulseVolumeMl ?? null),
        devices.map((d) => d.meterTimeZone ?? null),
      ],
    );
    await client.query('COMMIT');
    const created = res.rows.filter((r) => r.inserted).length;
    return { created, updated: res.rows.length - created, metersCreated: m.rowCount ?? 0 };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export interface DeviceListing {
  deviceId: string;
  transport: string;
  decoder: string | null;
  model: string | null;
  meterId: string | null;
  hasKey: boolean;
  hasSecret: boolean;
  enabled: boolean;
}

export async function listDevices(
  pool: pg.Pool,
  filter: { transport?: string; meterId?: string } = {},
): Promise<DeviceListing[]> {
  const { rows } = await pool.query(
    `SELECT device_id, transport, decoder, model, meter_id, aes_key IS NOT NULL AS has_key, secret_hash IS NOT NULL AS has_secret, enabled
       FROM devices
      WHERE ($1::text IS NULL OR transport = $1) AND ($2::text IS NULL OR meter_id = $2)
      ORDER BY device_id`,
    [filter.transport ?? null, filter.meterId ?? null],
  );
  return rows.map((r) => ({
    deviceId: r.device_id,
    transport: r.transport,
    decoder: r.decoder,
    model: r.model,
    meterId: r.meter_id,
    hasKey: r.has_key,
    hasSecret: r.has_secret,
    enabled: r.enabled,
  }));
}

/** Removes devices; returns the ids that were not registered. */
export async function removeDevices(pool: pg.Pool, deviceIds: readonly string[]): Promise<string[]> {
  const { rows } = await pool.query<{ device_id: string }>(
    'DELETE FROM devices WHERE device_id = ANY($1::text[]) RETURNING device_id',
    [deviceIds],
  );
  const removed = new Set(rows.map((r) => r.device_id));
  return deviceIds.filter((id) => !removed.has(id));
}
