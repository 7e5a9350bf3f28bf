/**
 * The device directory over the devices table, with a small cache:
 *   - a found device is kept for `ttlMs` (default 60 s), an unknown reference for `negativeTtlMs`
 *     (default 5 s), so a device added with `meterflow devices add` is seen within seconds;
 *   - lookups that miss in the same tick go to the database as one `= ANY($1)` query;
 *   - when the database fails, a stale entry is served; without one the lookup is retried with
 *     backoff (the uplink waits, and with it the transport: backpressure).
 */
import type pg from 'pg';
import type { Logger } from '../../common/logger.js';
import { silentLogger } from '../../common/logger.js';
import { GatewayError, GatewayErrorCode } from '../errors.js';
import { isTransientDatabaseError } from '../sinks/transient.js';
import { normaliseDeviceId, type DeviceDirectory, type DeviceRecord, type DeviceTransport } from './device.js';

interface DeviceRow {
  device_id: string;
  transport: string;
  decoder: string | null;
  model: string | null;
  meter_id: string | null;
  aes_key: string | null;
  secret_hash: string | null;
  enabled: boolean;
  pulse_volume_ml: number | null;
  meter_time_zone: string | null;
}

export const DEVICE_COLUMNS =
  'device_id, transport, decoder, model, meter_id, aes_key, secret_hash, enabled, pulse_volume_ml, meter_time_zone';

export function deviceFromRow(r: DeviceRow): DeviceRecord {
  return {
    deviceId: r.device_id,
    transport: r.transport as DeviceTransport,
    ...(r.decoder !== null ? { decoder: r.decoder } : {}),
    ...(r.model !== null ? { model: r.model } : {}),
    ...(r.meter_id !== null ? { meterId: r.meter_id } : {}),
    ...(r.aes_key !== null ? { aesKey: r.aes_key } : {}),
    ...(r.secret_hash !== null ? { secretHash: r.secret_hash } : {}),
    enabled: r.enabled,
    ...(r.pulse_volume_ml !== null ? { pulseVolumeMl: r.pulse_volume_ml } : {}),
    ...(r.meter_time_zone !== null ? { meterTimeZone: r.meter_time_zone } : {}),
  };
}

export interface PgDeviceDirectoryOptions {
  ttlMs?: number;
  negativeTtlMs?: number;
  maxEntries?: number;
  logger?: Logger;
  now?: () => number;
}

interface Entry {
  device: DeviceRecord | undefined;
  expiresAt: number;
}

export interface PgDeviceDirectory extends DeviceDirectory {
  /** Loads every device (up to maxEntries) into the cache. */
  preload(): Promise<number>;
  /** Forgets cached entries (all, or one device). */
  invalidate(deviceId?: string): void;
  /** Stops retrying; pending lookups reject with GATEWAY_SHUTTING_DOWN. */
  close(): void;
}

export function createPgDeviceDirectory(pool: pg.Pool, options: PgDeviceDirectoryOptions = {}): PgDeviceDirectory {
  const ttlMs = options.ttlMs ?? 60_000;
  const negativeTtlMs = options.negativeTtlMs ?? 5_000;
  const maxEntries = options.maxEntries ?? 200_000;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Entry>();
  let pending = new Map<
    string,
    Array<{ resolve: (d: DeviceRecord | undefined) => void; reject: (e: unknown) => void }>
  >();
  let scheduled = false;
  let closed = false;

  function remember(id: string, device: DeviceRecord | undefined): void {
    cache.delete(id);
    cache.set(id, { device, expiresAt: now() + (device ? ttlMs : negativeTtlMs) });
    while (cache.size > maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
  }

  async function load(ids: string[]): Promise<Map<string, DeviceRecord>> {
    const { rows } = await pool.query<DeviceRow>(
      `SELECT ${DEVICE_COLUMNS} FROM devices WHERE device_id = ANY($1::text[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.device_id, deviceFromRow(r)]));
  }

  async function flush(): Promise<void> {
    scheduled = false;
    const batch = pending;
    pending = new Map();
    const ids = [...batch.keys()];
    let delayMs = 50;
    for (;;) {
      try {
        const found = await load(ids);
        for (const id of ids) {
          const device = found.get(id);
          remember(id, device);
          for (const w of batch.get(id) ?? []) w.resolve(device);
        }
        return;
      } catch (err) {
        const stale = ids.filter((id) => cache.has(id));
        for (const id of stale) for (const w of batch.get(id) ?? []) w.resolve(cache.get(id)?.device);
        for (const id of stale) batch.delete(id);
        if (batch.size === 0) return;
        if (closed || !isTransientDatabaseError(err)) {
          const e = closed
            ? new GatewayError(GatewayErrorCode.SHUTTING_DOWN, 'gateway is shutting down')
            : new GatewayError(GatewayErrorCode.INTERNAL, `device lookup failed: ${(err as Error).message}`, {
                cause: err,
              });
          for (const waiters of batch.values()) for (const w of waiters) w.reject(e);
          return;
        }
        logger.warn({ err: (err as Error).message, retryInMs: delayMs }, 'device lookup failed; retrying');
        await new Promise((r) => setTimeout(r, delayMs));
        delayMs = Math.min(delayMs * 2, 5_000);
        ids.splice(0, ids.length, ...batch.keys());
      }
    }
  }

  return {
    peek(deviceRef: string): DeviceRecord | null | undefined {
      const hit = cache.get(normaliseDeviceId(deviceRef));
      if (hit === undefined || hit.expiresAt <= now()) return undefined;
      return hit.device ?? null;
    },
    resolve(deviceRef: string): Promise<DeviceRecord | undefined> {
      const id = normaliseDeviceId(deviceRef);
      const hit = cache.get(id);
      if (hit !== undefined && hit.expiresAt > now()) return Promise.resolve(hit.device);
      if (closed) return Promise.reject(new GatewayError(GatewayErrorCode.SHUTTING_DOWN, 'gateway is shutting down'));
      return new Promise((resolve, reject) => {
        const waiters = pending.get(id);
        if (waiters) waiters.push({ resolve, reject });
        else pending.set(id, [{ resolve, reject }]);
        if (!scheduled) {
          scheduled = true;
          setImmediate(() => void flush());
        }
      });
    },
    async preload() {
      const { rows } = await pool.query<DeviceRow>(
        `SELECT ${DEVICE_COLUMNS} FROM devices ORDER BY device_id LIMIT $1`,
        [maxEntries],
      );
      for (const r of rows) remember(r.device_id, deviceFromRow(r));
      return rows.length;
    },
    invalidate(deviceId?: string) {
      if (deviceId === undefined) cache.clear();
      else cache.delete(normaliseDeviceId(deviceId));
    },
    close() {
      closed = true;
    },
  };
}
