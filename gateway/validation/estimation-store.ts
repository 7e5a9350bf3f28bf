/**
 * Estimation over stored readings: the register of a meter at an instant (a billing-period
 * boundary), from its neighbouring trusted readings (corrected ones, and actual ones without a
 * suspect flag; stored estimates are never used as neighbours), and storing an estimate as a reading with
 * quality 'estimated' (an actual reading for that time supersedes it later, see revisions.ts).
 */
import type { Clock } from '../../common/clock.js';
import { systemClock } from '../../common/clock.js';
import { DAY_MS, learnHourProfile, type RegisterPoint } from './daily-profile.js';
import { iso, type Queryable } from './db.js';
import { fail, ok, VeeErrorCode, type VeeResult } from './errors.js';
import { extrapolateRegister, interpolateRegister, type EstimateMethod } from './estimation.js';
import { SUSPECT_FLAGS } from './flags.js';
import { registerCapacityMl } from './thresholds.js';

export interface ReadingUsed {
  time: string;
  registerMl: number;
  quality: 'actual' | 'corrected';
}

export interface RegisterAt {
  meterId: string;
  time: string;
  registerMl: number;
  /** 'actual' or 'corrected' when a trusted reading exists at that very instant. */
  quality: 'actual' | 'corrected' | 'estimated';
  /** How the estimate was made; null for a stored reading. */
  method: EstimateMethod | null;
  readingsUsed: ReadingUsed[];
}

export interface EstimateOptions {
  /** History used to learn the daily profile and the extrapolation rate (default 28 days). */
  lookbackDays?: number;
  /** Learn and use the daily profile when history allows (default true). */
  useProfile?: boolean;
}

interface PointRow {
  time: Date;
  register_ml: number;
  quality: 'actual' | 'corrected';
}

/** Corrected readings are trusted whatever their flags (a person checked them); actual ones without a suspect flag. */
const TRUSTED = `(quality = 'corrected' OR (quality = 'actual' AND (flags & ${SUSPECT_FLAGS}::bigint) = 0))`;

function used(r: PointRow): ReadingUsed {
  return { time: iso(r.time)!, registerMl: r.register_ml, quality: r.quality };
}

function point(r: PointRow): RegisterPoint {
  return { timeMs: r.time.getTime(), registerMl: r.register_ml };
}

export async function estimateRegisterAt(
  q: Queryable,
  meterId: string,
  instant: string,
  options: EstimateOptions = {},
): Promise<VeeResult<RegisterAt>> {
  const instantMs = Date.parse(instant);
  if (!Number.isFinite(instantMs)) return fail(VeeErrorCode.INPUT_INVALID, `not a time: ${instant}`, { instant });
  const time = new Date(instantMs).toISOString();
  const meter = await q.query<{ register_digits: number }>('SELECT register_digits FROM meters WHERE meter_id = $1', [
    meterId,
  ]);
  const digits = meter.rows[0]?.register_digits;
  if (digits === undefined) return fail(VeeErrorCode.METER_NOT_FOUND, `no meter ${meterId}`, { meterId });
  const capacityMl = registerCapacityMl(digits);

  const side = (op: '<=' | '>', order: 'ASC' | 'DESC') =>
    q.query<PointRow>(
      `SELECT time, register_ml, quality FROM readings
        WHERE meter_id = $1 AND time ${op} $2 AND ${TRUSTED} ORDER BY time ${order} LIMIT 1`,
      [meterId, time],
    );
  const before = (await side('<=', 'DESC')).rows[0];
  if (before && before.time.getTime() === instantMs) {
    return ok({
      meterId,
      time,
      registerMl: before.register_ml,
      quality: before.quality,
      method: null,
      readingsUsed: [used(before)],
    });
  }
  const after = (await side('>', 'ASC')).rows[0];
  if (!before) {
    return fail(VeeErrorCode.ESTIMATE_NO_NEIGHBOURS, `no trusted reading of ${meterId} at or before ${time}`, {
      meterId,
      instant: time,
    });
  }

  const lookbackMs = (options.lookbackDays ?? 28) * DAY_MS;
  const history = await q.query<PointRow>(
    `SELECT time, register_ml, quality FROM readings
      WHERE meter_id = $1 AND time >= $2 AND time <= $3 AND ${TRUSTED} ORDER BY time LIMIT 20000`,
    [meterId, new Date(before.time.getTime() - lookbackMs).toISOString(), before.time.toISOString()],
  );

  if (!after) {
    const first = history.rows[0] ?? before;
    const e = extrapolateRegister(point(first), point(before), instantMs, capacityMl);
    const readingsUsed =
      first === before || first.time.getTime() === before.time.getTime() ? [used(before)] : [used(first), used(before)];
    return ok({ meterId, time, registerMl: e.registerMl, quality: 'estimated', method: e.method, readingsUsed });
  }

  const profile = options.useProfile === false ? undefined : learnHourProfile(history.rows.map(point));
  const e = interpolateRegister(point(before), point(after), instantMs, {
    capacityMl,
    ...(profile ? { profile } : {}),
  });
  return ok({
    meterId,
    time,
    registerMl: e.registerMl,
    quality: 'estimated',
    method: e.method,
    readingsUsed: [used(before), used(after)],
  });
}

/**
 * Stores an estimate as a reading (quality 'estimated', its method in estimate_method). Never
 * overwrites a stored reading; returns whether a row was written.
 */
export async function storeEstimate(q: Queryable, estimate: RegisterAt, clock: Clock = systemClock): Promise<boolean> {
  if (estimate.quality !== 'estimated') return false;
  const result = await q.query(
    `INSERT INTO readings (meter_id, time, received_at, time_from_meter, register_ml, flags, quality, estimate_method)
     VALUES ($1, $2, $3, false, $4, 0, 'estimated', $5)
     ON CONFLICT (meter_id, time) DO NOTHING`,
    [estimate.meterId, estimate.time, clock.now().toISOString(), estimate.registerMl, estimate.method],
  );
  return (result.rowCount ?? 0) > 0;
}
