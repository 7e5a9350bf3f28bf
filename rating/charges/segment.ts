/** What a charge sees of one segment: the facts in force and the volume allocated to it. */
import type { MeterInstallation } from '../account.js';
import type { CurrencyCode } from '../money/currency.js';
import type { BillingCycle } from '../periods/billing-cycle.js';
import type { TierYear } from '../periods/tier-year.js';

export interface RatedSegment {
  start: string;
  end: string;
  days: number;
  category: string;
  householdSize: number | null;
  contractedM3PerMonth: number | null;
  meter: MeterInstallation;
  readingsUsed: string[];
  /** Billed volume allocated to this segment. */
  volumeMl: number;
  cycle: BillingCycle;
  /** The tier year the segment's volume counts in (annual tiers). */
  tierYear: TierYear | null;
  /** When the account was opened (annual threshold proration). */
  openedOn: string;
  currency: CurrencyCode;
}

/** Where a segment starts inside its tier windows: volume already billed before it. */
export interface TierPosition {
  /** Tier-year volume before the segment. */
  annualMl: number;
  /** Billing-cycle volume before the segment (period tiers without proration). */
  cycleMl: number;
}
