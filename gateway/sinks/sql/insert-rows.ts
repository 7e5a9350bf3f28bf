/**
 * The writer's statements as multi-row statements over `unnest` of one array per column: one
 * round trip per table per batch, a fixed number of parameters whatever the batch size, and the
 * same SQL on the embedded engine and on a server.
 */
import type { MeterState } from '../../validation/types.js';
import type { AlarmRecord, ReadingRow } from '../../pipeline/stages/validate.js';
import { FLAG } from '../../validation/flags.js';
import { SUPERSEDE_ESTIMATE_ON_CONFLICT } from '../../validation/revisions.js';
import { sha256Hex } from '../../pipeline/dedup-key.js';
import {
  binaryBoolArray,
  binaryByteaArray,
  binaryInt2Array,
  binaryInt4Array,
  binaryTextArray,
  binaryUuidArrayFromHex,
  int8Array,
  timestamptzArray,
} from './binary-array.js';
import { numberArray, textArray } from './pg-array.js';
import { run, type Tx } from './query.js';

export interface RawRow {
  receivedAt: string;
  dedupKey: string;
  transport: string;
  adapter: string;
  deviceRef: string;
  deviceId: string | null;
  topic: string | null;
  fPort: number | null;
  fCnt: number | null;
  payload: Uint8Array;
  metadata: string;
  status: string;
  errorCode: string | null;
  reason: string | null;
  decoder: string | null;
}

/** What uplink_keys stores of a dedup key (as a uuid): the first 16 bytes of its SHA-256, in hex. */
export function keyHashHex(dedupKey: string): string {
  return sha256Hex(dedupKey).slice(0, 32);
}

/**
 * Claims the keys; returns the ones that were new (the others are duplicates). Only the keys
 * already claimed come back from the database (usually none), not the thousands just inserted.
 */
export async function claimKeys(tx: Tx, keys: Array<{ dedupKey: string; receivedAt: string }>): Promise<Set<string>> {
  const claimed = new Set<string>();
  if (keys.length === 0) return claimed;
  // The hashes as hex digests, written as bytes straight into the binary uuid[] parameter.
  const hashes: string[] = new Array<string>(keys.length);
  const receivedAt: string[] = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    claimed.add(k.dedupKey);
    hashes[i] = keyHashHex(k.dedupKey);
    receivedAt[i] = k.receivedAt;
  }
  const { rows } = await run<{ key_hash: string }>(
    tx,
    `WITH claimed AS (
       INSERT INTO uplink_keys (key_hash, received_at)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[])
       ON CONFLICT DO NOTHING RETURNING key_hash)
     SELECT k.key_hash FROM unnest($1::uuid[]) AS k(key_hash)
      WHERE NOT EXISTS (SELECT 1 FROM claimed c WHERE c.key_hash = k.key_hash)`,
    [binaryUuidArrayFromHex(hashes), timestamptzArray(receivedAt)],
  );
  if (rows.length > 0) {
    const seen = new Set(rows.map((r) => r.key_hash.replaceAll('-', '')));
    keys.forEach((k, i) => {
      if (seen.has(hashes[i]!)) claimed.delete(k.dedupKey);
    });
  }
  return claimed;
}

export const READING_COLUMNS = [
  'meter_id',
  'time',
  'received_at',
  'time_from_meter',
  'register_ml',
  'billing_date_register_ml',
  'billing_date',
  'reverse_ml',
  'flow_lph',
  'max_flow_lph',
  'water_temperature_c',
  'battery_v',
  'battery_percent',
  'status_bits',
  'valve',
  'flags',
  'decoder',
  'dedup_key',
] as const;

const READING_TYPES =
  'text,timestamptz,timestamptz,bool,int8,int8,date,int8,numeric,numeric,numeric,numeric,int2,int8,text,int8,text,text'.split(
    ',',
  );

/**
 * One array per column, in READING_COLUMNS order: in binary (binary-array.ts) where the values
 * allow it, else, like numeric and date columns always, as PostgreSQL array literals.
 */
export function readingColumns(rows: readonly ReadingRow[]): Array<string | Buffer> {
  const texts = (get: (r: ReadingRow) => string | undefined) => binaryTextArray(rows.map(get));
  const times = (get: (r: ReadingRow) => string) => timestamptzArray(rows.map(get));
  const int8s = (get: (r: ReadingRow) => number | undefined) => int8Array(rows.map(get));
  const batteryPercent = rows.map((r) => (r.batteryPercent === undefined ? undefined : Math.round(r.batteryPercent)));
  return [
    texts((r) => r.meterId),
    times((r) => r.time),
    times((r) => r.receivedAt),
    binaryBoolArray(rows.map((r) => r.timeFromMeter)),
    int8s((r) => r.registerMl),
    int8s((r) => r.billingDateRegisterMl),
    textArray(rows.map((r) => r.billingDate)),
    int8s((r) => r.reverseMl),
    numberArray(rows.map((r) => r.flowLph)),
    numberArray(rows.map((r) => r.maxFlowLph)),
    numberArray(rows.map((r) => r.waterTemperatureC)),
    numberArray(rows.map((r) => r.batteryV)),
    binaryInt2Array(batteryPercent) ?? numberArray(batteryPercent),
    int8s((r) => r.statusBits),
    texts((r) => r.valve),
    int8s((r) => r.flags),
    texts((r) => r.decoder),
    texts((r) => r.dedupKey),
  ];
}

/** The same columns as plain values (for COPY). */
export function readingValues(rows: readonly ReadingRow[]): unknown[][] {
  const n = (v: number | undefined) => (v === undefined ? null : v);
  return [
    rows.map((r) => r.meterId),
    rows.map((r) => r.time),
    rows.map((r) => r.receivedAt),
    rows.map((r) => r.timeFromMeter),
    rows.map((r) => r.registerMl),
    rows.map((r) => n(r.billingDateRegisterMl)),
    rows.map((r) => r.billingDate ?? null),
    rows.map((r) => n(r.reverseMl)),
    rows.map((r) => n(r.flowLph)),
    rows.map((r) => n(r.maxFlowLph)),
    rows.map((r) => n(r.waterTemperatureC)),
    rows.map((r) => n(r.batteryV)),
    rows.map((r) => (r.batteryPercent === undefined ? null : Math.round(r.batteryPercent))),
    rows.map((r) => n(r.statusBits)),
    rows.map((r) => r.valve ?? null),
    rows.map((r) => r.flags),
    rows.map((r) => r.decoder),
    rows.map((r) => r.dedupKey),
  ];
}

function unnestOf(types: readonly string[]): string {
  return `unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
}

/**
 * Inserts readings; returns how many were stored (new, or superseding an estimate of the same
 * time: the trigger of migration 0006 logs that in reading_revisions). A stored actual or
 * corrected reading stays as it is.
 */
export async function insertReadings(tx: Tx, rows: readonly ReadingRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const res = await run(
    tx,
    `INSERT INTO readings (${READING_COLUMNS.join(', ')}) SELECT * FROM ${unnestOf(READING_TYPES)} ${SUPERSEDE_ESTIMATE_ON_CONFLICT}`,
    readingColumns(rows),
  );
  return res.rowCount ?? 0;
}

/** Marks stored readings that a conflicting value arrived for. */
export async function flagConflicts(
  tx: Tx,
  conflicts: ReadonlyArray<{ meterId: string; time: string }>,
): Promise<void> {
  if (conflicts.length === 0) return;
  await run(
    tx,
    `UPDATE readings r SET flags = r.flags | $3
       FROM unnest($1::text[], $2::timestamptz[]) AS k(meter_id, time)
      WHERE r.meter_id = k.meter_id AND r.time = k.time`,
    [textArray(conflicts.map((c) => c.meterId)), textArray(conflicts.map((c) => c.time)), FLAG.duplicate_conflict],
  );
}

/** Writes the new states (their rows exist: lockMeters created and locked them). */
export async function upsertStates(tx: Tx, states: ReadonlyMap<string, MeterState>): Promise<void> {
  if (states.size === 0) return;
  const entries = [...states.entries()];
  await run(
    tx,
    `UPDATE meter_state s SET last_time = k.last_time, last_register_ml = k.last_register_ml,
            last_received_at = k.last_received_at, last_flow_lph = k.last_flow_lph, state = k.state, updated_at = now()
       FROM unnest($1::text[], $2::timestamptz[], $3::int8[], $4::timestamptz[], $5::numeric[], $6::jsonb[])
            AS k(meter_id, last_time, last_register_ml, last_received_at, last_flow_lph, state)
      WHERE s.meter_id = k.meter_id`,
    [
      binaryTextArray(entries.map(([m]) => m)),
      timestamptzArray(entries.map(([, s]) => s.lastTime)),
      int8Array(entries.map(([, s]) => s.lastRegisterMl)),
      timestamptzArray(entries.map(([, s]) => s.lastReceivedAt)),
      numberArray(entries.map(([, s]) => s.lastFlowLph)),
      textArray(
        entries.map(([, s]) =>
          s.extra === undefined || Object.keys(s.extra).length === 0 ? '{}' : JSON.stringify(s.extra),
        ),
      ),
    ],
  );
}

/** Raised alarms are inserted; still-active ones get last_seen_at; cleared ones cleared_at and state. */
export async function writeAlarms(tx: Tx, alarms: readonly AlarmRecord[]): Promise<void> {
  const inserts = alarms.filter((a) => a.isNew);
  const updates = alarms.filter((a) => !a.isNew);
  const state = (a: AlarmRecord) => (a.clearedAt === undefined ? 'active' : 'cleared');
  if (inserts.length > 0) {
    await run(
      tx,
      `INSERT INTO alarms (meter_id, kind, raised_at, last_seen_at, cleared_at, state, source, severity, detail)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
       ON CONFLICT DO NOTHING`,
      [
        textArray(inserts.map((a) => a.meterId)),
        textArray(inserts.map((a) => a.kind)),
        textArray(inserts.map((a) => a.raisedAt)),
        textArray(inserts.map((a) => a.lastSeenAt)),
        textArray(inserts.map((a) => a.clearedAt)),
        textArray(inserts.map(state)),
        textArray(inserts.map((a) => a.source)),
        textArray(inserts.map((a) => a.severity)),
        textArray(inserts.map((a) => (a.detail === undefined ? null : JSON.stringify(a.detail)))),
      ],
    );
  }
  if (updates.length > 0) {
    await run(
      tx,
      `UPDATE alarms a SET last_seen_at = k.last_seen_at, cleared_at = k.cleared_at, state = k.state
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::text[])
              AS k(meter_id, kind, raised_at, last_seen_at, cleared_at, state)
        WHERE a.meter_id = k.meter_id AND a.kind = k.kind AND a.raised_at = k.raised_at`,
      [
        textArray(updates.map((a) => a.meterId)),
        textArray(updates.map((a) => a.kind)),
        textArray(updates.map((a) => a.raisedAt)),
        textArray(updates.map((a) => a.lastSeenAt)),
        textArray(updates.map((a) => a.clearedAt)),
        textArray(updates.map(state)),
      ],
    );
  }
}

export const RAW_COLUMNS = [
  'received_at',
  'dedup_key',
  'transport',
  'adapter',
  'device_ref',
  'device_id',
  'topic',
  'f_port',
  'f_cnt',
  'payload',
  'metadata',
  'status',
  'error_code',
  'reason',
  'decoder',
] as const;

const RAW_TYPES = 'timestamptz,text,text,text,text,text,text,int4,int8,bytea,jsonb,text,text,text,text'.split(',');

/** One array per column, in RAW_COLUMNS order: binary where the values allow it (as readingColumns). */
export function rawColumns(rows: readonly RawRow[]): Array<string | Buffer> {
  const texts = (get: (r: RawRow) => string | null) => binaryTextArray(rows.map(get));
  const fPort = rows.map((r) => r.fPort);
  return [
    timestamptzArray(rows.map((r) => r.receivedAt)),
    texts((r) => r.dedupKey),
    texts((r) => r.transport),
    texts((r) => r.adapter),
    texts((r) => r.deviceRef),
    texts((r) => r.deviceId),
    texts((r) => r.topic),
    binaryInt4Array(fPort) ?? numberArray(fPort),
    int8Array(rows.map((r) => r.fCnt)),
    binaryByteaArray(rows.map((r) => r.payload)),
    textArray(rows.map((r) => r.metadata)),
    texts((r) => r.status),
    texts((r) => r.errorCode),
    texts((r) => r.reason),
    texts((r) => r.decoder),
  ];
}

/** The same columns as plain values (for COPY). */
export function rawValues(rows: readonly RawRow[]): unknown[][] {
  return [
    rows.map((r) => r.receivedAt),
    rows.map((r) => r.dedupKey),
    rows.map((r) => r.transport),
    rows.map((r) => r.adapter),
    rows.map((r) => r.deviceRef),
    rows.map((r) => r.deviceId),
    rows.map((r) => r.topic),
    rows.map((r) => r.fPort),
    rows.map((r) => r.fCnt),
    rows.map((r) => r.payload),
    rows.map((r) => r.metadata),
    rows.map((r) => r.status),
    rows.map((r) => r.errorCode),
    rows.map((r) => r.reason),
    rows.map((r) => r.decoder),
  ];
}

/**
 * Archives raw uplinks. A plain INSERT: each row's dedup key was claimed in uplink_keys in the same
 * transaction, so no row can already be there (raw_uplinks has no unique index to check, and an
 * ON CONFLICT clause would still cost a speculative insertion and its WAL record per row).
 */
export async function insertRaw(tx: Tx, rows: readonly RawRow[]): Promise<void> {
  if (rows.length === 0) return;
  await run(
    tx,
    `INSERT INTO raw_uplinks (${RAW_COLUMNS.join(', ')}, processed_at)
     SELECT k.*, now() FROM ${unnestOf(RAW_TYPES)} AS k`,
    rawColumns(rows),
  );
}

/**
 * Replays: the archived dead letter gets its new status (and the device and decoder it was
 * processed with); found through the partial index on dead letters.
 */
export async function updateRaw(tx: Tx, rows: readonly RawRow[]): Promise<void> {
  if (rows.length === 0) return;
  await run(
    tx,
    `UPDATE raw_uplinks r
        SET status = k.status, error_code = k.error_code, reason = k.reason, device_id = k.device_id,
            decoder = k.decoder, processed_at = now()
       FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
            AS k(dedup_key, received_at, status, error_code, reason, device_id, decoder)
      WHERE r.dedup_key = k.dedup_key AND r.received_at = k.received_at
        AND r.status NOT IN ('accepted', 'duplicate')`,
    [
      textArray(rows.map((r) => r.dedupKey)),
      textArray(rows.map((r) => r.receivedAt)),
      textArray(rows.map((r) => r.status)),
      textArray(rows.map((r) => r.errorCode)),
      textArray(rows.map((r) => r.reason)),
      textArray(rows.map((r) => r.deviceId)),
      textArray(rows.map((r) => r.decoder)),
    ],
  );
}
