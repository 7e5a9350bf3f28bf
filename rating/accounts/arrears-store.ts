/**
 * Arrears in the database (`account_arrears`, migrations/0004): an idempotent upsert by account
 * and bill reference, in one transaction (a file imports whole or not at all), and the records of
 * one account. A record whose values are unchanged is not written again.
 */
import type pg from 'pg';
import { jsonChunks, statementBytes } from '../db/json-chunks.js';
import type { ArrearsRecord } from './arrears-record.js';

type Queryable = Pick<pg.Pool, 'query'>;

export interface ArrearsCounts {
  created: number;
  updated: number;
  unchanged: number;
}

// account ids per lookup statement: small enough for the embedded engine's message limit
const LOOKUP_CHUNK = 200;

/** The ids among `accountIds` that are not imported accounts. */
export async function unknownAccounts(q: Queryable, accountIds: readonly string[]): Promise<Set<string>> {
  const unknown = new Set(accountIds);
  const distinct = [...unknown];
  for (let start = 0; start < distinct.length; start += LOOKUP_CHUNK) {
    const { rows } = await q.query<{ account_id: string }>(
      'SELECT account_id FROM accounts WHERE account_id = ANY($1::text[])',
      [distinct.slice(start, start + LOOKUP_CHUNK)],
    );
    for (const row of rows) unknown.delete(row.account_id);
  }
  return unknown;
}

const UPSERT_SQL = `
INSERT INTO account_arrears (account_id, bill_ref, amount, due_on, notice_on, paid_on)
SELECT account_id, bill_ref, amount, due_on, notice_on, paid_on
  FROM jsonb_to_recordset($1::jsonb)
    AS x(account_id text, bill_ref text, amount numeric, due_on date, notice_on date, paid_on date)
ON CONFLICT (account_id, bill_ref) DO UPDATE SET
  amount = EXCLUDED.amount, due_on = EXCLUDED.due_on, notice_on = EXCLUDED.notice_on, paid_on = EXCLUDED.paid_on,
  imported_at = now()
WHERE (account_arrears.amount, account_arrears.due_on, account_arrears.notice_on, account_arrears.paid_on)
      IS DISTINCT FROM (EXCLUDED.amount, EXCLUDED.due_on, EXCLUDED.notice_on, EXCLUDED.paid_on)
RETURNING (xmax = 0) AS created`;

/** Upserts the records (all of them, or none on an error). Records not in the list are not touched. */
export async function importArrears(
  pool: pg.Pool,
  records: readonly ArrearsRecord[],
  options: { singleConnection?: boolean } = {},
): Promise<ArrearsCounts> {
  const rows = records.map((r) => ({
    account_id: r.accountId,
    bill_ref: r.bill,
    amount: r.amount,
    due_on: r.dueDate ?? null,
    notice_on: r.noticeDate ?? null,
    paid_on: r.paidOn ?? null,
  }));
  const counts: ArrearsCounts = { created: 0, updated: 0, unchanged: records.length };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const chunk of jsonChunks(rows, statementBytes(options.singleConnection ?? true))) {
      const { rows: written } = await client.query<{ created: boolean }>(UPSERT_SQL, [chunk]);
      for (const row of written) {
        if (row.created) counts.created++;
        else counts.updated++;
        counts.unchanged--;
      }
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  return counts;
}

/** One account's arrears records, in bill-reference order. */
export async function listArrears(q: Queryable, accountId: string): Promise<ArrearsRecord[]> {
  const { rows } = await q.query<{
    bill_ref: string;
    amount: string;
    due_on: string | null;
    notice_on: string | null;
    paid_on: string | null;
  }>(
    `SELECT bill_ref, amount::text AS amount, due_on, notice_on, paid_on
       FROM account_arrears WHERE account_id = $1 ORDER BY bill_ref`,
    [accountId],
  );
  return rows.map((r) => ({
    accountId,
    bill: r.bill_ref,
    amount: r.amount,
    ...(r.due_on !== null ? { dueDate: r.due_on } : {}),
    ...(r.notice_on !== null ? { noticeDate: r.notice_on } : {}),
    ...(r.paid_on !== null ? { paidOn: r.paid_on } : {}),
  }));
}
