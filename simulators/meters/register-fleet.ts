/**
 * Registers a simulated fleet in a meterflow database: its meters (class, size, register,
 * reporting interval: what validation reads), its devices through the gateway's registry
 * (gateway/devices/registry-store.ts), and its accounts through the rating engine's import
 * (rating/accounts/store.ts). Idempotent: running it twice changes nothing the second time.
 */
import type pg from 'pg';
import { upsertDevices } from '../../gateway/devices/registry-store.js';
import { parseAccountsText } from '../../rating/accounts/parse-file.js';
import { importAccounts, type ImportCounts } from '../../rating/accounts/store.js';
import { jsonChunks, statementBytes } from '../../rating/db/json-chunks.js';
import { accountsNdjson, deviceRowsOf, meterRowsOf, type AccountOptions } from './registry-files.js';
import type { Fleet } from './types.js';

export interface RegisterOptions extends AccountOptions {
  /**
   * Register the devices' own secrets (hashed with scrypt, about 50 ms each). Off by default:
   * a simulation publishes through one service user, so devices need no login of their own.
   */
  withSecrets?: boolean;
  /** The database holds one connection (the embedded engine): statements are sized for it. */
  singleConnection?: boolean;
}

export interface RegisterReport {
  meters: number;
  devicesCreated: number;
  devicesUpdated: number;
  accounts: ImportCounts;
}

/**
 * Devices per call of the gateway's upsertDevices: it sends its rows in one statement, and the
 * embedded engine refuses a client message above 64 KiB.
 */
const DEVICES_PER_STATEMENT = 250;

/** Inserts or updates the fleet's rows of the meters table. */
export async function upsertMeters(pool: pg.Pool, fleet: Fleet, singleConnection = true): Promise<number> {
  const rows = meterRowsOf(fleet).map((m) => ({
    meter_id: m.meterId,
    serial_number: m.serialNumber,
    manufacturer: m.manufacturer,
    model: m.model,
    diameter_mm: m.diameterMm,
    register_digits: m.registerDigits,
    meter_class: m.meterClass,
    q3_lph: m.q3Lph,
    q4_lph: m.q4Lph,
    expected_interval_s: m.expectedIntervalS,
  }));
  let written = 0;
  for (const chunk of jsonChunks(rows, statementBytes(singleConnection))) {
    const res = await pool.query(
      `INSERT INTO meters (meter_id, serial_number, manufacturer, model, diameter_mm, register_digits, meter_class, q3_lph, q4_lph, expected_interval_s)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(meter_id text, serial_number text, manufacturer text, model text, diameter_mm int,
              register_digits int, meter_class text, q3_lph int, q4_lph int, expected_interval_s int)
       ON CONFLICT (meter_id) DO UPDATE SET
         serial_number = EXCLUDED.serial_number, manufacturer = EXCLUDED.manufacturer, model = EXCLUDED.model,
         diameter_mm = EXCLUDED.diameter_mm, register_digits = EXCLUDED.register_digits, meter_class = EXCLUDED.meter_class,
         q3_lph = EXCLUDED.q3_lph, q4_lph = EXCLUDED.q4_lph, expected_interval_s = EXCLUDED.expected_interval_s`,
      [chunk],
    );
    written += res.rowCount ?? 0;
  }
  return written;
}

export async function registerFleet(
  pool: pg.Pool,
  fleet: Fleet,
  options: RegisterOptions = {},
): Promise<RegisterReport> {
  const singleConnection = options.singleConnection ?? true;
  const meters = await upsertMeters(pool, fleet, singleConnection);
  const devices = deviceRowsOf(fleet).map((d) => ({
    deviceId: d.deviceId,
    transport: d.transport,
    meterId: d.meterId,
    ...(d.decoder !== undefined ? { decoder: d.decoder } : {}),
    ...(d.model !== undefined ? { model: d.model } : {}),
    ...(d.aesKey !== undefined ? { aesKey: d.aesKey } : {}),
    ...(d.meterTimeZone !== undefined ? { meterTimeZone: d.meterTimeZone } : {}),
    ...(options.withSecrets && d.secret !== undefined ? { secret: d.secret } : {}),
  }));
  let created = 0;
  let updated = 0;
  for (let i = 0; i < devices.length; i += DEVICES_PER_STATEMENT) {
    const upserted = await upsertDevices(pool, devices.slice(i, i + DEVICES_PER_STATEMENT));
    created += upserted.created;
    updated += upserted.updated;
  }
  const parsed = parseAccountsText(accountsNdjson(fleet, options), 'jsonl');
  if (parsed.issues.length > 0) {
    const first = parsed.issues[0]!;
    throw new Error(`the fleet's accounts do not import: ${first.path}: ${first.message}`);
  }
  const accounts = await importAccounts(pool, parsed.accounts, { singleConnection });
  return { meters, devicesCreated: created, devicesUpdated: updated, accounts };
}
