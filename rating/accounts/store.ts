/**
 * Accounts in the database: import (idempotent upsert by checksum, histories replaced as a
 * whole), list (keyset pages) and show. Installation dates are stored as the local midnight of
 * the date in the account's time zone and read back as dates.
 */
import type pg from 'pg';
import { jsonChunks, statementBytes } from '../db/json-chunks.js';
import { accountChecksum, canonicalAccount } from './canonical.js';
import type { ImportedAccount } from './types.js';

export type Queryable = Pick<pg.Pool, 'query'>;

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

// ids of one chunk go in one DELETE ... ANY($1) statement: small enough for the embedded engine
const CHUNK = 200;

async function insertRows(
  client: pg.PoolClient,
  sql: string,
  rows: readonly unknown[],
  maxBytes: number,
): Promise<void> {
  for (const chunk of jsonChunks(rows, maxBytes)) await client.query(sql, [chunk]);
}

async function writeChunk(
  client: pg.PoolClient,
  accounts: readonly ImportedAccount[],
  checksums: readonly string[],
  maxBytes: number,
): Promise<void> {
  const ids = accounts.map((a) => a.accountId);
  const rows = accounts.map((a, i) => ({
    account_id: a.accountId,
    name: a.name ?? null,
    address: a.address ?? null,
    reading_day: a.readingDay,
    billing_months: a.billingMonths,
    first_month: a.firstMonth,
    time_zone: a.timeZone,
    opened_on: a.openedOn,
    closed_on: a.closedOn ?? null,
    import_checksum: checksums[i],
  }));
  await insertRows(
    client,
    `INSERT INTO accounts (account_id, name, address, reading_day, billing_months, first_month, time_zone, opened_on, closed_on, import_checksum)
     SELECT account_id, name, address, reading_day, billing_months, first_month, time_zone, opened_on, closed_on, import_checksum
       FROM jsonb_to_recordset($1::jsonb) AS x(account_id text, name text, address text, reading_day int, billing_months int,
            first_month int, time_zone text, opened_on date, closed_on date, import_checksum text)
     ON CONFLICT (account_id) DO UPDATE SET
       name = EXCLUDED.name, address = EXCLUDED.address, reading_day = EXCLUDED.reading_day,
       billing_months = EXCLUDED.billing_months, first_month = EXCLUDED.first_month, time_zone = EXCLUDED.time_zone,
       opened_on = EXCLUDED.opened_on, closed_on = EXCLUDED.closed_on, import_checksum = EXCLUDED.import_checksum,
       updated_at = now()`,
    rows,
    maxBytes,
  );
  for (const table of [
    'account_categories',
    'account_household_sizes',
    'account_contracted_capacities',
    'meter_installations',
  ]) {
    await client.query(`DELETE FROM ${table} WHERE account_id = ANY($1::text[])`, [ids]);
  }
  const categories = accounts.flatMap((a) =>
    a.categories.map((c) => ({ account_id: a.accountId, effective_from: c.from, category: c.category })),
  );
  await insertRows(
    client,
    `INSERT INTO account_categories (account_id, effective_from, category)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(account_id text, effective_from date, category text)`,
    categories,
    maxBytes,
  );
  const households = accounts.flatMap((a) =>
    a.householdSizes.map((h) => ({ account_id: a.accountId, effective_from: h.from, persons: h.persons })),
  );
  await insertRows(
    client,
    `INSERT INTO account_household_sizes (account_id, effective_from, persons)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(account_id text, effective_from date, persons int)`,
    households,
    maxBytes,
  );
  const capacities = accounts.flatMap((a) =>
    a.contractedCapacities.map((c) => ({
      account_id: a.accountId,
      effective_from: c.from,
      m3_per_month: c.m3PerMonth,
    })),
  );
  await insertRows(
    client,
    `INSERT INTO account_contracted_capacities (account_id, effective_from, m3_per_month)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(account_id text, effective_from date, m3_per_month numeric)`,
    capacities,
    maxBytes,
  );
  const meters = accounts.flatMap((a) =>
    a.meters.map((m) => ({
      account_id: a.accountId,
      time_zone: a.timeZone,
      meter_id: m.meterId,
      installed_on: m.installedOn,
      initial_register_ml: m.initialRegisterMl,
      removed_on: m.removedOn ?? null,
      final_register_ml: m.finalRegisterMl ?? null,
      register_digits: m.registerDigits ?? null,
      diameter_mm: m.diameterMm ?? null,
    })),
  );
  await insertRows(
    client,
    `INSERT INTO meter_installations (account_id, meter_id, installed_at, initial_register_ml, removed_at, final_register_ml, register_digits, diameter_mm)
     SELECT account_id, meter_id, installed_on::timestamp AT TIME ZONE time_zone, initial_register_ml,
            removed_on::timestamp AT TIME ZONE time_zone, final_register_ml, register_digits, diameter_mm
       FROM jsonb_to_recordset($1::jsonb) AS x(account_id text, time_zone text, meter_id text, installed_on date,
            initial_register_ml bigint, removed_on date, final_register_ml bigint, register_digits int, diameter_mm int)`,
    meters,
    maxBytes,
  );
}

/**
 * Upserts the accounts: new ones are created, changed ones replaced (with all their histories),
 * identical ones left alone. Accounts not in the list are not touched. One transaction per chunk.
 */
export async function importAccounts(
  pool: pg.Pool,
  accounts: readonly ImportedAccount[],
  options: { singleConnection?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportCounts> {
  const maxBytes = statementBytes(options.singleConnection ?? true);
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < accounts.length; start += CHUNK) {
    const chunk = accounts.slice(start, start + CHUNK).map(canonicalAccount);
    const checksums = chunk.map(accountChecksum);
    const existing = await pool.query<{ account_id: string; import_checksum: string }>(
      'SELECT account_id, import_checksum FROM accounts WHERE account_id = ANY($1::text[])',
      [chunk.map((a) => a.accountId)],
    );
    const stored = new Map(existing.rows.map((r) => [r.account_id, r.import_checksum]));
    const changed: ImportedAccount[] = [];
    const changedSums: string[] = [];
    chunk.forEach((account, i) => {
      const before = stored.get(account.accountId);
      if (before === checksums[i]) counts.unchanged++;
      else {
        if (before === undefined) counts.created++;
        else counts.updated++;
        changed.push(account);
        changedSums.push(checksums[i]!);
      }
    });
    if (changed.length > 0) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await writeChunk(client, changed, changedSums, maxBytes);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    }
    options.onProgress?.(Math.min(start + CHUNK, accounts.length), accounts.length);
  }
  return counts;
}

export interface AccountSummary {
  accountId: string;
  name: string | null;
  readingDay: number;
  timeZone: string;
  category: string | null;
  meterId: string | null;
  openedOn: string;
  closedOn: string | null;
}

/** A page of accounts after `after` (keyset), with the latest category and current meter. */
export async function listAccounts(
  q: Queryable,
  options: { after?: string; limit: number },
): Promise<AccountSummary[]> {
  const { rows } = await q.query<{
    account_id: string;
    name: string | null;
    reading_day: number;
    time_zone: string;
    category: string | null;
    meter_id: string | null;
    opened_on: string;
    closed_on: string | null;
  }>(
    `SELECT a.account_id, a.name, a.reading_day, a.time_zone, a.opened_on, a.closed_on,
            (SELECT c.category FROM account_categories c WHERE c.account_id = a.account_id ORDER BY c.effective_from DESC LIMIT 1) AS category,
            (SELECT m.meter_id FROM meter_installations m WHERE m.account_id = a.account_id ORDER BY m.installed_at DESC LIMIT 1) AS meter_id
       FROM accounts a
      WHERE a.account_id > $1
      ORDER BY a.account_id
      LIMIT $2`,
    [options.after ?? '', options.limit],
  );
  return rows.map((r) => ({
    accountId: r.account_id,
    name: r.name,
    readingDay: r.reading_day,
    timeZone: r.time_zone,
    category: r.category,
    meterId: r.meter_id,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
  }));
}

/** One stored account with all its histories, or null. */
export async function showAccount(q: Queryable, accountId: string): Promise<ImportedAccount | null> {
  const account = await q.query<{
    account_id: string;
    name: string | null;
    address: string | null;
    reading_day: number;
    billing_months: number;
    first_month: number;
    time_zone: string;
    opened_on: string;
    closed_on: string | null;
  }>('SELECT * FROM accounts WHERE account_id = $1', [accountId]);
  const a = account.rows[0];
  if (!a) return null;
  const [categories, households, capacities, meters] = await Promise.all([
    q.query<{ from: string; category: string }>(
      'SELECT effective_from AS "from", category FROM account_categories WHERE account_id = $1 ORDER BY effective_from',
      [accountId],
    ),
    q.query<{ from: string; persons: number }>(
      'SELECT effective_from AS "from", persons FROM account_household_sizes WHERE account_id = $1 ORDER BY effective_from',
      [accountId],
    ),
    q.query<{ from: string; m3PerMonth: string }>(
      'SELECT effective_from AS "from", m3_per_month::text AS "m3PerMonth" FROM account_contracted_capacities WHERE account_id = $1 ORDER BY effective_from',
      [accountId],
    ),
    q.query<{
      meter_id: string;
      installed_on: string;
      initial_register_ml: number;
      removed_on: string | null;
      final_register_ml: number | null;
      register_digits: number | null;
      diameter_mm: number | null;
    }>(
      `SELECT meter_id, (installed_at AT TIME ZONE $2)::date AS installed_on, initial_register_ml,
              (removed_at AT TIME ZONE $2)::date AS removed_on, final_register_ml, register_digits, diameter_mm
         FROM meter_installations WHERE account_id = $1 ORDER BY installed_at`,
      [accountId, a.time_zone],
    ),
  ]);
  return canonicalAccount({
    accountId: a.account_id,
    ...(a.name !== null ? { name: a.name } : {}),
    ...(a.address !== null ? { address: a.address } : {}),
    readingDay: a.reading_day,
    billingMonths: a.billing_months,
    firstMonth: a.first_month,
    timeZone: a.time_zone,
    openedOn: a.opened_on,
    ...(a.closed_on !== null ? { closedOn: a.closed_on } : {}),
    categories: categories.rows,
    householdSizes: households.rows,
    contractedCapacities: capacities.rows,
    meters: meters.rows.map((m) => ({
      meterId: m.meter_id,
      installedOn: m.installed_on,
      initialRegisterMl: m.initial_register_ml,
      ...(m.removed_on !== null ? { removedOn: m.removed_on } : {}),
      ...(m.final_register_ml !== null ? { finalRegisterMl: m.final_register_ml } : {}),
      ...(m.register_digits !== null ? { registerDigits: m.register_digits } : {}),
      ...(m.diameter_mm !== null ? { diameterMm: m.diameter_mm } : {}),
    })),
  });
}
