/**
 * `meterflow rate --period P --finalise`: the draft bills as they are become final and immutable
 * (triggers in migrations/0005 refuse any later UPDATE or DELETE), and the adjustments their lines
 * carry are marked as applied. Needs a complete rating: every shard of some layout done and no
 * shard being rated.
 */
import type pg from 'pg';
import { fail, ratingError, succeed, type Outcome } from '../errors.js';
import { LEASE_MS } from './shards.js';
import { withTransaction } from '../../storage/transaction.js';

export interface FinaliseReport {
  periodId: string;
  bills: number;
  adjustmentsApplied: number;
  /** Adjustments due that these bills do not carry (recorded after the draft was rated): they go to the next bill. */
  adjustmentsPending: number;
}

export async function finalisePeriod(pool: pg.Pool, periodId: string): Promise<Outcome<FinaliseReport>> {
  return withTransaction(pool, async (client) => {
    const period = await client.query<{ status: string }>(
      'SELECT status FROM billing_periods WHERE period_id = $1 FOR UPDATE',
      [periodId],
    );
    const status = period.rows[0]?.status;
    if (status === undefined) {
      return fail(
        ratingError('RATING_PERIOD_NOT_RATED', `period ${periodId} has not been rated`, { details: { periodId } }),
      );
    }
    if (status === 'final') {
      return fail(ratingError('RATING_PERIOD_FINAL', `period ${periodId} is already final`, { details: { periodId } }));
    }
    const live = await client.query<{ shard: number; shard_count: number; claimed_by: string }>(
      `SELECT shard, shard_count, claimed_by FROM rating_shards
        WHERE period_id = $1 AND claimed_by IS NOT NULL AND done_at IS NULL AND claimed_at > now() - make_interval(secs => $2)`,
      [periodId, LEASE_MS / 1000],
    );
    const busy = live.rows[0];
    if (busy) {
      return fail(
        ratingError(
          'RATING_SHARD_CLAIMED',
          `shard ${busy.shard}/${busy.shard_count} of ${periodId} is being rated by ${busy.claimed_by}`,
          {
            details: { periodId, shard: `${busy.shard}/${busy.shard_count}`, claimedBy: busy.claimed_by },
          },
        ),
      );
    }
    const complete = await client.query(
      'SELECT shard_count FROM rating_shards WHERE period_id = $1 GROUP BY shard_count HAVING bool_and(done_at IS NOT NULL) LIMIT 1',
      [periodId],
    );
    if (complete.rows.length === 0) {
      return fail(
        ratingError(
          'RATING_PERIOD_NOT_RATED',
          `period ${periodId} is not completely rated: a shard was never rated or did not finish`,
          {
            details: { periodId },
          },
        ),
      );
    }
    const bills = await client.query(`UPDATE bills SET status = 'final' WHERE period_id = $1`, [periodId]);
    const applied = await client.query(
      `UPDATE bill_adjustments a SET applied_period = $1 FROM bill_lines l
        WHERE l.period_id = $1 AND l.adjustment_id = a.adjustment_id AND a.applied_period IS NULL`,
      [periodId],
    );
    const pending = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bill_adjustments a
        WHERE a.applied_period IS NULL AND a.from_period < $1
          AND EXISTS (SELECT 1 FROM bills b WHERE b.period_id = $1 AND b.account_id = a.account_id)`,
      [periodId],
    );
    await client.query(`UPDATE billing_periods SET status = 'final', finalised_at = now() WHERE period_id = $1`, [
      periodId,
    ]);
    return succeed({
      periodId,
      bills: bills.rowCount ?? 0,
      adjustmentsApplied: applied.rowCount ?? 0,
      adjustmentsPending: pending.rows[0]?.n ?? 0,
    });
  });
}
