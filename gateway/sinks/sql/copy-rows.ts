/**
 * The COPY path (server only): rows are streamed with COPY … FROM STDIN (pg-copy-streams, text
 * format) into a temporary table of the session, then moved with one
 * INSERT … SELECT: raw uplinks as they are (their dedup keys were claimed in the same transaction),
 * readings with SUPERSEDE_ESTIMATE_ON_CONFLICT (COPY itself cannot skip conflicting rows; an actual
 * replaces a stored estimate, nothing else is touched). The temporary tables empty themselves at commit (ON COMMIT DELETE ROWS).
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { ReadingRow } from '../../pipeline/stages/validate.js';
import { SUPERSEDE_ESTIMATE_ON_CONFLICT } from '../../validation/revisions.js';
import { READING_COLUMNS, RAW_COLUMNS, rawValues, readingValues, type RawRow } from './insert-rows.js';
import { run, type Tx } from './query.js';

const prepared = new WeakSet<pg.PoolClient>();

async function ensureTempTables(tx: Tx): Promise<void> {
  if (prepared.has(tx.client)) return;
  await run(
    tx,
    'CREATE TEMP TABLE IF NOT EXISTS mf_in_readings (LIKE readings INCLUDING DEFAULTS) ON COMMIT DELETE ROWS',
  );
  await run(
    tx,
    'CREATE TEMP TABLE IF NOT EXISTS mf_in_raw (LIKE raw_uplinks INCLUDING DEFAULTS) ON COMMIT DELETE ROWS',
  );
  prepared.add(tx.client);
}

/** One value in COPY text format. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  if (v instanceof Uint8Array) return `\\\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
  return String(v).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Column arrays → COPY text lines. */
export function copyLines(columns: unknown[][]): string {
  const rows = columns[0]?.length ?? 0;
  let out = '';
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < columns.length; c++) {
      if (c > 0) out += '\t';
      out += copyValue(columns[c]![i]);
    }
    out += '\n';
  }
  return out;
}

async function copyInto(tx: Tx, table: string, columns: readonly string[], data: unknown[][]): Promise<void> {
  const stream = tx.client.query(copyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stream.destroy();
      reject(Object.assign(new Error('Query read timeout'), { code: 'ETIMEDOUT' }));
    }, tx.timeoutMs);
  });
  try {
    await Promise.race([pipeline(Readable.from([copyLines(data)]), stream), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export async function copyReadings(tx: Tx, rows: readonly ReadingRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  await ensureTempTables(tx);
  await copyInto(tx, 'mf_in_readings', READING_COLUMNS, readingValues(rows));
  const cols = READING_COLUMNS.join(', ');
  const res = await run(
    tx,
    `INSERT INTO readings (${cols}) SELECT ${cols} FROM mf_in_readings ${SUPERSEDE_ESTIMATE_ON_CONFLICT}`,
  );
  return res.rowCount ?? 0;
}

export async function copyRaw(tx: Tx, rows: readonly RawRow[]): Promise<void> {
  if (rows.length === 0) return;
  await ensureTempTables(tx);
  await copyInto(tx, 'mf_in_raw', RAW_COLUMNS, rawValues(rows));
  const cols = RAW_COLUMNS.join(', ');
  await run(tx, `INSERT INTO raw_uplinks (${cols}, processed_at) SELECT ${cols}, now() FROM mf_in_raw`);
}
