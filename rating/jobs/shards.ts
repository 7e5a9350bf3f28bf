/**
 * Shards of a billing period: ranges of account ids [from_account, to_account) that processes
 * claim so that several processes or machines rate one period. The layout for a shard count is
 * fixed the first time it is used (ntile over the accounts then; the first range is open below
 * and the last open above, so accounts added later still fall in one). A claim is a row lock
 * (SELECT ... FOR UPDATE SKIP LOCKED) plus claimed_by/claimed_at, refreshed with every batch
 * written; a claim not refreshed for LEASE_MS is abandoned and can be taken over.
 */
import type pg from 'pg';
import { fail, ratingError, succeed, type Outcome } from '../errors.js';
import type { KeyRange } from './key-range.js';
import type { PeriodMonth } from './period-id.js';

export const LEASE_MS = 5 * 60_000;

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

export interface ClaimedShard extends ShardSpec {
  periodId: string;
  claimant: string;
  from: string | null;
  to: string | null;
  /** The period's status when claimed: a final period is re-rated into adjustments. */
  periodStatus: 'draft' | 'final';
}

export function parseShard(text: string): ShardSpec | null {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  if (!match) return null;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && index <= count ? { index, count } : null;
}

export function shardRange(shard: { from: string | null; to: string | null }): KeyRange {
  return {
    lower: shard.from === null ? null : { key: shard.from, inclusive: true },
    upper: shard.to === null ? null : { key: shard.to, inclusive: false },
  };
}

async function ensureLayout(client: pg.PoolClient, periodId: string, count: number): Promise<void> {
  const existing = await client.query('SELECT 1 FROM rating_shards WHERE period_id = $1 AND shard_count = $2 LIMIT 1', [
    periodId,
    count,
  ]);
  if (existing.rows.length > 0) return;
  let lowers: (string | undefined)[] = [undefined];
  if (count > 1) {
    const { rows } = await client.query<{ tile: number; first: string }>(
      `SELECT tile, min(account_id) AS first
         FROM (SELECT account_id, ntile($1) OVER (ORDER BY account_id) AS tile FROM accounts) t
        GROUP BY tile ORDER BY tile`,
      [count],
    );
    lowers = [undefined, ...rows.slice(1).map((r) => r.first)];
  }
  const rows = [];
  for (let k = 1; k <= count; k++) {
    const exists = k === 1 || lowers[k - 1] !== undefined;
    const from = k === 1 ? null : (lowers[k - 1] ?? '');
    const to = !exists ? '' : k === count ? null : (lowers[k] ?? null);
    rows.push({ shard: k, from_account: from, to_account: to });
  }
  await client.query(
    `INSERT INTO rating_shards (period_id, shard_count, shard, from_account, to_account)
     SELECT $1, $2, shard, from_account, to_account FROM jsonb_to_recordset($3::jsonb) AS x(shard int, from_account text, to_account text)
     ON CONFLICT DO NOTHING`,
    [periodId, count, JSON.stringify(rows)],
  );
}

/** Creates the period (draft) if it does not exist and claims one shard of it. */
export async function claimShard(
  pool: pg.Pool,
  month: PeriodMonth,
  spec: ShardSpec,
  claimant: string,
): Promise<Outcome<ClaimedShard>> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO billing_periods (period_id, starts_on, ends_on) VALUES ($1, $2, $3) ON CONFLICT (period_id) DO NOTHING`,
      [month.periodId, month.startsOn, month.endsOn],
    );
    // One claimer at a time per period (a short lock): layouts are created and compared safely.
    const period = await client.query<{ status: 'draft' | 'final' }>(
      'SELECT status FROM billing_periods WHERE period_id = $1 FOR UPDATE',
      [month.periodId],
    );
    await ensureLayout(client, month.periodId, spec.count);
    const leaseSeconds = LEASE_MS / 1000;
    const live = await client.query<{ shard: number; shard_count: number; claimed_by: string }>(
      `SELECT shard, shard_count, claimed_by FROM rating_shards
        WHERE period_id = $1 AND claimed_by IS NOT NULL AND done_at IS NULL
          AND claimed_at > now() - make_interval(secs => $2) AND shard_count <> $3`,
      [month.periodId, leaseSeconds, spec.count],
    );
    const other = live.rows[0];
    if (other) {
      await client.query('ROLLBACK');
      return fail(
        ratingError(
          'RATING_SHARD_CLAIMED',
          `shard ${other.shard}/${other.shard_count} of ${month.periodId} is being rated by ${other.claimed_by}`,
          {
            details: {
              periodId: month.periodId,
              shard: `${other.shard}/${other.shard_count}`,
              claimedBy: other.claimed_by,
            },
          },
        ),
      );
    }
    const row = await client.query<{
      from_account: string | null;
      to_account: string | null;
      claimed_by: string | null;
      done_at: Date | null;
      stale: boolean;
    }>(
      `SELECT from_account, to_account, claimed_by, done_at, claimed_at IS NULL OR claimed_at <= now() - make_interval(secs => $4) AS stale
         FROM rating_shards WHERE period_id = $1 AND shard_count = $2 AND shard = $3
          FOR UPDATE SKIP LOCKED`,
      [month.periodId, spec.count, spec.index, leaseSeconds],
    );
    const shard = row.rows[0];
    if (!shard || (shard.claimed_by !== null && shard.done_at === null && !shard.stale)) {
      await client.query('ROLLBACK');
      return fail(
        ratingError(
          'RATING_SHARD_CLAIMED',
          `shard ${spec.index}/${spec.count} of ${month.periodId} is being rated by ${shard?.claimed_by ?? 'another process'}`,
          {
            details: {
              periodId: month.periodId,
              shard: `${spec.index}/${spec.count}`,
              claimedBy: shard?.claimed_by ?? null,
            },
          },
        ),
      );
    }
    await client.query(
      `UPDATE rating_shards SET claimed_by = $4, claimed_at = now(), done_at = NULL, accounts = NULL, failures = NULL
        WHERE period_id = $1 AND shard_count = $2 AND shard = $3`,
      [month.periodId, spec.count, spec.index, claimant],
    );
    await client.query('COMMIT');
    return succeed({
      ...spec,
      periodId: month.periodId,
      claimant,
      from: shard.from_account,
      to: shard.to_account,
      periodStatus: period.rows[0]?.status ?? 'draft',
    });
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

const WHERE_SHARD = 'period_id = $1 AND shard_count = $2 AND shard = $3 AND claimed_by = $4';

function shardParams(shard: ClaimedShard): unknown[] {
  return [shard.periodId, shard.count, shard.index, shard.claimant];
}

/** Refreshes the claim (inside each batch's write transaction). */
export async function refreshClaim(q: Pick<pg.PoolClient, 'query'>, shard: ClaimedShard): Promise<void> {
  await q.query(`UPDATE rating_shards SET claimed_at = now() WHERE ${WHERE_SHARD}`, shardParams(shard));
}

export async function finishShard(
  q: Pick<pg.Pool, 'query'>,
  shard: ClaimedShard,
  counts: { accounts: number; failures: number },
): Promise<void> {
  await q.query(`UPDATE rating_shards SET done_at = now(), accounts = $5, failures = $6 WHERE ${WHERE_SHARD}`, [
    ...shardParams(shard),
    counts.accounts,
    counts.failures,
  ]);
  await q.query('UPDATE billing_periods SET rated_at = now() WHERE period_id = $1', [shard.periodId]);
}

/** Gives a claim back after a failed run, so that the shard can be retried at once. */
export async function releaseShard(q: Pick<pg.Pool, 'query'>, shard: ClaimedShard): Promise<void> {
  await q.query(
    `UPDATE rating_shards SET claimed_by = NULL, claimed_at = NULL WHERE ${WHERE_SHARD}`,
    shardParams(shard),
  );
}
