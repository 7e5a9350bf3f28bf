/**
 * The meters table as the registry commands see it: `meterflow meters import` upserts meters
 * (only the columns its file names, so a file of diameters does not reset classes), `meters
 * list` reads them. The gateway's writer reads the same rows with every batch, so a change
 * applies to the next uplink without a restart.
 */
import type pg from 'pg';
import { jsonChunks, statementBytes } from '../../rating/db/json-chunks.js';
import { withTransaction } from '../../storage/transaction.js';
import { METER_COLUMNS, type MeterColumn, type MeterInput } from './meter-input.js';

const TYPES: Record<MeterColumn, string> = {
  meter_id: 'text',
  serial_number: 'text',
  manufacturer: 'text',
  model: 'text',
  diameter_mm: 'int',
  register_digits: 'int',
  meter_class: 'text',
  q3_lph: 'int',
  q4_lph: 'int',
  expected_interval_s: 'int',
};

/** NOT NULL columns: an empty field there means the column's default. */
const DEFAULTS: Partial<Record<MeterColumn, string>> = {
  register_digits: '5',
  meter_class: `'residential'`,
  expected_interval_s: '86400',
};

const FIELD: Record<MeterColumn, keyof MeterInput> = {
  meter_id: 'meterId',
  serial_number: 'serialNumber',
  manufacturer: 'manufacturer',
  model: 'model',
  diameter_mm: 'diameterMm',
  register_digits: 'registerDigits',
  meter_class: 'meterClass',
  q3_lph: 'q3Lph',
  q4_lph: 'q4Lph',
  expected_interval_s: 'expectedIntervalS',
};

export interface MeterUpsertResult {
  created: number;
  updated: number;
}

/**
 * Inserts or updates meters, setting `columns` (meter_id is always the key) and leaving the
 * others as they are (new meters take the table's defaults). One transaction: all or nothing.
 */
export async function upsertMeters(
  pool: pg.Pool,
  meters: readonly MeterInput[],
  columns: readonly MeterColumn[] = METER_COLUMNS,
  options: { singleConnection?: boolean } = {},
): Promise<MeterUpsertResult> {
  const set = METER_COLUMNS.filter((c) => c !== 'meter_id' && columns.includes(c));
  const all: MeterColumn[] = ['meter_id', ...set];
  const rows = meters.map((m) => Object.fromEntries(all.map((c) => [c, m[FIELD[c]] ?? null])));
  const value = (c: MeterColumn) => (DEFAULTS[c] ? `coalesce(x.${c}, ${DEFAULTS[c]})` : `x.${c}`);
  const sql = `INSERT INTO meters (${all.join(', ')})
       SELECT ${all.map(value).join(', ')}
         FROM jsonb_to_recordset($1::jsonb) AS x(${all.map((c) => `${c} ${TYPES[c]}`).join(', ')})
       ON CONFLICT (meter_id) DO ${
         set.length === 0 ? 'NOTHING' : `UPDATE SET ${set.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`
       }
       RETURNING (xmax = 0) AS created`;
  const result: MeterUpsertResult = { created: 0, updated: 0 };
  await withTransaction(pool, async (client) => {
    for (const chunk of jsonChunks(rows, statementBytes(options.singleConnection ?? true))) {
      const res = await client.query<{ created: boolean }>(sql, [chunk]);
      for (const r of res.rows) {
        if (r.created) result.created++;
        else result.updated++;
      }
    }
  });
  return result;
}

export interface MeterRecord extends MeterInput {
  registerDigits: number;
  meterClass: string;
  expectedIntervalS: number;
  /** Devices reporting for the meter. */
  devices: number;
}

export async function listMeters(
  pool: pg.Pool,
  filter: { meterClass?: string; meterId?: string } = {},
): Promise<MeterRecord[]> {
  const { rows } = await pool.query<Record<MeterColumn, string | number | null> & { devices: number }>(
    `SELECT ${METER_COLUMNS.map((c) => `m.${c}`).join(', ')},
            (SELECT count(*)::int FROM devices d WHERE d.meter_id = m.meter_id) AS devices
       FROM meters m
      WHERE ($1::text IS NULL OR m.meter_class = $1) AND ($2::text IS NULL OR m.meter_id = $2)
      ORDER BY m.meter_id`,
    [filter.meterClass ?? null, filter.meterId ?? null],
  );
  return rows.map((r) => {
    const m: Record<string, unknown> = {};
    for (const c of METER_COLUMNS) if (r[c] !== null) m[FIELD[c]] = r[c];
    m.devices = r.devices;
    return m as unknown as MeterRecord;
  });
}
