/**
 * Registers a simulated fleet in a meterflow database: its meters (class, size, register,
 * reporting interval: what validation reads), its devices through the gateway's registry
 * (gateway/devices/registry-store.ts), and its accounts through the rating engine's import
 * (rating/accounts/store.ts). Idempotent: running it twice changes nothing the second time.
 */
import type pg from 'pg';
import { METER_COLUMNS } from '../../gateway/devices/meter-input.js';
import { upsertMeters } from '../../gateway/devices/meter-store.js';
import { upsertDevices } from '../../gateway/devices/registry-store.js';
import { parseAccountsText } from '../../rating/accounts/parse-file.js';
import { importAccounts, type ImportCounts } from '../../rating/accounts/store.js';
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

export async function registerFleet(
  pool: pg.Pool,
  fleet: Fleet,
  options: RegisterOptions = {},
): Promise<RegisterReport> {
  const singleConnection = options.singleConnection ?? true;
  const upserted = await upsertMeters(pool, meterRowsOf(fleet), METER_COLUMNS, { singleConnection });
  const meters = upserted.created + upserted.updated;
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
