/** Reading listings with their flag names (CLI `readings list`, HTTP GET /v1/readings). */
import { iso, type Queryable } from './db.js';
import { flagNames } from './flags.js';

export interface ReadingQuery {
  meterId: string;
  from?: string;
  to?: string;
  /** Only readings carrying any of these flags. */
  anyFlags?: number;
  limit?: number;
}

export interface ReadingRecord {
  meterId: string;
  time: string;
  receivedAt: string;
  registerMl: number;
  quality: 'actual' | 'estimated' | 'corrected';
  estimateMethod: string | null;
  flags: number;
  flagNames: string[];
  flowLph: number | null;
  reverseMl: number | null;
  timeFromMeter: boolean;
}

interface ReadingRow {
  meter_id: string;
  time: Date;
  received_at: Date;
  register_ml: number;
  quality: ReadingRecord['quality'];
  estimate_method: string | null;
  flags: number;
  flow_lph: string | null;
  reverse_ml: number | null;
  time_from_meter: boolean;
}

/** Readings of one meter in time order, `from` inclusive, `to` exclusive. */
export async function listReadings(q: Queryable, query: ReadingQuery): Promise<ReadingRecord[]> {
  const params: unknown[] = [query.meterId];
  const where = ['meter_id = $1'];
  if (query.from !== undefined) where.push(`time >= $${params.push(query.from)}::timestamptz`);
  if (query.to !== undefined) where.push(`time < $${params.push(query.to)}::timestamptz`);
  if (query.anyFlags !== undefined && query.anyFlags !== 0)
    where.push(`(flags & $${params.push(query.anyFlags)}::bigint) <> 0`);
  const limit = params.push(query.limit ?? 10_000);
  const { rows } = await q.query<ReadingRow>(
    `SELECT meter_id, time, received_at, register_ml, quality, estimate_method, flags, flow_lph, reverse_ml, time_from_meter
       FROM readings WHERE ${where.join(' AND ')} ORDER BY time LIMIT $${limit}`,
    params,
  );
  return rows.map((r) => ({
    meterId: r.meter_id,
    time: iso(r.time)!,
    receivedAt: iso(r.received_at)!,
    registerMl: r.register_ml,
    quality: r.quality,
    estimateMethod: r.estimate_method,
    flags: r.flags,
    flagNames: flagNames(r.flags),
    flowLph: r.flow_lph === null ? null : Number(r.flow_lph),
    reverseMl: r.reverse_ml,
    timeFromMeter: r.time_from_meter,
  }));
}
