/**
 * The TimescaleDB/PostgreSQL store: one transaction per batch.
 *
 *   BEGIN
 *   claim the dedup keys (uplink_keys; a key already there is a duplicate: dropped, counted)
 *   lock the touched meters, read their state and active alarms (FOR NO KEY UPDATE, in order)
 *   read stored readings at the batch's times where they may exist
 *   validate (pipeline/stages/validate.ts, pure)
 *   insert readings, flag conflicts, write alarms, upsert meter_state
 *   archive the raw uplinks with their final status (dead letters included)
 *   COMMIT
 *
 * Rows go in as multi-row INSERT … SELECT FROM unnest(…) (readings and keys with ON CONFLICT; raw
 * uplinks without, their keys being claimed first in the same transaction), or on a server
 * with `method: 'copy'` through COPY into temporary tables (sinks/sql/copy-rows.ts). The
 * embedded engine holds one connection and cannot COPY FROM STDIN, so it always uses INSERT.
 */
import type pg from 'pg';
import type { Database } from '../../storage/database.js';
import { GatewayErrorCode } from '../errors.js';
import type { ItemOutcome, PreparedUplink } from '../pipeline/prepared.js';
import {
  meterIdsOf,
  planBatch,
  possiblyStored,
  type CommittedAlarmChange,
  type ItemPlan,
} from '../pipeline/stages/validate.js';
import type { Validator } from '../validation/types.js';
import type { BatchStore } from './batch-writer.js';
import { copyRaw, copyReadings } from './sql/copy-rows.js';
import {
  claimKeys,
  flagConflicts,
  insertRaw,
  insertReadings,
  upsertStates,
  updateRaw,
  writeAlarms,
  type RawRow,
} from './sql/insert-rows.js';
import { lockMeters, storedReadings } from './sql/meters.js';
import type { Tx } from './sql/query.js';

export type WriteMethod = 'insert' | 'copy';

export interface StoreCounters {
  readingsStored(n: number): void;
  readingsDropped(reason: 'duplicate' | 'conflict', n: number): void;
  readingsOutOfOrder(n: number): void;
}

export interface TimescaleStoreOptions {
  validator: Validator;
  /** 'insert' (default, and always on the embedded engine) or 'copy' (server only). */
  method?: WriteMethod;
  /** Client-side timeout per statement and for getting a connection, ms (default 10,000). */
  statementTimeoutMs?: number;
  counters?: StoreCounters;
  /** Called after each commit with the alarm changes it made (alarm publishing hooks in here). */
  onAlarmChanges?: (changes: CommittedAlarmChange[]) => void;
}

/** pool.connect() with a deadline; a connection that arrives late is released. */
export async function connectWithin(pool: pg.Pool, timeoutMs: number): Promise<pg.PoolClient> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const connecting = pool.connect();
  try {
    return await Promise.race([
      connecting,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(Object.assign(new Error('database connection timed out'), { code: 'ETIMEDOUT' }));
        }, timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (timedOut)
      connecting.then(
        (c) => c.release(true),
        () => undefined,
      );
  }
}

/** PostgreSQL text and jsonb cannot hold U+0000; it is dropped from archived strings. */
function noNul(s: string): string {
  return s.includes('\u0000') ? s.replaceAll('\u0000', '') : s;
}

function rawRowOf(
  item: PreparedUplink,
  status: string,
  code: string | null,
  reason: string | null,
  metadata = true,
): RawRow {
  const u = item.uplink;
  const json = metadata ? JSON.stringify(u.metadata) : '{}';
  return {
    receivedAt: item.replayOf?.receivedAt ?? u.receivedAt,
    dedupKey: item.replayOf?.dedupKey ?? u.dedupKey,
    transport: u.transport,
    adapter: u.adapter,
    deviceRef: noNul(u.deviceRef),
    deviceId: item.device?.deviceId ?? null,
    topic: u.topic === undefined ? null : noNul(u.topic),
    fPort: u.fPort ?? null,
    fCnt: u.fCnt ?? null,
    payload: u.payload,
    metadata: json.includes('\\u0000') ? json.replaceAll('\\u0000', '') : json,
    status,
    errorCode: code,
    reason: reason === null ? null : noNul(reason),
    decoder: item.decoded?.decoder ?? null,
  };
}

function outcomeOf(item: PreparedUplink, plan: ItemPlan | undefined): ItemOutcome {
  const dl = item.deadLetter ?? plan?.deadLetter;
  if (dl)
    return {
      status: dl.status,
      code: dl.code,
      reason: dl.reason,
      readings: plan?.readings ?? 0,
      alarms: plan?.alarms ?? 0,
    };
  const readings = plan?.readings ?? 0;
  const allDuplicates = readings === 0 && (plan?.duplicates ?? 0) > 0;
  return { status: allDuplicates ? 'duplicate' : 'accepted', readings, alarms: plan?.alarms ?? 0 };
}

/**
 * BEGIN, with custom plans for the transaction's prepared statements. The writer's lookups take
 * arrays (`meter_id = ANY($1)`); a generic plan cached while the tables were small (a fresh
 * install, a new fleet) stays a sequential scan that compares every row with every array element,
 * and costs more with every meter added until an ANALYZE replans it. Planned with the batch's own
 * array, each is an index lookup. SET LOCAL keeps the setting to this transaction (and to this
 * writer), in the same round trip as BEGIN.
 */
const BEGIN_CUSTOM_PLANS = 'BEGIN; SET LOCAL plan_cache_mode = force_custom_plan';

export function createTimescaleStore(
  db: Pick<Database, 'pool' | 'singleConnection'>,
  options: TimescaleStoreOptions,
): BatchStore {
  const method: WriteMethod = db.singleConnection ? 'insert' : (options.method ?? 'insert');
  const timeoutMs = options.statementTimeoutMs ?? 10_000;

  async function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await connectWithin(db.pool, timeoutMs);
    const tx: Tx = { client, timeoutMs, prepared: !db.singleConnection };
    // A checked-out client whose connection dies emits 'error'; the failing statement reports it.
    const ignore = () => undefined;
    client.on('error', ignore);
    try {
      await client.query(tx.prepared ? BEGIN_CUSTOM_PLANS : 'BEGIN');
      const result = await work(tx);
      await client.query({ text: 'COMMIT', query_timeout: timeoutMs } as pg.QueryConfig);
      client.off('error', ignore);
      client.release();
      return result;
    } catch (err) {
      await client.query({ text: 'ROLLBACK', query_timeout: timeoutMs } as pg.QueryConfig).catch(() => undefined);
      // A failed connection is destroyed, not returned to the pool (the listener stays: a dying
      // socket may still report).
      client.release(err instanceof Error ? err : true);
      throw err;
    }
  }

  async function write(batch: readonly PreparedUplink[]): Promise<ItemOutcome[]> {
    let committedChanges: CommittedAlarmChange[] = [];
    let stats = { stored: 0, duplicates: 0, conflicts: 0, outOfOrder: 0 };
    const outcomes = await transaction(async (tx) => {
      // 1. Claim keys; within the batch the first copy wins.
      const seen = new Set<string>();
      const fresh: PreparedUplink[] = [];
      for (const item of batch) {
        if (item.replayOf || seen.has(item.uplink.dedupKey)) continue;
        seen.add(item.uplink.dedupKey);
        fresh.push(item);
      }
      const claimed = await claimKeys(
        tx,
        fresh.map((i) => ({ dedupKey: i.uplink.dedupKey, receivedAt: i.uplink.receivedAt })),
      );
      const live = batch.filter(
        (i) => i.replayOf !== undefined || (claimed.has(i.uplink.dedupKey) && claimed.delete(i.uplink.dedupKey)),
      );
      // 2. Meters, state, stored readings.
      const decoded = live.filter((i) => i.decoded !== undefined && i.deadLetter === undefined);
      const meters = await lockMeters(tx, meterIdsOf(decoded));
      const stored = await storedReadings(tx, possiblyStored(decoded, meters));
      // 3. Validate.
      const plan = planBatch(live, meters, stored, options.validator);
      // 4. Write.
      const inserted =
        method === 'copy' ? await copyReadings(tx, plan.readings) : await insertReadings(tx, plan.readings);
      await flagConflicts(tx, plan.conflicts);
      await writeAlarms(tx, plan.alarms);
      await upsertStates(tx, plan.states);
      // Each live uplink's outcome, worked out once: archived with its row, and returned.
      const outcomeOfLive = new Map<PreparedUplink, ItemOutcome>();
      const freshRows: RawRow[] = [];
      const replayRows: RawRow[] = [];
      live.forEach((item, i) => {
        const o = outcomeOf(item, plan.items[i]);
        outcomeOfLive.set(item, o);
        const row = rawRowOf(item, o.status, o.code ?? null, o.reason ?? null);
        (item.replayOf ? replayRows : freshRows).push(row);
      });
      if (method === 'copy') await copyRaw(tx, freshRows);
      else await insertRaw(tx, freshRows);
      await updateRaw(tx, replayRows);
      committedChanges = plan.alarmChanges;
      stats = {
        stored: inserted,
        duplicates: plan.items.reduce((s, p) => s + p.duplicates, 0) + (plan.readings.length - inserted),
        conflicts: plan.items.reduce((s, p) => s + p.conflicts, 0),
        outOfOrder: plan.items.reduce((s, p) => s + p.outOfOrder, 0),
      };
      return batch.map((item) => outcomeOfLive.get(item) ?? { status: 'duplicate' as const, readings: 0, alarms: 0 });
    });
    options.counters?.readingsStored(stats.stored);
    if (stats.duplicates > 0) options.counters?.readingsDropped('duplicate', stats.duplicates);
    if (stats.conflicts > 0) options.counters?.readingsDropped('conflict', stats.conflicts);
    if (stats.outOfOrder > 0) options.counters?.readingsOutOfOrder(stats.outOfOrder);
    if (committedChanges.length > 0) options.onAlarmChanges?.(committedChanges);
    return outcomes;
  }

  async function writeRejected(item: PreparedUplink, reason: string): Promise<ItemOutcome> {
    const code = GatewayErrorCode.STORE_REJECTED;
    await transaction(async (tx) => {
      if (item.replayOf) {
        await updateRaw(tx, [rawRowOf(item, 'rejected', code, reason, false)]);
        return;
      }
      const claimed = await claimKeys(tx, [{ dedupKey: item.uplink.dedupKey, receivedAt: item.uplink.receivedAt }]);
      if (claimed.size > 0)
        await insertRaw(tx, [rawRowOf({ ...item, decoded: undefined }, 'rejected', code, reason, false)]);
    });
    return { status: 'rejected', code, reason, readings: 0, alarms: 0 };
  }

  return { write, writeRejected };
}
