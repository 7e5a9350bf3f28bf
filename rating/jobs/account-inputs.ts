/**
 * From a batch's rows to rating inputs (pure): each account's own period, the tariff its
 * categories map to, the boundary registers to look up, its overdue bills and the late fees
 * carried on them, then the `RateItem` for the worker.
 * Accounts whose cycle does not start this month, or that are closed before / opened after their
 * period, are skipped; accounts that cannot be rated get a coded failure here already.
 */
import type { AccountFacts, BoundaryRegister, OverdueBill } from '../account.js';
import { ratingError, type RatingErrorCode } from '../errors.js';
import { registerCapacityMl } from '../consumption/meter-usage.js';
import { changesWithin, entryOn } from '../periods/history.js';
import { localMidnightUtc } from '../periods/zoned.js';
import type { AccountFailure, RateItem } from '../worker/task.js';
import type { BoundaryRequest } from './boundary-resolve.js';
import type { AccountRow, BatchHistories } from './load-batch.js';
import { accountPeriod, type PeriodMonth } from './period-id.js';

export interface PlannedAccount {
  facts: AccountFacts;
  period: { start: string; end: string };
  tariffId: string;
  requests: BoundaryRequest[];
  /** Overdue bills for the late fee (arrears imported from the customer system). */
  overdue?: OverdueBill[];
}

export interface BatchPlan {
  planned: PlannedAccount[];
  failures: AccountFailure[];
  /** Accounts with no period this month (cycle, opened later, closed before). */
  skipped: number;
}

function failure(
  accountId: string,
  code: RatingErrorCode,
  message: string,
  details: Record<string, string | null>,
): AccountFailure {
  const error = ratingError(code, message, { details });
  return { accountId, code: error.code, kind: error.kind, message: error.message, details };
}

const periods = new Map<string, { start: string; end: string } | null>();
/** accountPeriod, remembered per cycle (a batch has few distinct cycles). */
export function cachedAccountPeriod(
  month: PeriodMonth,
  cycle: { readingDay: number; months: number; firstMonth: number },
): { start: string; end: string } | null {
  const key = `${month.periodId} ${cycle.readingDay} ${cycle.months} ${cycle.firstMonth}`;
  let period = periods.get(key);
  if (period === undefined) {
    period = accountPeriod(month, cycle);
    if (periods.size > 10_000) periods.clear();
    periods.set(key, period);
  }
  return period;
}

const midnights = new Map<string, string>();
export function midnight(date: string, timeZone: string): string {
  const key = `${date} ${timeZone}`;
  let instant = midnights.get(key);
  if (instant === undefined) {
    instant = localMidnightUtc(date, timeZone);
    if (midnights.size > 10_000) midnights.clear();
    midnights.set(key, instant);
  }
  return instant;
}

/** Registers needed at the boundaries: a meter in place before the start (or still at the end). */
function boundaryRequests(
  facts: AccountFacts,
  period: { start: string; end: string },
  timeZone: string,
): BoundaryRequest[] {
  const requests: BoundaryRequest[] = [];
  for (const meter of facts.meters) {
    const removedOn = meter.removedOn;
    if (meter.installedOn >= period.end || (removedOn !== undefined && removedOn <= period.start)) continue;
    const capacityMl = registerCapacityMl(meter);
    const extra = capacityMl === undefined ? {} : { capacityMl };
    if (meter.installedOn < period.start) {
      requests.push({ meterId: meter.meterId, on: period.start, instant: midnight(period.start, timeZone), ...extra });
    }
    if (removedOn === undefined || removedOn > period.end) {
      requests.push({ meterId: meter.meterId, on: period.end, instant: midnight(period.end, timeZone), ...extra });
    }
  }
  return requests;
}

export function planBatch(
  month: PeriodMonth,
  accounts: readonly AccountRow[],
  rows: BatchHistories,
  byCategory: ReadonlyMap<string, string>,
): BatchPlan {
  const planned: PlannedAccount[] = [];
  const failures: AccountFailure[] = [];
  let skipped = 0;
  for (const row of accounts) {
    const id = row.account_id;
    const billingCycle = { readingDay: row.reading_day, months: row.billing_months, firstMonth: row.first_month };
    const period = cachedAccountPeriod(month, billingCycle);
    if (period === null || row.opened_on >= period.end || (row.closed_on !== null && row.closed_on <= period.start)) {
      skipped++;
      continue;
    }
    const categoryHistory = rows.categories.get(id) ?? [];
    const inForce = [
      entryOn(categoryHistory, period.start)?.category,
      ...changesWithin(categoryHistory, period.start, period.end).map(
        (from) => entryOn(categoryHistory, from)?.category,
      ),
    ].filter((c): c is string => c !== undefined);
    const categories = [...new Set(inForce)];
    if (categories.length === 0) {
      failures.push(
        failure(
          id,
          'RATING_NO_CATEGORY',
          `account ${id} has no water-use category in [${period.start}, ${period.end})`,
          { accountId: id, on: period.start },
        ),
      );
      continue;
    }
    const unmapped = categories.find((c) => !byCategory.has(c));
    if (unmapped !== undefined) {
      failures.push(
        failure(id, 'RATING_CATEGORY_NO_TARIFF', `no tariff rates category "${unmapped}" (account ${id})`, {
          accountId: id,
          category: unmapped,
        }),
      );
      continue;
    }
    const tariffIds = [...new Set(categories.map((c) => byCategory.get(c)!))];
    if (tariffIds.length > 1) {
      failures.push(
        failure(
          id,
          'RATING_TARIFF_AMBIGUOUS',
          `account ${id}'s categories ${categories.join(', ')} are rated by tariffs ${tariffIds.join(', ')}`,
          {
            accountId: id,
            tariffs: tariffIds.join(','),
          },
        ),
      );
      continue;
    }
    const households = rows.households.get(id);
    const capacities = rows.capacities.get(id);
    const carry = rows.carry.get(id);
    const meters = rows.meters.get(id) ?? [];
    const facts: AccountFacts = { accountId: id, openedOn: row.opened_on, categoryHistory, meters, billingCycle };
    if (households) facts.householdSizeHistory = households;
    if (capacities) facts.contractedCapacityHistory = capacities;
    if (carry?.tierYearToDate) facts.tierYearToDate = carry.tierYearToDate;
    if (carry) facts.volumeRemainderMl = carry.volumeRemainderMl;
    if (carry?.lateFeesCharged) facts.lateFeesCharged = carry.lateFeesCharged;
    const account: PlannedAccount = {
      facts,
      period,
      tariffId: tariffIds[0]!,
      requests: boundaryRequests(facts, period, row.time_zone),
    };
    const overdue = rows.arrears.get(id);
    if (overdue) account.overdue = overdue;
    planned.push(account);
  }
  return { planned, failures, skipped };
}

/** Each planned account's boundary registers, found by `find` (null: not found). */
export function accountRegisters(
  account: PlannedAccount,
  find: (request: BoundaryRequest) => BoundaryRegister | null,
): { registers: BoundaryRegister[]; missing: BoundaryRequest[] } {
  const registers: BoundaryRegister[] = [];
  const missing: BoundaryRequest[] = [];
  for (const request of account.requests) {
    const register = find(request);
    if (register) registers.push(register);
    else missing.push(request);
  }
  return { registers, missing };
}

/** The worker item of a planned account. */
export function rateItem(account: PlannedAccount, registers: BoundaryRegister[], rows: BatchHistories): RateItem {
  return {
    tariffId: account.tariffId,
    input: {
      account: account.facts,
      period: account.period,
      registers,
      ...(account.overdue ? { overdue: account.overdue } : {}),
    },
    adjustments: rows.adjustments.get(account.facts.accountId) ?? [],
  };
}
