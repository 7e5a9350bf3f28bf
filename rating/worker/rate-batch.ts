/**
 * Rates one batch of accounts inside a worker thread: for a batch read from the database, each
 * account's period, tariff and boundary registers are worked out here (jobs/account-inputs.ts,
 * jobs/boundary-resolve.ts), then `rateAccount` (the same code path as `meterflow quote`),
 * adjustment lines appended, and the bills encoded for the writer. Never throws for one account:
 * an unexpected exception becomes that account's RATING_INVARIANT_BROKEN failure, so one bad
 * account cannot stop a period. Pure.
 */
import type { BoundaryRegister } from '../account.js';
import { jsonChunks } from '../db/json-chunks.js';
import { RATING_ERRORS } from '../errors.js';
import { accountRegisters, planBatch, rateItem } from '../jobs/account-inputs.js';
import { parseBatchHistories } from '../jobs/load-batch.js';
import { neighboursFromJson, registerFrom, type BoundaryRequest, type Neighbours } from '../jobs/boundary-resolve.js';
import { rateAccount } from '../rate-account.js';
import type { RatedPeriod } from '../result.js';
import {
  BILL_COLUMNS,
  BILL_JSON_COLUMNS,
  billRow,
  copyBillRow,
  copyLineRows,
  LINE_COLUMNS,
  LINE_JSON_COLUMNS,
  lineRows,
  rowObjects,
} from './bill-rows.js';
import { CopyBuffer } from './copy-buffer.js';
import type { AccountFailure, BatchFacts, BillTotal, FactsTask, RateItem, RateTask, RateTaskResult } from './task.js';

function rateOne(task: RateTask, item: RateItem): RatedPeriod | AccountFailure {
  const accountId = item.input.account.accountId;
  const tariff = task.tariffs[item.tariffId];
  if (!tariff) {
    return {
      accountId,
      code: 'RATING_CATEGORY_NO_TARIFF',
      kind: 'invalidInput',
      message: `tariff ${item.tariffId} is not loaded`,
    };
  }
  try {
    const { account, period, registers, overdue } = item.input;
    // an explicit literal: `{ ...item.input, tariff }` costs far more in V8 (a spread plus a property)
    const result = rateAccount(
      overdue === undefined ? { account, period, registers, tariff } : { account, period, registers, tariff, overdue },
    );
    if (result.ok) return result;
    const { code, kind, message, details } = result.error;
    return { accountId, code, kind, message, ...(details ? { details } : {}) };
  } catch (err) {
    return {
      accountId,
      code: 'RATING_INVARIANT_BROKEN',
      kind: RATING_ERRORS.RATING_INVARIANT_BROKEN.kind,
      message: `rating threw: ${(err as Error).message}`,
    };
  }
}

// COPY bytes per account, to size a batch's buffers once (they grow when a batch needs more)
const BILL_BYTES_PER_ACCOUNT = 1024;
const LINE_BYTES_PER_ACCOUNT = 2048;

/** Rates complete items and encodes the bills. */
export function rateItems(task: RateTask, items: readonly RateItem[]): RateTaskResult {
  const failures: AccountFailure[] = [];
  const totals: BillTotal[] = [];
  const billRows: ReturnType<typeof billRow>[] = [];
  const lines: ReturnType<typeof lineRows> = [];
  const copy = task.output === 'copy';
  const billBytes = new CopyBuffer(copy ? items.length * BILL_BYTES_PER_ACCOUNT : 0);
  const lineBytes = new CopyBuffer(copy ? items.length * LINE_BYTES_PER_ACCOUNT : 0);
  let billCount = 0;
  let lineCount = 0;
  for (const item of items) {
    const rated = rateOne(task, item);
    if (!('ok' in rated)) {
      failures.push(rated);
      continue;
    }
    billCount++;
    if (task.output === 'totals') {
      totals.push({
        accountId: rated.accountId,
        currency: rated.currency,
        total: rated.totals.amount,
        billedVolumeMl: rated.totals.billedVolumeMl,
      });
      continue;
    }
    lineCount += rated.lines.length + item.adjustments.length;
    if (copy) {
      billBytes.append(copyBillRow(task.periodId, rated, item.adjustments));
      lineBytes.append(copyLineRows(task.periodId, rated, item.adjustments));
    } else {
      billRows.push(billRow(task.periodId, rated, item.adjustments));
      lines.push(...lineRows(task.periodId, rated, item.adjustments));
    }
  }
  const deferred: RateTaskResult['deferred'] = { accountIds: [], requests: [] };
  if (task.output === 'json') {
    return {
      bills: jsonChunks(rowObjects(BILL_COLUMNS, billRows, BILL_JSON_COLUMNS), task.maxChunkBytes),
      lines: jsonChunks(rowObjects(LINE_COLUMNS, lines, LINE_JSON_COLUMNS), task.maxChunkBytes),
      billCount,
      lineCount,
      totals,
      failures,
      deferred,
      skipped: 0,
    };
  }
  return {
    bills: billBytes.byteLength > 0 ? [billBytes.finish()] : [],
    lines: lineBytes.byteLength > 0 ? [lineBytes.finish()] : [],
    billCount,
    lineCount,
    totals,
    failures,
    deferred,
    skipped: 0,
  };
}

function registerKey(meterId: string, on: string): string {
  return `${meterId}\u0000${on}`;
}

/** Plans, resolves and rates a batch read from the database. */
export function rateFacts(task: FactsTask): RateTaskResult {
  const facts: BatchFacts = task.facts;
  const only = facts.only ? new Set(facts.only) : null;
  const accounts = only ? facts.accounts.filter((a) => only.has(a.account_id)) : facts.accounts;
  const histories = parseBatchHistories(facts.histories);
  const plan = planBatch(facts.month, accounts, histories, new Map(Object.entries(facts.byCategory)));
  const near = new Map<string, Map<string, Neighbours>>();
  for (const [instant, texts] of Object.entries(facts.near)) near.set(instant, neighboursFromJson(texts, instant));
  const far = new Map<string, BoundaryRegister>();
  for (const register of facts.far ?? []) far.set(registerKey(register.meterId, register.on), register);
  const firstPass = facts.far === undefined;
  const find = (request: BoundaryRequest) =>
    far.get(registerKey(request.meterId, request.on)) ??
    registerFrom(request, near.get(request.instant)?.get(request.meterId) ?? {});
  const items: RateItem[] = [];
  const deferred: RateTaskResult['deferred'] = { accountIds: [], requests: [] };
  for (const account of plan.planned) {
    const { registers, missing } = accountRegisters(account, find);
    if (missing.length > 0 && firstPass) {
      deferred.accountIds.push(account.facts.accountId);
      deferred.requests.push(...missing);
      continue;
    }
    items.push(rateItem(account, registers, histories));
  }
  const result = rateItems(task, items);
  return { ...result, failures: [...plan.failures, ...result.failures], deferred, skipped: plan.skipped };
}

export function rateBatch(task: RateTask): RateTaskResult {
  return task.kind === 'items' ? rateItems(task, task.items) : rateFacts(task);
}
