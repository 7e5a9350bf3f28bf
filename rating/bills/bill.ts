/**
 * A stored bill as the pull interface gives it (`meterflow bills export|show`, HTTP): the bill,
 * its lines and its explanation (meters with the boundary registers, actual or estimated, and the
 * readings used; the segments; warnings; what it carries to the next period). Amounts and prices
 * are decimal text, volumes integer millilitres.
 */
import type { CarryOver, MeterUsage, SegmentSummary } from '../result.js';
import type { RatingWarning } from '../errors.js';

export interface StoredBillLine {
  lineNo: number;
  component: string;
  kind: string;
  tier: number | null;
  category: string | null;
  segmentStart: string;
  segmentEnd: string;
  volumeMl: number | null;
  volumeFactor: string | null;
  unitPrice: string | null;
  amount: string;
  exactAmount: string;
  readingsUsed: string[];
  explanation: string;
  adjustmentId: number | null;
}

export interface StoredBill {
  periodId: string;
  accountId: string;
  status: 'draft' | 'final';
  currency: string;
  tariffId: string;
  periodStart: string;
  periodEnd: string;
  total: string;
  billedVolumeMl: number;
  meteredVolumeMl: number;
  lines: StoredBillLine[];
  meters: MeterUsage[];
  segments: SegmentSummary[];
  carry: CarryOver;
  warnings: RatingWarning[];
  ratedAt: string;
}
