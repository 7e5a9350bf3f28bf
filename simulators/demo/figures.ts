/**
 * What the demo shows, read back from the database after the run: uplinks by status, readings
 * stored and flagged by rule, open alarms, the period's total and three example bills (a typical
 * household, the largest household bill, the largest business bill) with their lines.
 */
import type pg from 'pg';
import { FLAG, FLAG_NAMES } from '../../gateway/validation/flags.js';
import type { StoredBill } from '../../rating/bills/bill.js';
import { readBill, readFailures, type RatingFailureRow } from '../../rating/bills/read.js';

export interface DemoFigures {
  uplinks: { total: number; byStatus: Record<string, number> };
  readings: { stored: number; flagged: number; byRule: Record<string, number> };
  alarms: { open: number; byKind: Record<string, number> };
  bills: { count: number; totals: Array<{ currency: string; total: string }> };
  examples: Array<{ label: string; bill: StoredBill }>;
  /** Accounts the rating could not bill, with why. */
  failures: RatingFailureRow[];
}

function counts(rows: Array<{ key: string; n: number }>): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));
}

export async function readDemoFigures(pool: pg.Pool, periodId: string): Promise<DemoFigures> {
  const uplinks = await pool.query<{ key: string; n: number }>(
    `SELECT status AS key, count(*)::int AS n FROM raw_uplinks GROUP BY status ORDER BY status`,
  );
  const ruleColumns = FLAG_NAMES.map(
    (name) => `count(*) FILTER (WHERE flags & ${FLAG[name]} <> 0)::int AS "${name}"`,
  ).join(', ');
  const readings = await pool.query<Record<string, number>>(
    `SELECT count(*)::int AS stored, count(*) FILTER (WHERE flags <> 0)::int AS flagged, ${ruleColumns} FROM readings`,
  );
  const alarms = await pool.query<{ key: string; n: number }>(
    `SELECT kind AS key, count(*)::int AS n FROM alarms WHERE state = 'active' GROUP BY kind ORDER BY kind`,
  );
  const totals = await pool.query<{ currency: string; total: string; n: number }>(
    `SELECT currency, sum(total)::text AS total, count(*)::int AS n FROM bills WHERE period_id = $1 GROUP BY currency ORDER BY currency`,
    [periodId],
  );
  const bills = await pool.query<{ account_id: string; total: string; category: string }>(
    `SELECT b.account_id, b.total::text AS total,
            (SELECT c.category FROM account_categories c WHERE c.account_id = b.account_id ORDER BY c.effective_from DESC LIMIT 1) AS category
       FROM bills b WHERE b.period_id = $1 ORDER BY b.total, b.account_id`,
    [periodId],
  );
  const row = readings.rows[0] ?? {};
  const byRule: Record<string, number> = {};
  for (const name of FLAG_NAMES) if ((row[name] ?? 0) > 0) byRule[name] = row[name]!;

  const households = bills.rows.filter((b) => b.category === 'residential');
  const businesses = bills.rows.filter((b) => b.category !== 'residential');
  const picks: Array<{ label: string; accountId: string | undefined }> = [
    {
      label: 'a typical household (the median bill)',
      accountId: households[Math.floor(households.length / 2)]?.account_id,
    },
    { label: 'the largest household bill', accountId: households.at(-1)?.account_id },
    { label: 'the largest business bill', accountId: businesses.at(-1)?.account_id },
  ];
  const examples: DemoFigures['examples'] = [];
  const seen = new Set<string>();
  for (const pick of picks) {
    if (pick.accountId === undefined || seen.has(pick.accountId)) continue;
    seen.add(pick.accountId);
    const bill = await readBill(pool, periodId, pick.accountId);
    if (bill) examples.push({ label: pick.label, bill });
  }
  const byStatus = counts(uplinks.rows);
  return {
    uplinks: { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus },
    readings: { stored: row.stored ?? 0, flagged: row.flagged ?? 0, byRule },
    alarms: { open: alarms.rows.reduce((a, r) => a + Number(r.n), 0), byKind: counts(alarms.rows) },
    bills: {
      count: totals.rows.reduce((a, r) => a + Number(r.n), 0),
      totals: totals.rows.map((r) => ({ currency: r.currency, total: r.total })),
    },
    examples,
    failures: await readFailures(pool, periodId),
  };
}
