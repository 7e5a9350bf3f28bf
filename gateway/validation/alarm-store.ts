/**
 * Alarm listings for the CLI and HTTP API. The lifecycle rows themselves (raise inserts an
 * active alarm, a reading on which the condition holds moves last_seen_at, a clear sets
 * cleared_at and state) are written by the gateway's writer in its batch transaction
 * (gateway/sinks/sql/insert-rows.ts, writeAlarms) from the validator's decisions.
 */
import { iso, type Queryable } from './db.js';

export type AlarmStateFilter = 'active' | 'cleared' | 'all';

export interface AlarmQuery {
  meterId?: string;
  /** Default: active. */
  state?: AlarmStateFilter;
  /** Alarms seen or cleared at or after this instant (ISO 8601). */
  since?: string;
  kind?: string;
  limit?: number;
}

export interface AlarmRecord {
  meterId: string;
  kind: string;
  state: 'active' | 'cleared';
  severity: 'info' | 'warning' | 'critical';
  source: string;
  raisedAt: string;
  lastSeenAt: string;
  clearedAt: string | null;
  detail: Record<string, unknown> | null;
}

interface AlarmRow {
  meter_id: string;
  kind: string;
  state: 'active' | 'cleared';
  severity: 'info' | 'warning' | 'critical';
  source: string;
  raised_at: Date;
  last_seen_at: Date;
  cleared_at: Date | null;
  detail: Record<string, unknown> | null;
}

/** Alarms (active ones unless `state` says otherwise), newest raised first. */
export async function listAlarms(q: Queryable, query: AlarmQuery = {}): Promise<AlarmRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('$?', `$${params.length}`));
  };
  if (query.meterId !== undefined) add('meter_id = $?', query.meterId);
  if (query.kind !== undefined) add('kind = $?', query.kind);
  const state = query.state ?? 'active';
  if (state !== 'all') add('state = $?', state);
  if (query.since !== undefined) add('(last_seen_at >= $?::timestamptz OR cleared_at >= $?::timestamptz)', query.since);
  params.push(query.limit ?? 1_000);
  const { rows } = await q.query<AlarmRow>(
    `SELECT meter_id, kind, state, severity, source, raised_at, last_seen_at, cleared_at, detail
       FROM alarms ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY raised_at DESC, meter_id, kind
      LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    meterId: r.meter_id,
    kind: r.kind,
    state: r.state,
    severity: r.severity,
    source: r.source,
    raisedAt: iso(r.raised_at)!,
    lastSeenAt: iso(r.last_seen_at)!,
    clearedAt: iso(r.cleared_at),
    detail: r.detail,
  }));
}
