/** The sink contract's inspector over the database (sinks/sink-contract.ts). */
import type pg from 'pg';
import { registerMeters } from '../testing/uplinks.js';
import type { SinkInspector } from './sink-contract.js';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function sqlInspector(pool: pg.Pool): SinkInspector {
  return {
    async raw(dedupKey) {
      const { rows } = await pool.query('SELECT status, error_code, reason FROM raw_uplinks WHERE dedup_key = $1', [
        dedupKey,
      ]);
      return rows.map((r) => ({ status: r.status, errorCode: r.error_code, reason: r.reason }));
    },
    async readings(meterId) {
      const { rows } = await pool.query(
        'SELECT time, register_ml, flags FROM readings WHERE meter_id = $1 ORDER BY time',
        [meterId],
      );
      return rows.map((r) => ({ time: iso(r.time)!, registerMl: r.register_ml, flags: r.flags }));
    },
    async state(meterId) {
      const { rows } = await pool.query('SELECT last_time, last_register_ml FROM meter_state WHERE meter_id = $1', [
        meterId,
      ]);
      const r = rows[0];
      return r ? { lastTime: iso(r.last_time)!, lastRegisterMl: r.last_register_ml } : undefined;
    },
    async alarms(meterId) {
      const { rows } = await pool.query(
        'SELECT kind, raised_at, last_seen_at, cleared_at, state FROM alarms WHERE meter_id = $1 ORDER BY raised_at',
        [meterId],
      );
      return rows.map((r) => ({
        kind: r.kind,
        raisedAt: iso(r.raised_at)!,
        lastSeenAt: iso(r.last_seen_at)!,
        clearedAt: iso(r.cleared_at),
        state: r.state,
      }));
    },
    registerMeters: (ids) => registerMeters(pool, ids),
  };
}
