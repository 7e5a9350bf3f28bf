/**
 * What rating needs to know about one account for one period: plain data, no classes, no
 * functions, so it is structured-cloned into a worker thread unchanged. Dates are civil dates
 * 'YYYY-MM-DD' in the tariff's time zone; volumes and registers are integer millilitres.
 */
import type { BillingCycleRule } from './periods/billing-cycle.js';
import type { Tariff } from './tariffs/types.js';

export interface CategoryEntry {
  /** In force from this date (inclusive) until the next entry. */
  from: string;
  /** Water-use category as the tariff names it ('residential', 'non_residential', ...). */
  category: string;
}

export interface HouseholdSizeEntry {
  from: string;
  persons: number;
}

export interface ContractedCapacityEntry {
  from: string;
  /** Contracted (planned) volume per month for capacity charges, m³. */
  m3PerMonth: number;
}

/** One meter on the account, from installation to removal. An exchange is a removal and an installation on the same day. */
export interface MeterInstallation {
  meterId: string;
  /** First day the meter measures for this account. */
  installedOn: string;
  /** Register when installed (a new meter's initial register). */
  initialRegisterMl: number;
  initialReadingIds?: string[];
  /** Day the meter stopped measuring (exclusive): the replacement's installedOn on an exchange. */
  removedOn?: string;
  /** Register when removed (the old meter's final register). */
  finalRegisterMl?: number;
  finalReadingIds?: string[];
  /** Integer digits of the register in m³: it rolls over at 10^digits m³. Unknown: no rollover is assumed. */
  registerDigits?: number;
  /** Nominal diameter (DN) in mm, for charges by meter size. */
  diameterMm?: number;
}

export type ReadingQuality = 'actual' | 'estimated' | 'corrected';

/** A meter's register at a period boundary (local midnight of `on`). */
export interface BoundaryRegister {
  meterId: string;
  on: string;
  registerMl: number;
  quality: ReadingQuality;
  /** Ids of the stored readings (or estimate/correction records) the value comes from. */
  readingIds: string[];
}

/** Annual-tier state carried from one bill to the next. */
export interface TierYearToDate {
  /** Start of the tier year the volume belongs to. */
  tierYearStart: string;
  volumeMl: number;
}

export interface AccountFacts {
  accountId: string;
  /** When the account was opened; default: the first meter installation. Used to prorate annual thresholds. */
  openedOn?: string;
  categoryHistory: CategoryEntry[];
  householdSizeHistory?: HouseholdSizeEntry[];
  contractedCapacityHistory?: ContractedCapacityEntry[];
  meters: MeterInstallation[];
  billingCycle: BillingCycleRule;
  /** Billed volume so far in the current tier year (annual tiers). */
  tierYearToDate?: TierYearToDate;
  /** Volume measured but not yet billed (below the tariff's volume resolution), carried into this period. */
  volumeRemainderMl?: number;
  /** Late fees earlier bills charged on each overdue bill still open (they count toward the cap). */
  lateFeesCharged?: LateFeeCharged[];
}

/** The late fee charged so far on one overdue bill, carried from bill to bill. */
export interface LateFeeCharged {
  billId: string;
  /** Sum of the late-fee lines charged on it, major units, exact decimal text ("15.50"). */
  amount: string;
}

/**
 * A previous bill still unpaid (or paid late), for the late fee. The tariff's rule says which of
 * the due date and the notice date the lateness counts from; that one must be given.
 */
export interface OverdueBill {
  /** The bill's reference in the customer system (an invoice number, or its period "2026-08"). */
  billId: string;
  /** Overdue amount in major units, exact decimal text ("123.45"). */
  amount: string;
  dueDate?: string;
  noticeDate?: string;
  /** Day paid (inclusive in the fee); absent while unpaid. */
  paidOn?: string;
  /**
   * Late fee already charged on this bill (counts toward the cap). Absent: what earlier bills
   * charged, from the account's carried `lateFeesCharged`.
   */
  lateFeeChargedBefore?: string;
}

export interface BillingPeriod {
  /** First day (inclusive). */
  start: string;
  /** Day after the last (exclusive): the next period's start, the reading day. */
  end: string;
}

export interface RatingInput {
  account: AccountFacts;
  period: BillingPeriod;
  /** Register values at the period's boundaries (others are ignored). */
  registers: BoundaryRegister[];
  tariff: Tariff;
  overdue?: OverdueBill[];
}
