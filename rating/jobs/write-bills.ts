/**
 * Writes one rated batch of a draft period in one transaction: the batch's key range is cleared
 * (bills, lines and failures of an earlier run: a re-run replaces them), then the new bills and
 * lines go in by COPY (a server) or INSERT ... SELECT FROM json_populate_recordset (the embedded
 * engine, where COPY FROM STDIN drops the connection), the failures with them, and the shard's
 * claim is refreshed.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { jsonChunks } from '../db/json-chunks.js';
import { BILL_COLUMNS, LINE_COLUMNS } from '../worker/bill-rows.js';
import type { AccountFailure, RowChunk } from '../worker/task.js';
import { rangeCondition, type KeyRange } from './key-range.js';
import { refreshClaim, type ClaimedShard } from './shards.js';
import { withTransaction } from '../../storage/transaction.js';

export type WriteMode = 'copy' | 'json';

export interface BatchRows {
  /** COPY text (UTF-8 bytes) or JSON arrays, as the worker encoded them. */
  bills: RowChunk[];
  lines: RowChunk[];
  billCount: number;
  lineCount: number;
  failures: AccountFailure[];
}

function bytesOf(chunk: RowChunk): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** All the chunks of a table in one COPY statement. */
async function copyIn(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  chunks: readonly RowChunk[],
): Promise<void> {
  if (chunks.length === 0) return;
  const stream = client.query(copyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks.map(bytesOf)), stream);
}

/** One INSERT per JSON chunk (the embedded engine takes statements of at most 64 KiB). */
async function insertJson(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  chunks: readonly RowChunk[],
): Promise<void> {
  const list = columns.join(', ');
  for (const chunk of chunks) {
    await client.query(
      `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, $1::json)`,
      [typeof chunk === 'string' ? chunk : bytesOf(chunk).toString()],
    );
  }
}

export async function clearRange(
  client: Pick<pg.PoolClient, 'query'>,
  periodId: string,
  range: KeyRange,
): Promise<void> {
  const where = rangeCondition(range, 2);
  for (const table of ['bill_lines', 'bills', 'rating_failures']) {
    await client.query(`DELETE FROM ${table} WHERE period_id = $1 AND ${where.sql}`, [periodId, ...where.params]);
  }
}

export async function insertFailures(
  client: Pick<pg.PoolClient, 'query'>,
  periodId: string,
  failures: readonly AccountFailure[],
  maxBytes: number,
): Promise<void> {
  const rows = failures.map((f) => ({
    account_id: f.accountId,
    code: f.code,
    kind: f.kind,
    message: f.message,
    details: f.details ?? null,
  }));
  for (const chunk of jsonChunks(rows, maxBytes))
    await client.query(
      `INSERT INTO rating_failures (period_id, account_id, code, kind, message, details)
     SELECT $1, account_id, code, kind, message, details FROM jsonb_to_recordset($2::jsonb)
         AS x(account_id text, code text, kind text, message text, details jsonb)
     ON CONFLICT (period_id, account_id) DO UPDATE SET code = EXCLUDED.code, kind = EXCLUDED.kind,
        message = EXCLUDED.message, details = EXCLUDED.details, failed_at = now()`,
      [periodId, chunk],
    );
}

export async function writeDraftBatch(
  pool: pg.Pool,
  shard: ClaimedShard,
  range: KeyRange,
  rows: BatchRows,
  mode: WriteMode,
  maxBytes: number,
): Promise<void> {
  await withTransaction(pool, async (client) => {
    // A batch's commit does not wait for the WAL flush: finishing the shard is a synchronous
    // commit, which makes every earlier batch durable first; a crash before it leaves the shard
    // unfinished, and rating it again replaces its bills.
    await client.query('SET LOCAL synchronous_commit = off');
    await clearRange(client, shard.periodId, range);
    const write = mode === 'copy' ? copyIn : insertJson;
    await write(client, 'bills', BILL_COLUMNS, rows.bills);
    await write(client, 'bill_lines', LINE_COLUMNS, rows.lines);
    await insertFailures(client, shard.periodId, rows.failures, maxBytes);
    await refreshClaim(client, shard);
  });
}
