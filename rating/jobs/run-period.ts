/**
 * `meterflow rate --period P [--shard k/n]`: rates one shard of a billing period from the
 * database. Accounts are streamed in keyset pages; each page's facts are read with one statement
 * of range subqueries and one near-readings query per boundary (load-batch.ts,
 * boundary-registers.ts), rated on the worker pool (rate-batch.ts), and written in one
 * transaction per page (write-bills.ts) as soon as it is rated, in any order. The pipeline keeps
 * every stage busy: the next page is read while this one's facts are, pages are read while
 * earlier ones are rated and written, and up to `2 × workers + 2` pages are in flight. A draft
 * period's bills are replaced; a final period's are compared and the differences recorded as
 * adjustments (adjustments.ts).
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Database } from '../../storage/database.js';
import { statementBytes } from '../db/json-chunks.js';
import { fail, ratingError, succeed, type Outcome } from '../errors.js';
import { loadRatingTariffs } from '../tariffs/store.js';
import type { Tariff } from '../tariffs/types.js';
import { createRatingPool, type RatingPool } from '../worker/pool.js';
import type { FactsTask, RateTaskResult } from '../worker/task.js';
import { cachedAccountPeriod, midnight } from './account-inputs.js';
import { writeAdjustmentBatch } from './adjustments.js';
import { databaseBoundaryRegisters, nearReadingsJson, type BoundaryRegisterSource } from './boundary-registers.js';
import type { KeyBound, KeyRange } from './key-range.js';
import { loadAccountPage, loadBatchHistories, type AccountRow } from './load-batch.js';
import { parsePeriodId, type PeriodMonth } from './period-id.js';
import { claimShard, finishShard, releaseShard, shardRange, type ClaimedShard, type ShardSpec } from './shards.js';
import { clearRange, writeDraftBatch, type WriteMode } from './write-bills.js';
import { withTransaction } from '../../storage/transaction.js';

export interface RateJobOptions {
  periodId: string;
  shard?: ShardSpec;
  /** Worker threads (default: as many as cores); ignored when `pool` is given. */
  workers?: number;
  /** Accounts per batch (default 1000). */
  batchSize?: number;
  claimant?: string;
  pool?: RatingPool;
  boundaryRegisters?: BoundaryRegisterSource;
  /** Called after each batch is written. */
  onProgress?: (progress: RateProgress) => void;
}

export interface RateProgress {
  accounts: number;
  bills: number;
  failures: number;
  elapsedMs: number;
}

export interface RateJobReport {
  periodId: string;
  mode: 'draft' | 'final-rerated';
  shard: string;
  /** Accounts read from the shard. */
  accounts: number;
  /** Accounts with no period this month (billing cycle, opened later, closed). */
  skipped: number;
  bills: number;
  lines: number;
  failures: number;
  failuresByCode: Record<string, number>;
  /** Final periods: accounts whose re-rated amount differs (adjustments recorded). */
  adjustments: number;
  workers: number;
  elapsedMs: number;
}

function defaultClaimant(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

interface Batch {
  range: KeyRange;
  task: FactsTask;
}

/** The batch's accounts per boundary instant of their period (for the near-readings query). */
function boundaryAccounts(month: PeriodMonth, accounts: readonly AccountRow[]): Map<string, string[]> {
  const byInstant = new Map<string, string[]>();
  for (const row of accounts) {
    const period = cachedAccountPeriod(month, {
      readingDay: row.reading_day,
      months: row.billing_months,
      firstMonth: row.first_month,
    });
    if (!period) continue;
    for (const date of [period.start, period.end]) {
      const instant = midnight(date, row.time_zone);
      let ids = byInstant.get(instant);
      if (!ids) byInstant.set(instant, (ids = []));
      ids.push(row.account_id);
    }
  }
  return byInstant;
}

function mergeResults(a: RateTaskResult, b: RateTaskResult): RateTaskResult {
  return {
    bills: [...a.bills, ...b.bills],
    lines: [...a.lines, ...b.lines],
    billCount: a.billCount + b.billCount,
    lineCount: a.lineCount + b.lineCount,
    totals: [...a.totals, ...b.totals],
    failures: [...a.failures, ...b.failures],
    deferred: b.deferred,
    skipped: a.skipped + b.skipped,
  };
}

export async function ratePeriod(db: Database, options: RateJobOptions): Promise<Outcome<RateJobReport>> {
  const month = parsePeriodId(options.periodId);
  if (!month) {
    return fail(
      ratingError('RATING_PERIOD_INVALID', `period ${options.periodId} is not a month YYYY-MM`, {
        details: { periodId: options.periodId },
      }),
    );
  }
  const spec = options.shard ?? { index: 1, count: 1 };
  const claimed = await claimShard(db.pool, month, spec, options.claimant ?? defaultClaimant());
  if (!claimed.ok) return claimed;
  const shard = claimed.value;
  const ownPool = options.pool === undefined;
  const pool = options.pool ?? createRatingPool(options.workers === undefined ? {} : { workers: options.workers });
  try {
    const report = await runShard(db, shard, month, pool, options);
    await finishShard(db.pool, shard, { accounts: report.bills, failures: report.failures });
    return succeed(report);
  } catch (err) {
    await releaseShard(db.pool, shard).catch(() => undefined);
    throw err;
  } finally {
    if (ownPool) await pool.close();
  }
}

async function runShard(
  db: Database,
  shard: ClaimedShard,
  month: NonNullable<ReturnType<typeof parsePeriodId>>,
  pool: RatingPool,
  options: RateJobOptions,
): Promise<RateJobReport> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  const finalRerate = shard.periodStatus === 'final';
  const writeMode: WriteMode = db.singleConnection ? 'json' : 'copy';
  const maxBytes = statementBytes(db.singleConnection);
  const perQuery = db.singleConnection ? 600 : 5000;
  const source = options.boundaryRegisters ?? databaseBoundaryRegisters(db.pool, { maxRequests: perQuery });
  const { byCategory, tariffs } = await loadRatingTariffs(db.pool);
  const byCategoryRecord = Object.fromEntries(byCategory);
  const allTariffs: Record<string, Tariff> = Object.fromEntries(tariffs);
  const whole = shardRange(shard);
  const report: RateJobReport = {
    periodId: shard.periodId,
    mode: finalRerate ? 'final-rerated' : 'draft',
    shard: `${shard.index}/${shard.count}`,
    accounts: 0,
    skipped: 0,
    bills: 0,
    lines: 0,
    failures: 0,
    failuresByCode: {},
    adjustments: 0,
    workers: pool.threads,
    elapsedMs: 0,
  };

  /** The readings near each boundary instant of the page's accounts, as JSON texts. */
  const nearReadings = async (page: AccountRow[], first: string, last: string) =>
    Object.fromEntries(
      await Promise.all(
        [...boundaryAccounts(month, page)].map(
          async ([instant, ids]) =>
            [
              instant,
              // every account of the page has this boundary (one reading day): select them by range
              await nearReadingsJson(
                db.pool,
                instant,
                ids,
                perQuery,
                ids.length === page.length ? { first, last } : undefined,
              ),
            ] as const,
        ),
      ),
    );

  const rateBatch = async (batch: Batch): Promise<RateTaskResult> => {
    const first = await pool.run(batch.task);
    if (first.deferred.accountIds.length === 0) return first;
    // boundaries with no reading within the near window: look further, rate those accounts again
    const far = await source.lookup(first.deferred.requests);
    const second = await pool.run({
      ...batch.task,
      facts: { ...batch.task.facts, far, only: first.deferred.accountIds },
    });
    return mergeResults(first, second);
  };

  const write = async (batch: Batch, result: RateTaskResult): Promise<void> => {
    const failures = result.failures;
    if (finalRerate) {
      report.adjustments += await writeAdjustmentBatch(db.pool, shard, batch.range, result.totals, failures, maxBytes);
    } else {
      await writeDraftBatch(db.pool, shard, batch.range, { ...result, failures }, writeMode, maxBytes);
    }
    report.skipped += result.skipped;
    report.bills += result.billCount;
    report.lines += result.lineCount;
    report.failures += failures.length;
    for (const failure of failures)
      report.failuresByCode[failure.code] = (report.failuresByCode[failure.code] ?? 0) + 1;
    options.onProgress?.({
      accounts: report.accounts,
      bills: report.bills,
      failures: report.failures,
      elapsedMs: Date.now() - started,
    });
  };

  // Batches read but not yet written: enough that the workers never wait while earlier batches
  // are being written (a write takes about as long as rating), few enough to bound memory.
  const inFlight = new Set<Promise<void>>();
  let firstError: unknown;
  const maxInFlight = pool.threads * 2 + 2;
  let lower: KeyBound | null = whole.lower;
  const pageAfter = (after: string | null) =>
    loadAccountPage(db.pool, { from: shard.from, to: shard.to }, after, batchSize);
  let nextPage = pageAfter(null);
  for (;;) {
    if (firstError !== undefined) break;
    const page = await nextPage;
    if (page.length === 0) break;
    const first = page[0]!.account_id;
    const last = page[page.length - 1]!.account_id;
    // the next page is read while this one's facts are
    nextPage = pageAfter(last);
    nextPage.catch(() => undefined);
    const range: KeyRange = { lower, upper: { key: last, inclusive: true } };
    lower = { key: last, inclusive: false };
    report.accounts += page.length;
    const [histories, near] = await Promise.all([
      loadBatchHistories(db.pool, first, last, shard.periodId),
      nearReadings(page, first, last),
    ]);
    const batch: Batch = {
      range,
      task: {
        kind: 'facts',
        periodId: shard.periodId,
        output: finalRerate ? 'totals' : writeMode,
        tariffs: allTariffs,
        maxChunkBytes: maxBytes,
        facts: { month, byCategory: byCategoryRecord, accounts: page, histories, near },
      },
    };
    const work = rateBatch(batch).then((result) => write(batch, result));
    inFlight.add(work);
    work.then(
      () => inFlight.delete(work),
      (err: unknown) => {
        inFlight.delete(work);
        firstError ??= err;
      },
    );
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight).catch(() => undefined);
  }
  await Promise.allSettled([...inFlight]);
  if (firstError !== undefined) throw firstError;
  // Bills of accounts past the last page (deleted since an earlier run) are removed too.
  if (!finalRerate) {
    const tail: KeyRange = { lower, upper: whole.upper };
    await withTransaction(db.pool, (client) => clearRange(client, shard.periodId, tail));
  }
  report.elapsedMs = Date.now() - started;
  return report;
}
