/**
 * Meter profiles for validation from the meters table, with the meter's latest installation
 * (a state older than it is reset) and whether an open account is on it (zero consumption is only
 * flagged on active accounts). A meter that never appears in meter_installations counts as active.
 *
 * The columns and joins are exported so that the gateway's writer reads the same profile in its
 * locking query (gateway/sinks/sql/meters.ts) without a second round trip.
 */
import type { Queryable } from './db.js';
import type { MeterProfile } from './types.js';

/** A profile's columns; the FROM clause needs `meters m` followed by PROFILE_JOINS. */
export const PROFILE_COLUMNS = `m.meter_id, m.meter_class, m.diameter_mm, m.register_digits, m.q3_lph, m.q4_lph, m.expected_interval_s,
            i.installed_at,
            CASE WHEN i.installed_at IS NULL THEN NULL
                 ELSE i.removed_at IS NULL AND a.account_id IS NOT NULL AND (a.closed_on IS NULL OR a.closed_on > current_date) END AS active`;

/** The meter's latest installation and its account, joined to `meters m`. */
export const PROFILE_JOINS = `LEFT JOIN LATERAL (
             SELECT mi.installed_at, mi.removed_at, mi.account_id
               FROM meter_installations mi
              WHERE mi.meter_id = m.meter_id
              ORDER BY mi.installed_at DESC
              LIMIT 1) i ON true
       LEFT JOIN accounts a ON a.account_id = i.account_id`;

/** What PROFILE_COLUMNS give. */
export interface ProfileRow {
  meter_id: string;
  meter_class: string;
  diameter_mm: number | null;
  register_digits: number;
  q3_lph: number | null;
  q4_lph: number | null;
  expected_interval_s: number;
  installed_at: Date | null;
  active: boolean | null;
}

export async function loadMeterProfiles(q: Queryable, meterIds: readonly string[]): Promise<Map<string, MeterProfile>> {
  const profiles = new Map<string, MeterProfile>();
  if (meterIds.length === 0) return profiles;
  const { rows } = await q.query<ProfileRow>(
    `SELECT ${PROFILE_COLUMNS}
       FROM meters m
       ${PROFILE_JOINS}
      WHERE m.meter_id = ANY($1::text[])`,
    [meterIds],
  );
  for (const r of rows) profiles.set(r.meter_id, profileFromRow(r));
  return profiles;
}

export function profileFromRow(r: ProfileRow): MeterProfile {
  const p: MeterProfile = {
    meterId: r.meter_id,
    meterClass: r.meter_class,
    registerDigits: r.register_digits,
    expectedIntervalS: r.expected_interval_s,
  };
  if (r.diameter_mm !== null) p.diameterMm = r.diameter_mm;
  if (r.q3_lph !== null) p.q3Lph = r.q3_lph;
  if (r.q4_lph !== null) p.q4Lph = r.q4_lph;
  if (r.installed_at !== null) p.installedAt = r.installed_at.toISOString();
  if (r.active !== null) p.accountActive = r.active;
  return p;
}
