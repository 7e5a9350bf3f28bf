/**
 * Re-rating a final period never touches its bills. Per account, the difference between the
 * re-rated amount and what was billed for the period's consumption (the final bill less the
 * adjustment lines it carried, plus adjustments of this period already charged on later final
 * bills) is recorded in bill_adjustments; the account's next draft bill carries it as an
 * adjustment line. Re-rating again replaces the pending (not yet finalised) adjustments, so
 * repeating it never doubles a correction.
 */
import type pg from 'pg';
import { jsonChunks } from '../db/json-chunks.js';
import { isCurrencyCode } from '../money/currency.js';
import { formatMoney, parseMoney } from '../money/money.js';
import type { AccountFailure, BillTotal } from '../worker/task.js';
import { rangeCondition, type KeyRange } from './key-range.js';
import { refreshClaim, type ClaimedShard } from './shards.js';
import { insertFailures } from './write-bills.js';
import { withTransaction } from '../../storage/transaction.js';

interface BilledRow {
  account_id: string;
  currency: string;
  billed: string;
}

function minorOf(currency: string, text: string): bigint {
  if (!isCurrencyCode(currency)) throw new RangeError(`unknown currency ${currency}`);
  const money = parseMoney(currency, text);
  if (!money) throw new RangeError(`${text} is not ${currency} money`);
  return money.minor;
}

/** What was billed for the period's own consumption, per account in the range. */
async function billedAmounts(
  client: pg.PoolClient,
  periodId: string,
  range: KeyRange,
): Promise<Map<string, BilledRow>> {
  const where = rangeCondition(range, 2, 'b.account_id');
  const { rows } = await client.query<BilledRow>(
    `SELECT b.account_id, b.currency,
            (b.total
              - COALESCE((SELECT sum(l.amount) FROM bill_lines l
                           WHERE l.period_id = b.period_id AND l.account_id = b.account_id AND l.kind = 'adjustment'), 0)
              + COALESCE((SELECT sum(a.amount) FROM bill_adjustments a
                           WHERE a.account_id = b.account_id AND a.from_period = b.period_id AND a.applied_period IS NOT NULL), 0)
            )::text AS billed
       FROM bills b WHERE b.period_id = $1 AND ${where.sql}`,
    [periodId, ...where.params],
  );
  return new Map(rows.map((r) => [r.account_id, r]));
}

export async function writeAdjustmentBatch(
  pool: pg.Pool,
  shard: ClaimedShard,
  range: KeyRange,
  totals: readonly BillTotal[],
  failures: readonly AccountFailure[],
  maxBytes: number,
): Promise<number> {
  return withTransaction(pool, async (client) => {
    const billed = await billedAmounts(client, shard.periodId, range);
    const where = rangeCondition(range, 2);
    await client.query(
      `DELETE FROM bill_adjustments WHERE from_period = $1 AND applied_period IS NULL AND ${where.sql}`,
      [shard.periodId, ...where.params],
    );
    await client.query(`DELETE FROM rating_failures WHERE period_id = $1 AND ${where.sql}`, [
      shard.periodId,
      ...where.params,
    ]);
    const rows = [];
    for (const total of totals) {
      const before = billed.get(total.accountId);
      const currency = before?.currency ?? total.currency;
      const billedMinor = before ? minorOf(currency, before.billed) : 0n;
      const difference = minorOf(currency, total.total) - billedMinor;
      if (difference === 0n || !isCurrencyCode(currency)) continue;
      rows.push({
        account_id: total.accountId,
        currency,
        final_total: formatMoney({ currency, minor: billedMinor }),
        rerated_total: total.total,
        amount: formatMoney({ currency, minor: difference }),
      });
    }
    for (const chunk of jsonChunks(rows, maxBytes)) {
      await client.query(
        `INSERT INTO bill_adjustments (account_id, from_period, currency, final_total, rerated_total, amount)
         SELECT account_id, $1, currency, final_total, rerated_total, amount FROM jsonb_to_recordset($2::jsonb)
             AS x(account_id text, currency text, final_total numeric, rerated_total numeric, amount numeric)`,
        [shard.periodId, chunk],
      );
    }
    await insertFailures(client, shard.periodId, failures, maxBytes);
    await refreshClaim(client, shard);
    return rows.length;
  });
}
