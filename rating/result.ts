/** What rating returns: bill lines, totals and the state carried to the next period. Plain data. */
import type { RatingError, RatingWarning } from './errors.js';
import type { LateFeeCharged, ReadingQuality, TierYearToDate } from './account.js';

export type LineKind =
  | 'tiered'
  | 'flat'
  | 'sewage'
  | 'fixed'
  | 'twoPartBasic'
  | 'twoPartVolumetric'
  | 'minimumTopUp'
  | 'lateFee'
  | 'rounding';

export interface BillLine {
  /** Component name from the tariff ('water_supply', 'sewage', ...), or 'late_fee' / 'rounding'. */
  component: string;
  kind: LineKind;
  /** 1-based tier number for tiered lines, else null. */
  tier: number | null;
  /** Water-use category the line was priced for (null for late fees and rounding). */
  category: string | null;
  segmentStart: string;
  /** Exclusive. */
  segmentEnd: string;
  /** Metered volume the line charges (before any discharge coefficient), or null. */
  volumeMl: number | null;
  /** Discharge coefficient applied to the volume ("0.9"), sewage lines only. */
  volumeFactor: string | null;
  /** Price per m³ (volumetric), per month (fixed) or per day (late-fee rate), exact decimal text. */
  unitPrice: string | null;
  /** Rounded amount in major units ("496.80"). */
  amount: string;
  /** The unrounded amount: exact decimal text, cut with "…" where it does not terminate. */
  exactAmount: string;
  readingsUsed: string[];
  explanation: string;
}

export interface SegmentSummary {
  start: string;
  end: string;
  days: number;
  meterId: string | null;
  category: string | null;
  householdSize: number | null;
  tariffVersion: string | null;
  volumeMl: number;
}

export interface MeterUsage {
  meterId: string;
  from: string;
  to: string;
  startRegisterMl: number;
  endRegisterMl: number;
  volumeMl: number;
  rollover: boolean;
  quality: ReadingQuality;
  readingsUsed: string[];
}

export interface CarryOver {
  /** Null when the tariff has no tier year. */
  tierYearToDate: TierYearToDate | null;
  volumeRemainderMl: number;
  /**
   * Late fees charged so far on each overdue bill that can still accrue (unpaid at the period's
   * end), this bill's included; absent when there are none.
   */
  lateFeesCharged?: LateFeeCharged[];
}

export interface RatedPeriod {
  ok: true;
  accountId: string;
  tariffId: string;
  currency: string;
  period: { start: string; end: string };
  meters: MeterUsage[];
  segments: SegmentSummary[];
  lines: BillLine[];
  totals: {
    /** Sum of the lines, in major units. */
    amount: string;
    /** Metered volume in the period (sum over meters). */
    meteredVolumeMl: number;
    /** Volume billed after the volume resolution (metered + carried remainder − new remainder). */
    billedVolumeMl: number;
  };
  carryOver: CarryOver;
  warnings: RatingWarning[];
}

export interface RatingFailure {
  ok: false;
  accountId: string;
  error: RatingError;
}

export type RatingResult = RatedPeriod | RatingFailure;
