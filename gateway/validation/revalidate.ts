/**
 * Re-validation over stored readings (`meterflow validate`): each meter's readings are replayed
 * through the same validator the gateway runs, from the meter's first reading (or a warm-up
 * window before `since`), so the rules' memory is what the live pipeline had. Flags of readings
 * from `since` on are reported and, with `apply`, written back.
 *
 * What the register data cannot tell is taken from the stored flags: the meter's own alarm bits
 * (recomputed from them as decoded alarms) and, in time order, out_of_order (only arrival order
 * shows it; `order: 'arrival'` replays by received_at and recomputes it). Stored estimates are not
 * meter data and are skipped; corrected readings count with their corrected value.
 */
import type pg from 'pg';
import { createValidator } from './validator.js';
import { DAY_MS } from './daily-profile.js';
import { iso } from './db.js';
import { FLAG, FLAG_NAMES, METER_BIT_FLAGS, type FlagName } from './flags.js';
import { loadMeterProfiles } from './meter-profile-store.js';
import { meterAlarmsFromFlags } from './rules/meter-bits.js';
import type { ValidationConfig } from './thresholds.js';
import type { MeterState } from './types.js';

export interface RevalidateOptions {
  since: string;
  until?: string;
  meterId?: string;
  config?: ValidationConfig;
  /** Replay from this many days before `since` instead of the meter's whole history. */
  warmupDays?: number;
  order?: 'time' | 'arrival';
  apply?: boolean;
  /** Changes listed in the report (default 100); the counts cover all. */
  maxListed?: number;
  onMeter?: (done: number, total: number) => void;
}

export interface FlagChange {
  meterId: string;
  time: string;
  storedFlags: number;
  flags: number;
}

export interface RevalidateReport {
  meters: number;
  readings: number;
  changed: number;
  applied: number;
  flagCounts: Partial<Record<FlagName, number>>;
  changes: FlagChange[];
}

interface ReplayRow {
  time: Date;
  received_at: Date;
  time_from_meter: boolean;
  register_ml: number;
  reverse_ml: number | null;
  flow_lph: string | null;
  flags: number;
}

export async function revalidate(pool: pg.Pool, options: RevalidateOptions): Promise<RevalidateReport> {
  const validate = createValidator(options.config === undefined ? {} : { config: options.config });
  const sinceMs = Date.parse(options.since);
  const untilMs = options.until === undefined ? Infinity : Date.parse(options.until);
  const order = options.order ?? 'time';
  // flags the replay cannot recompute are kept from the stored reading
  const preserved = (order === 'time' ? FLAG.out_of_order : 0) | METER_BIT_FLAGS;
  const recomputed = ~(order === 'time' ? FLAG.out_of_order : 0);
  const maxListed = options.maxListed ?? 100;
  const report: RevalidateReport = { meters: 0, readings: 0, changed: 0, applied: 0, flagCounts: {}, changes: [] };

  const params: unknown[] = [options.since];
  let meterFilter = '';
  if (options.meterId !== undefined) meterFilter = `AND m.meter_id = $${params.push(options.meterId)}`;
  const meters = await pool.query<{ meter_id: string }>(
    `SELECT m.meter_id FROM meters m
      WHERE EXISTS (SELECT 1 FROM readings r WHERE r.meter_id = m.meter_id AND r.time >= $1) ${meterFilter}
      ORDER BY m.meter_id`,
    params,
  );
  const meterIds = meters.rows.map((r) => r.meter_id);
  const profiles = await loadMeterProfiles(pool, meterIds);
  const from = options.warmupDays === undefined ? null : new Date(sinceMs - options.warmupDays * DAY_MS).toISOString();

  for (const [index, meterId] of meterIds.entries()) {
    const profile = profiles.get(meterId)!;
    const { rows } = await pool.query<ReplayRow>(
      `SELECT time, received_at, time_from_meter, register_ml, reverse_ml, flow_lph, flags
         FROM readings
        WHERE meter_id = $1 AND quality <> 'estimated' AND ($2::timestamptz IS NULL OR time >= $2)
        ORDER BY ${order === 'arrival' ? 'received_at, time' : 'time'}`,
      [meterId, from],
    );
    let state: MeterState | undefined;
    const active = new Set<string>();
    const updates: Array<{ time: string; flags: number }> = [];
    for (const row of rows) {
      const time = iso(row.time)!;
      const reading = {
        meterId,
        time,
        timeFromMeter: row.time_from_meter,
        registerMl: row.register_ml,
        ...(row.reverse_ml !== null ? { reverseMl: row.reverse_ml } : {}),
        ...(row.flow_lph !== null ? { flowLph: Number(row.flow_lph) } : {}),
      };
      const out = validate({
        reading,
        receivedAt: iso(row.received_at)!,
        profile,
        state,
        meterAlarms: meterAlarmsFromFlags(row.flags, meterId, time),
        activeAlarmKinds: [...active],
      });
      for (const a of out.alarms) {
        if (a.action === 'raise') active.add(a.kind);
        else active.delete(a.kind);
      }
      if (out.nextState) state = out.nextState;
      const timeMs = row.time.getTime();
      if (timeMs < sinceMs || timeMs >= untilMs) continue;
      const flags = (out.flags & recomputed) | (row.flags & preserved);
      report.readings++;
      for (const name of FLAG_NAMES)
        if ((flags & FLAG[name]) !== 0) report.flagCounts[name] = (report.flagCounts[name] ?? 0) + 1;
      if (flags !== row.flags) {
        report.changed++;
        if (report.changes.length < maxListed) report.changes.push({ meterId, time, storedFlags: row.flags, flags });
        updates.push({ time, flags });
      }
    }
    if (options.apply && updates.length > 0) {
      const result = await pool.query(
        `UPDATE readings r SET flags = u.flags
           FROM unnest($2::timestamptz[], $3::bigint[]) AS u(time, flags)
          WHERE r.meter_id = $1 AND r.time = u.time`,
        [meterId, updates.map((u) => u.time), updates.map((u) => u.flags)],
      );
      report.applied += result.rowCount ?? 0;
    }
    report.meters++;
    options.onMeter?.(index + 1, meterIds.length);
  }
  return report;
}
