/**
 * Superseding estimates and the re-rate signal.
 *
 * An actual reading that arrives for the time of a stored estimate replaces it: the writer uses
 * SUPERSEDE_ESTIMATE_ON_CONFLICT instead of `ON CONFLICT DO NOTHING`, so an estimate (and only an
 * estimate) is overwritten, while a duplicate actual is still ignored. The trigger of migration
 * 0006 logs every such replacement, and every approved correction, in reading_revisions; rating
 * re-rates the periods of pending revisions and marks them with `markRevisionsRerated`.
 */
import { iso, type Queryable } from './db.js';

/** Columns an actual reading brings when it replaces an estimate (all of readings but the key). */
export const SUPERSEDED_COLUMNS = [
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
  'quality',
  'estimate_method',
  'decoder',
  'dedup_key',
] as const;

/**
 * The conflict clause for INSERT INTO readings: an estimate at the same (meter, time) gives way
 * to an incoming non-estimate; anything else already stored stays (DO NOTHING semantics). With
 * `RETURNING (xmax = 0) AS inserted` a caller can tell a fresh insert from a supersede.
 */
export const SUPERSEDE_ESTIMATE_ON_CONFLICT = `ON CONFLICT (meter_id, time) DO UPDATE SET ${SUPERSEDED_COLUMNS.map(
  (c) => `${c} = EXCLUDED.${c}`,
).join(', ')} WHERE readings.quality = 'estimated' AND EXCLUDED.quality <> 'estimated'`;

export interface ReadingRevision {
  revisionId: number;
  meterId: string;
  readingTime: string;
  oldRegisterMl: number | null;
  newRegisterMl: number;
  oldQuality: string | null;
  newQuality: string;
  cause: 'superseded_estimate' | 'correction' | 'other';
  revisedAt: string;
  reratedAt: string | null;
}

interface RevisionRow {
  revision_id: number;
  meter_id: string;
  reading_time: Date;
  old_register_ml: number | null;
  new_register_ml: number;
  old_quality: string | null;
  new_quality: string;
  cause: ReadingRevision['cause'];
  revised_at: Date;
  rerated_at: Date | null;
}

const REVISION_COLUMNS =
  'revision_id, meter_id, reading_time, old_register_ml, new_register_ml, old_quality, new_quality, cause, revised_at, rerated_at';

export function revisionFromRow(r: RevisionRow): ReadingRevision {
  return {
    revisionId: r.revision_id,
    meterId: r.meter_id,
    readingTime: iso(r.reading_time)!,
    oldRegisterMl: r.old_register_ml,
    newRegisterMl: r.new_register_ml,
    oldQuality: r.old_quality,
    newQuality: r.new_quality,
    cause: r.cause,
    revisedAt: iso(r.revised_at)!,
    reratedAt: iso(r.rerated_at),
  };
}

/** Revisions not yet re-rated, oldest first. */
export async function pendingRevisions(q: Queryable, limit = 10_000): Promise<ReadingRevision[]> {
  const { rows } = await q.query<RevisionRow>(
    `SELECT ${REVISION_COLUMNS} FROM reading_revisions WHERE rerated_at IS NULL ORDER BY revision_id LIMIT $1`,
    [limit],
  );
  return rows.map(revisionFromRow);
}

/** The revisions of one reading, oldest first. */
export async function revisionsOf(q: Queryable, meterId: string, time: string): Promise<ReadingRevision[]> {
  const { rows } = await q.query<RevisionRow>(
    `SELECT ${REVISION_COLUMNS} FROM reading_revisions WHERE meter_id = $1 AND reading_time = $2 ORDER BY revision_id`,
    [meterId, time],
  );
  return rows.map(revisionFromRow);
}

/** Marks revisions as re-rated; returns how many were still pending. */
export async function markRevisionsRerated(q: Queryable, revisionIds: readonly number[], at: string): Promise<number> {
  if (revisionIds.length === 0) return 0;
  const result = await q.query(
    `UPDATE reading_revisions SET rerated_at = $2 WHERE revision_id = ANY($1::bigint[]) AND rerated_at IS NULL`,
    [revisionIds, at],
  );
  return result.rowCount ?? 0;
}
