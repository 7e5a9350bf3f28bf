/** Rows for the VEE integration tests: meters and readings written straight into the tables. */
import type { Queryable } from './db.js';

export async function insertMeter(
  q: Queryable,
  meterId: string,
  columns: { meterClass?: string; diameterMm?: number; registerDigits?: number; expectedIntervalS?: number } = {},
): Promise<void> {
  await q.query(
    `INSERT INTO meters (meter_id, meter_class, diameter_mm, register_digits, expected_interval_s) VALUES ($1, $2, $3, $4, $5)`,
    [
      meterId,
      columns.meterClass ?? 'residential',
      columns.diameterMm ?? 15,
      columns.registerDigits ?? 5,
      columns.expectedIntervalS ?? 3_600,
    ],
  );
}

export interface ReadingRow {
  meterId: string;
  time: string;
  registerMl: number;
  receivedAt?: string;
  flags?: number;
  quality?: 'actual' | 'estimated' | 'corrected';
  estimateMethod?: string;
  flowLph?: number;
  reverseMl?: number;
  timeFromMeter?: boolean;
}

export async function insertReadings(q: Queryable, rows: readonly ReadingRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO readings (meter_id, time, received_at, register_ml, flags, quality, estimate_method, flow_lph, reverse_ml, time_from_meter)
     SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::numeric[], $9::bigint[], $10::boolean[])`,
    [
      rows.map((r) => r.meterId),
      rows.map((r) => r.time),
      rows.map((r) => r.receivedAt ?? r.time),
      rows.map((r) => r.registerMl),
      rows.map((r) => r.flags ?? 0),
      rows.map((r) => r.quality ?? 'actual'),
      rows.map((r) => r.estimateMethod ?? null),
      rows.map((r) => r.flowLph ?? null),
      rows.map((r) => r.reverseMl ?? null),
      rows.map((r) => r.timeFromMeter ?? true),
    ],
  );
}

export interface AlarmRow {
  meterId: string;
  kind: string;
  raisedAt: string;
  lastSeenAt?: string;
  clearedAt?: string;
  source: string;
  severity?: 'info' | 'warning' | 'critical';
  detail?: Record<string, unknown>;
}

/** An alarm row as the gateway's writer leaves it (active unless cleared). */
export async function insertAlarm(q: Queryable, a: AlarmRow): Promise<void> {
  await q.query(
    `INSERT INTO alarms (meter_id, kind, raised_at, last_seen_at, cleared_at, state, source, severity, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      a.meterId,
      a.kind,
      a.raisedAt,
      a.lastSeenAt ?? a.raisedAt,
      a.clearedAt ?? null,
      a.clearedAt === undefined ? 'active' : 'cleared',
      a.source,
      a.severity ?? 'warning',
      a.detail === undefined ? null : JSON.stringify(a.detail),
    ],
  );
}
