/**
 * Reading stored bills: keyset pages of a period (by account id, never OFFSET) with their lines,
 * and one account's bill. Two range queries per page: the bills, then the lines of exactly those
 * accounts.
 */
import type pg from 'pg';
import type { StoredBill, StoredBillLine } from './bill.js';

type Queryable = Pick<pg.Pool, 'query'>;

interface BillRow {
  period_id: string;
  account_id: string;
  status: 'draft' | 'final';
  currency: string;
  tariff_id: string;
  period_start: string;
  period_end: string;
  total: string;
  billed_volume_ml: number;
  metered_volume_ml: number;
  carry: StoredBill['carry'];
  meters: StoredBill['meters'];
  segments: StoredBill['segments'];
  warnings: StoredBill['warnings'];
  rated_at: Date;
}

interface LineRow {
  account_id: string;
  line_no: number;
  component: string;
  kind: string;
  tier: number | null;
  category: string | null;
  segment_start: string;
  segment_end: string;
  volume_ml: number | null;
  volume_factor: string | null;
  unit_price: string | null;
  amount: string;
  exact_amount: string;
  readings_used: string[];
  explanation: string;
  adjustment_id: number | null;
}

const BILL_SELECT = `SELECT period_id, account_id, status, currency, tariff_id, period_start, period_end, total::text AS total,
       billed_volume_ml, metered_volume_ml, carry, meters, segments, warnings, rated_at FROM bills`;

const LINE_SELECT = `SELECT account_id, line_no, component, kind, tier, category, segment_start, segment_end, volume_ml,
       volume_factor::text AS volume_factor, unit_price::text AS unit_price, amount::text AS amount, exact_amount,
       readings_used, explanation, adjustment_id FROM bill_lines`;

function line(r: LineRow): StoredBillLine {
  return {
    lineNo: r.line_no,
    component: r.component,
    kind: r.kind,
    tier: r.tier,
    category: r.category,
    segmentStart: r.segment_start,
    segmentEnd: r.segment_end,
    volumeMl: r.volume_ml,
    volumeFactor: r.volume_factor,
    unitPrice: r.unit_price,
    amount: r.amount,
    exactAmount: r.exact_amount,
    readingsUsed: r.readings_used,
    explanation: r.explanation,
    adjustmentId: r.adjustment_id,
  };
}

function bill(r: BillRow, lines: StoredBillLine[]): StoredBill {
  return {
    periodId: r.period_id,
    accountId: r.account_id,
    status: r.status,
    currency: r.currency,
    tariffId: r.tariff_id,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    total: r.total,
    billedVolumeMl: r.billed_volume_ml,
    meteredVolumeMl: r.metered_volume_ml,
    lines,
    meters: r.meters,
    segments: r.segments,
    carry: r.carry,
    warnings: r.warnings,
    ratedAt: r.rated_at.toISOString(),
  };
}

/** Up to `limit` bills of the period with account id after `after` (and up to `through`), in account order. */
export async function readBillPage(
  q: Queryable,
  periodId: string,
  after: string | null,
  limit: number,
  through: string | null = null,
): Promise<StoredBill[]> {
  const bills =
    through === null
      ? await q.query<BillRow>(`${BILL_SELECT} WHERE period_id = $1 AND account_id > $2 ORDER BY account_id LIMIT $3`, [
          periodId,
          after ?? '',
          limit,
        ])
      : await q.query<BillRow>(
          `${BILL_SELECT} WHERE period_id = $1 AND account_id > $2 AND account_id <= $4 ORDER BY account_id LIMIT $3`,
          [periodId, after ?? '', limit, through],
        );
  if (bills.rows.length === 0) return [];
  const first = bills.rows[0]!.account_id;
  const last = bills.rows[bills.rows.length - 1]!.account_id;
  const lines = await q.query<LineRow>(
    `${LINE_SELECT} WHERE period_id = $1 AND account_id BETWEEN $2 AND $3 ORDER BY account_id, line_no`,
    [periodId, first, last],
  );
  const byAccount = new Map<string, StoredBillLine[]>();
  for (const row of lines.rows) {
    let list = byAccount.get(row.account_id);
    if (!list) byAccount.set(row.account_id, (list = []));
    list.push(line(row));
  }
  return bills.rows.map((row) => bill(row, byAccount.get(row.account_id) ?? []));
}

export async function readBill(q: Queryable, periodId: string, accountId: string): Promise<StoredBill | null> {
  const bills = await q.query<BillRow>(`${BILL_SELECT} WHERE period_id = $1 AND account_id = $2`, [
    periodId,
    accountId,
  ]);
  const row = bills.rows[0];
  if (!row) return null;
  const lines = await q.query<LineRow>(`${LINE_SELECT} WHERE period_id = $1 AND account_id = $2 ORDER BY line_no`, [
    periodId,
    accountId,
  ]);
  return bill(row, lines.rows.map(line));
}

/** The account id after which the page following `after` ends (for a cursor header), and whether more follow. */
export async function pageEnd(
  q: Queryable,
  periodId: string,
  after: string | null,
  limit: number,
): Promise<{ last: string | null; more: boolean }> {
  const { rows } = await q.query<{ account_id: string }>(
    'SELECT account_id FROM bills WHERE period_id = $1 AND account_id > $2 ORDER BY account_id OFFSET $3 LIMIT 2',
    [periodId, after ?? '', Math.max(0, limit - 1)],
  );
  return { last: rows[0]?.account_id ?? null, more: rows.length > 1 };
}

export interface RatingFailureRow {
  accountId: string;
  code: string;
  kind: string;
  message: string;
  details: Record<string, unknown> | null;
}

export async function readFailures(q: Queryable, periodId: string): Promise<RatingFailureRow[]> {
  const { rows } = await q.query<{
    account_id: string;
    code: string;
    kind: string;
    message: string;
    details: Record<string, unknown> | null;
  }>('SELECT account_id, code, kind, message, details FROM rating_failures WHERE period_id = $1 ORDER BY account_id', [
    periodId,
  ]);
  return rows.map((r) => ({
    accountId: r.account_id,
    code: r.code,
    kind: r.kind,
    message: r.message,
    details: r.details,
  }));
}
