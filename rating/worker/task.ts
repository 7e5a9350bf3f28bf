/**
 * What crosses to a rating worker thread and back: plain data only (structured clone). A task is
 * one batch of accounts with the tariffs they use; the result holds the encoded rows to write
 * (COPY text as UTF-8 bytes on a server, JSON for the embedded engine), or only the totals when a
 * final period is re-rated, and every account that could not be rated with its coded error.
 */
import type { BoundaryRegister, RatingInput } from '../account.js';
import type { BoundaryRequest } from '../jobs/boundary-resolve.js';
import type { AccountRow, BatchHistoriesJson } from '../jobs/load-batch.js';
import type { PeriodMonth } from '../jobs/period-id.js';
import type { Primitive, RatingErrorKind } from '../errors.js';
import type { Tariff } from '../tariffs/types.js';

/** An adjustment from a re-rated final period, charged on this bill. */
export interface AdjustmentDue {
  adjustmentId: number;
  fromPeriod: string;
  /** Signed decimal text in major units ("-12.30"). */
  amount: string;
  finalTotal: string;
  reratedTotal: string;
}

export interface RateItem {
  tariffId: string;
  input: Omit<RatingInput, 'tariff'>;
  adjustments: AdjustmentDue[];
}

/** copy: PostgreSQL COPY text; json: a JSON array per table (json_populate_recordset); totals: no rows. */
export type RateOutput = 'copy' | 'json' | 'totals';

interface BaseTask {
  periodId: string;
  output: RateOutput;
  tariffs: Record<string, Tariff>;
  /** json output: the most bytes of one JSON chunk (one INSERT statement). */
  maxChunkBytes: number;
}

/** Accounts whose inputs are complete (tests, tools). */
export interface ItemsTask extends BaseTask {
  kind: 'items';
  items: RateItem[];
}

/**
 * A batch as read from the database: the worker plans each account's period and tariff, finds
 * its boundary registers in the readings near the boundaries (and in `far`), and rates it.
 */
export interface BatchFacts {
  month: PeriodMonth;
  byCategory: Record<string, string>;
  accounts: AccountRow[];
  /** The histories as JSON texts from the database (parsed in the worker). */
  histories: BatchHistoriesJson;
  /** Readings near each boundary instant (ISO) for the batch's meters, as JSON texts (nearReadingsJson). */
  near: Record<string, string[]>;
  /** Registers found further away, for the accounts deferred by a first pass. */
  far?: BoundaryRegister[];
  /** Rate only these accounts (the second pass). */
  only?: string[];
}

export interface FactsTask extends BaseTask {
  kind: 'facts';
  facts: BatchFacts;
}

export type RateTask = ItemsTask | FactsTask;

export interface BillTotal {
  accountId: string;
  currency: string;
  /** Rated total without adjustments, decimal text. */
  total: string;
  billedVolumeMl: number;
}

export interface AccountFailure {
  accountId: string;
  code: string;
  kind: RatingErrorKind;
  message: string;
  details?: Record<string, Primitive>;
}

/**
 * Rows to write: COPY text as UTF-8 bytes (copy output: one chunk per table, its memory
 * transferred from the worker), or JSON arrays (json output: chunks of at most maxChunkBytes).
 */
export type RowChunk = Uint8Array | string;

export interface RateTaskResult {
  bills: RowChunk[];
  lines: RowChunk[];
  billCount: number;
  lineCount: number;
  totals: BillTotal[];
  failures: AccountFailure[];
  /** First pass: accounts left unrated because a boundary register needs readings further away. */
  deferred: { accountIds: string[]; requests: BoundaryRequest[] };
  /** Accounts with no period this month (billing cycle, opened later, closed before). */
  skipped: number;
}
