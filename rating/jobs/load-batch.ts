/**
 * The database reads of a rating batch: a keyset page of accounts, then everything rating needs
 * about exactly those accounts in one statement of range subqueries, one per table (their ids are
 * consecutive in key order, so `account_id BETWEEN first AND last` selects them and no others),
 * each aggregated into one JSON text that the worker thread parses: histories, meter
 * installations (dates in the account's time zone, meter size from the meters table when the
 * import did not say), the carry of each account's latest earlier bill, the adjustments due, and
 * the overdue bills (arrears) that can still accrue a late fee this month.
 */
import type pg from 'pg';
import type {
  CategoryEntry,
  ContractedCapacityEntry,
  HouseholdSizeEntry,
  MeterInstallation,
  OverdueBill,
} from '../account.js';
import type { CarryOver } from '../result.js';
import type { AdjustmentDue } from '../worker/task.js';

type Queryable = Pick<pg.Pool, 'query'>;

export interface AccountRow {
  account_id: string;
  reading_day: number;
  billing_months: number;
  first_month: number;
  time_zone: string;
  opened_on: string;
  closed_on: string | null;
}

export interface AccountRange {
  /** Inclusive lower bound, null: unbounded. */
  from: string | null;
  /** Exclusive upper bound, null: unbounded. */
  to: string | null;
}

/** Up to `limit` accounts of the range after `after` (exclusive), in key order. */
export async function loadAccountPage(
  q: Queryable,
  range: AccountRange,
  after: string | null,
  limit: number,
): Promise<AccountRow[]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (after !== null) {
    params.push(after);
    conditions.push(`account_id > $${params.length}`);
  } else if (range.from !== null) {
    params.push(range.from);
    conditions.push(`account_id >= $${params.length}`);
  }
  if (range.to !== null) {
    params.push(range.to);
    conditions.push(`account_id < $${params.length}`);
  }
  params.push(limit);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const { rows } = await q.query<AccountRow>(
    `SELECT account_id, reading_day, billing_months, first_month, time_zone, opened_on, closed_on
       FROM accounts ${where} ORDER BY account_id LIMIT $${params.length}`,
    params,
  );
  return rows;
}

export interface BatchHistories {
  categories: Map<string, CategoryEntry[]>;
  households: Map<string, HouseholdSizeEntry[]>;
  capacities: Map<string, ContractedCapacityEntry[]>;
  meters: Map<string, MeterInstallation[]>;
  carry: Map<string, CarryOver>;
  adjustments: Map<string, AdjustmentDue[]>;
  arrears: Map<string, OverdueBill[]>;
}

/**
 * A batch's histories as the database sends them: per table one JSON array of row arrays (built
 * by json_agg on the server), passed as text to the worker thread, which parses them
 * (parseBatchHistories). The main thread never parses these rows one by one.
 */
export interface BatchHistoriesJson {
  categories: string;
  households: string;
  capacities: string;
  meters: string;
  carry: string;
  adjustments: string;
  arrears: string;
}

const HISTORY_SQL = {
  categories: `SELECT json_agg(json_build_array(account_id, effective_from, category) ORDER BY account_id, effective_from)::text
                 FROM account_categories WHERE account_id BETWEEN $1 AND $2`,
  households: `SELECT json_agg(json_build_array(account_id, effective_from, persons) ORDER BY account_id, effective_from)::text
                 FROM account_household_sizes WHERE account_id BETWEEN $1 AND $2`,
  capacities: `SELECT json_agg(json_build_array(account_id, effective_from, m3_per_month) ORDER BY account_id, effective_from)::text
                 FROM account_contracted_capacities WHERE account_id BETWEEN $1 AND $2`,
  meters: `SELECT json_agg(json_build_array(i.account_id, i.meter_id, (i.installed_at AT TIME ZONE a.time_zone)::date,
                  i.initial_register_ml, (i.removed_at AT TIME ZONE a.time_zone)::date, i.final_register_ml,
                  COALESCE(i.register_digits, m.register_digits), COALESCE(i.diameter_mm, m.diameter_mm))
                  ORDER BY i.account_id, i.installed_at)::text
             FROM meter_installations i
             JOIN accounts a ON a.account_id = i.account_id
             LEFT JOIN meters m ON m.meter_id = i.meter_id
            WHERE i.account_id BETWEEN $1 AND $2 AND a.account_id BETWEEN $1 AND $2`,
  carry: `SELECT json_agg(json_build_array(account_id, carry))::text FROM (
            SELECT DISTINCT ON (account_id) account_id, carry FROM bills
             WHERE account_id BETWEEN $1 AND $2 AND period_id < $3::text ORDER BY account_id, period_id DESC) c`,
  adjustments: `SELECT json_agg(json_build_array(account_id, adjustment_id, from_period, amount::text, final_total::text, rerated_total::text)
                  ORDER BY account_id, adjustment_id)::text
                  FROM bill_adjustments
                 WHERE account_id BETWEEN $1 AND $2 AND from_period < $3::text AND (applied_period IS NULL OR applied_period = $3::text)`,
  // paid before the month began: no late day can fall in this period or a later one
  arrears: `SELECT json_agg(json_build_array(account_id, bill_ref, amount::text, due_on, notice_on, paid_on)
                  ORDER BY account_id, bill_ref)::text
              FROM account_arrears
             WHERE account_id BETWEEN $1 AND $2 AND (paid_on IS NULL OR paid_on >= ($3::text || '-01')::date)`,
} as const;

const HISTORY_KEYS = Object.keys(HISTORY_SQL) as (keyof typeof HISTORY_SQL)[];

// One statement for all of them ($1, $2: the first and last account id; $3: the period id): one
// round trip and one connection per batch instead of one per table.
const HISTORIES_SQL = `SELECT ${HISTORY_KEYS.map((key) => `(${HISTORY_SQL[key]})`).join(',\n       ')}`;

/** The histories of the accounts with ids in [first, last], in one statement. */
export async function loadBatchHistories(
  q: Queryable,
  first: string,
  last: string,
  periodId: string,
): Promise<BatchHistoriesJson> {
  const { rows } = await q.query<(string | null)[]>({
    text: HISTORIES_SQL,
    values: [first, last, periodId],
    rowMode: 'array',
  });
  const row = rows[0] ?? [];
  return Object.fromEntries(
    HISTORY_KEYS.map((key, index) => [key, row[index] ?? '[]']),
  ) as unknown as BatchHistoriesJson;
}

type Cell = string | number | null;

function grouped<T>(json: string, map: (row: Cell[]) => T): Map<string, T[]> {
  const result = new Map<string, T[]>();
  for (const row of JSON.parse(json) as Cell[][]) {
    const id = row[0] as string;
    let list = result.get(id);
    if (!list) result.set(id, (list = []));
    list.push(map(row));
  }
  return result;
}

function overdueBill(row: Cell[]): OverdueBill {
  const [, billId, amount, dueDate, noticeDate, paidOn] = row;
  return {
    billId: billId as string,
    amount: amount as string,
    ...(dueDate !== null ? { dueDate: dueDate as string } : {}),
    ...(noticeDate !== null ? { noticeDate: noticeDate as string } : {}),
    ...(paidOn !== null ? { paidOn: paidOn as string } : {}),
  };
}

function installation(row: Cell[]): MeterInstallation {
  const [, meterId, installedOn, initialRegisterMl, removedOn, finalRegisterMl, registerDigits, diameterMm] = row;
  const meter: MeterInstallation = {
    meterId: meterId as string,
    installedOn: installedOn as string,
    initialRegisterMl: initialRegisterMl as number,
  };
  if (removedOn !== null) meter.removedOn = removedOn as string;
  if (finalRegisterMl !== null) meter.finalRegisterMl = finalRegisterMl as number;
  if (registerDigits !== null) meter.registerDigits = registerDigits as number;
  if (diameterMm !== null) meter.diameterMm = diameterMm as number;
  return meter;
}

/** The histories grouped by account (runs in the worker thread). */
export function parseBatchHistories(json: BatchHistoriesJson): BatchHistories {
  const carry = new Map<string, CarryOver>();
  for (const [id, value] of JSON.parse(json.carry) as [string, CarryOver][]) carry.set(id, value);
  return {
    categories: grouped(json.categories, (r) => ({ from: r[1] as string, category: r[2] as string })),
    households: grouped(json.households, (r) => ({ from: r[1] as string, persons: r[2] as number })),
    capacities: grouped(json.capacities, (r) => ({ from: r[1] as string, m3PerMonth: Number(r[2]) })),
    meters: grouped(json.meters, installation),
    carry,
    adjustments: grouped(json.adjustments, (r) => ({
      adjustmentId: r[1] as number,
      fromPeriod: r[2] as string,
      amount: r[3] as string,
      finalTotal: r[4] as string,
      reratedTotal: r[5] as string,
    })),
    arrears: grouped(json.arrears, overdueBill),
  };
}
