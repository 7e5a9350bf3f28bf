/**
 * Editing (the last E of VEE): audited corrections of a reading's register. A correction is
 * requested with a reason (billing or supervisor role) and stays pending until a supervisor (or admin)
 * who is not the requester approves or rejects it. Approval applies the new value to the reading
 * (quality 'corrected'); the old value stays in reading_corrections, and the trigger of migration
 * 0006 logs the change in reading_revisions, which tells rating to re-rate. A correction for a
 * time without a reading (a manual read) inserts a corrected reading.
 */
import type pg from 'pg';
import type { Clock } from '../../common/clock.js';
import { systemClock } from '../../common/clock.js';
import { iso, withTransaction, type Queryable } from './db.js';
import { fail, ok, VeeErrorCode, type VeeResult } from './errors.js';
import { revisionsOf, type ReadingRevision } from './revisions.js';
import { mayDecideCorrection, mayRequestCorrection, type Role } from './roles.js';

export interface Correction {
  correctionId: number;
  meterId: string;
  readingTime: string;
  oldRegisterMl: number | null;
  newRegisterMl: number;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

interface CorrectionRow {
  correction_id: number;
  meter_id: string;
  reading_time: Date;
  old_register_ml: number | null;
  new_register_ml: number;
  reason: string;
  requested_by: string;
  requested_at: Date;
  status: Correction['status'];
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
}

const COLUMNS =
  'correction_id, meter_id, reading_time, old_register_ml, new_register_ml, reason, requested_by, requested_at, status, decided_by, decided_at, decision_note';

function fromRow(r: CorrectionRow): Correction {
  return {
    correctionId: r.correction_id,
    meterId: r.meter_id,
    readingTime: iso(r.reading_time)!,
    oldRegisterMl: r.old_register_ml,
    newRegisterMl: r.new_register_ml,
    reason: r.reason,
    requestedBy: r.requested_by,
    requestedAt: iso(r.requested_at)!,
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
    decisionNote: r.decision_note,
  };
}

export interface CorrectionRequest {
  meterId: string;
  /** The reading's time (ISO 8601). */
  time: string;
  registerMl: number;
  reason: string;
  requestedBy: string;
  /** The requester's roles (a token may carry several). */
  roles: readonly Role[];
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === '23505';
}

export async function requestCorrection(
  q: Queryable,
  req: CorrectionRequest,
  clock: Clock = systemClock,
): Promise<VeeResult<Correction>> {
  if (!mayRequestCorrection(req.roles)) {
    return fail(VeeErrorCode.ROLE_FORBIDDEN, 'requesting a correction needs the billing or supervisor role', {
      roles: req.roles.join('+'),
    });
  }
  const timeMs = Date.parse(req.time);
  if (!Number.isFinite(timeMs)) return fail(VeeErrorCode.INPUT_INVALID, `not a time: ${req.time}`, { time: req.time });
  if (!Number.isSafeInteger(req.registerMl) || req.registerMl < 0) {
    return fail(VeeErrorCode.INPUT_INVALID, 'the register must be a whole number of millilitres ≥ 0', {
      registerMl: String(req.registerMl),
    });
  }
  const reason = req.reason.trim();
  const requestedBy = req.requestedBy.trim();
  if (reason === '') return fail(VeeErrorCode.INPUT_INVALID, 'a correction needs a reason');
  if (requestedBy === '') return fail(VeeErrorCode.INPUT_INVALID, 'a correction needs the requesting user');
  const time = new Date(timeMs).toISOString();

  const meter = await q.query('SELECT 1 FROM meters WHERE meter_id = $1', [req.meterId]);
  if (meter.rowCount === 0)
    return fail(VeeErrorCode.METER_NOT_FOUND, `no meter ${req.meterId}`, { meterId: req.meterId });
  const current = await q.query<{ register_ml: number }>(
    'SELECT register_ml FROM readings WHERE meter_id = $1 AND time = $2',
    [req.meterId, time],
  );
  try {
    const { rows } = await q.query<CorrectionRow>(
      `INSERT INTO reading_corrections (meter_id, reading_time, old_register_ml, new_register_ml, reason, requested_by, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [
        req.meterId,
        time,
        current.rows[0]?.register_ml ?? null,
        req.registerMl,
        reason,
        requestedBy,
        clock.now().toISOString(),
      ],
    );
    return ok(fromRow(rows[0]!));
  } catch (err) {
    if (isUniqueViolation(err)) {
      return fail(
        VeeErrorCode.CORRECTION_PENDING,
        `the reading of ${req.meterId} at ${time} already has a pending correction`,
        { meterId: req.meterId, time },
      );
    }
    throw err;
  }
}

export interface CorrectionDecision {
  correctionId: number;
  decision: 'approve' | 'reject';
  decidedBy: string;
  /** The decider's roles (a token may carry several). */
  roles: readonly Role[];
  note?: string;
}

/** Approves (and applies) or rejects a pending correction, in one transaction. */
export async function decideCorrection(
  pool: pg.Pool,
  d: CorrectionDecision,
  clock: Clock = systemClock,
): Promise<VeeResult<Correction>> {
  if (!mayDecideCorrection(d.roles)) {
    return fail(VeeErrorCode.ROLE_FORBIDDEN, 'deciding a correction needs the supervisor role', {
      roles: d.roles.join('+'),
    });
  }
  const decidedBy = d.decidedBy.trim();
  if (decidedBy === '') return fail(VeeErrorCode.INPUT_INVALID, 'a decision needs the deciding user');
  return withTransaction(pool, async (client) => {
    const found = await client.query<CorrectionRow>(
      `SELECT ${COLUMNS} FROM reading_corrections WHERE correction_id = $1 FOR UPDATE`,
      [d.correctionId],
    );
    const row = found.rows[0];
    if (!row)
      return fail<Correction>(VeeErrorCode.CORRECTION_NOT_FOUND, `no correction ${d.correctionId}`, {
        correctionId: d.correctionId,
      });
    if (row.status !== 'pending') {
      return fail<Correction>(
        VeeErrorCode.CORRECTION_DECIDED,
        `correction ${d.correctionId} was already ${row.status}`,
        { status: row.status },
      );
    }
    if (row.requested_by === decidedBy) {
      return fail<Correction>(
        VeeErrorCode.SELF_APPROVAL,
        `${decidedBy} requested correction ${d.correctionId} and cannot also decide it`,
        {
          correctionId: d.correctionId,
        },
      );
    }
    const now = clock.now().toISOString();
    if (d.decision === 'approve') {
      const applied = await applyCorrection(client, row, now);
      if (!applied.ok) return applied;
    }
    const { rows } = await client.query<CorrectionRow>(
      `UPDATE reading_corrections SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5
        WHERE correction_id = $1 RETURNING ${COLUMNS}`,
      [d.correctionId, d.decision === 'approve' ? 'approved' : 'rejected', decidedBy, now, d.note?.trim() || null],
    );
    return ok(fromRow(rows[0]!));
  });
}

/** Writes the corrected value, refusing when the reading changed since the request. */
async function applyCorrection(client: pg.PoolClient, row: CorrectionRow, now: string): Promise<VeeResult<true>> {
  const time = row.reading_time.toISOString();
  const current = await client.query<{ register_ml: number }>(
    'SELECT register_ml FROM readings WHERE meter_id = $1 AND time = $2 FOR UPDATE',
    [row.meter_id, time],
  );
  const currentMl = current.rows[0]?.register_ml ?? null;
  if (currentMl !== row.old_register_ml) {
    return fail(
      VeeErrorCode.CORRECTION_STALE,
      `the reading changed since correction ${row.correction_id} was requested`,
      {
        requestedOver: row.old_register_ml,
        now: currentMl,
      },
    );
  }
  if (currentMl === null) {
    await client.query(
      `INSERT INTO readings (meter_id, time, received_at, time_from_meter, register_ml, flags, quality)
       VALUES ($1, $2, $3, false, $4, 0, 'corrected')`,
      [row.meter_id, time, now, row.new_register_ml],
    );
    await client.query(
      `INSERT INTO reading_revisions (meter_id, reading_time, old_register_ml, new_register_ml, old_quality, new_quality, cause, revised_at)
       VALUES ($1, $2, NULL, $3, NULL, 'corrected', 'correction', $4)`,
      [row.meter_id, time, row.new_register_ml, now],
    );
  } else {
    await client.query(
      `UPDATE readings SET register_ml = $3, quality = 'corrected', estimate_method = NULL WHERE meter_id = $1 AND time = $2`,
      [row.meter_id, time, row.new_register_ml],
    );
  }
  // The next live reading is validated against the corrected value when this is the meter's latest.
  await client.query(
    'UPDATE meter_state SET last_register_ml = $3, updated_at = $4 WHERE meter_id = $1 AND last_time = $2',
    [row.meter_id, time, row.new_register_ml, now],
  );
  return ok(true);
}

export interface CorrectionQuery {
  meterId?: string;
  status?: Correction['status'];
  limit?: number;
}

export async function listCorrections(q: Queryable, query: CorrectionQuery = {}): Promise<Correction[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.meterId !== undefined) where.push(`meter_id = $${params.push(query.meterId)}`);
  if (query.status !== undefined) where.push(`status = $${params.push(query.status)}`);
  const limit = params.push(query.limit ?? 1_000);
  const { rows } = await q.query<CorrectionRow>(
    `SELECT ${COLUMNS} FROM reading_corrections ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY requested_at DESC, correction_id DESC LIMIT $${limit}`,
    params,
  );
  return rows.map(fromRow);
}

export interface ReadingHistory {
  meterId: string;
  time: string;
  /** The reading as stored now, or null when there is none. */
  current: { registerMl: number; quality: string; flags: number } | null;
  /** Every correction requested for it, oldest first. */
  corrections: Correction[];
  /** Every change of its value (superseded estimate, approved corrections), oldest first. */
  revisions: ReadingRevision[];
}

/** The chain of a reading: its value now, the corrections requested and the changes made. */
export async function readingHistory(q: Queryable, meterId: string, time: string): Promise<VeeResult<ReadingHistory>> {
  const timeMs = Date.parse(time);
  if (!Number.isFinite(timeMs)) return fail(VeeErrorCode.INPUT_INVALID, `not a time: ${time}`, { time });
  const at = new Date(timeMs).toISOString();
  const current = await q.query<{ register_ml: number; quality: string; flags: number }>(
    'SELECT register_ml, quality, flags FROM readings WHERE meter_id = $1 AND time = $2',
    [meterId, at],
  );
  const corrections = await q.query<CorrectionRow>(
    `SELECT ${COLUMNS} FROM reading_corrections WHERE meter_id = $1 AND reading_time = $2 ORDER BY requested_at, correction_id`,
    [meterId, at],
  );
  const c = current.rows[0];
  return ok({
    meterId,
    time: at,
    current: c ? { registerMl: c.register_ml, quality: c.quality, flags: c.flags } : null,
    corrections: corrections.rows.map(fromRow),
    revisions: await revisionsOf(q, meterId, at),
  });
}
