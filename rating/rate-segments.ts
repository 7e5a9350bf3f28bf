/**
 * Rates planned segments in time order with the components in force in each, keeping the tier
 * positions (tier-year volume, cycle volume) running across segments: tiers continue across a
 * meter exchange or a price change, and annual tiers across bills through the carried volume.
 */
import type { TierYearToDate } from './account.js';
import { settleCycleAmounts, rateFixed, type CycleDraftLine } from './charges/fixed.js';
import { rateFlat } from './charges/flat.js';
import type { DraftLine } from './charges/line.js';
import type { MinimumOccurrence } from './charges/minimum.js';
import { rateSewage } from './charges/sewage.js';
import { rateTiered } from './charges/tiered.js';
import { rateTwoPart } from './charges/two-part.js';
import { fail, ratingError, succeed, type Outcome } from './errors.js';
import type { CurrencyCode } from './money/currency.js';
import type { RoundingMode } from './money/rounding.js';
import type { PlannedSegment } from './segment-plan.js';

export interface SegmentCharges {
  lines: DraftLine[];
  minimums: MinimumOccurrence[];
  tierYearToDate: TierYearToDate | null;
}

type Rated = NonNullable<PlannedSegment['rated']>;

function rateOne(
  segment: Rated,
  annualMl: number,
  cycleMl: number,
): Outcome<{ lines: CycleDraftLine[]; minimums: MinimumOccurrence[] }> {
  const position = { annualMl, cycleMl };
  const tierVolumes = new Map<string, number[]>();
  const tieredLines = new Map<string, DraftLine[]>();
  for (const component of segment.pricing.components) {
    if (component.kind !== 'tiered') continue;
    const tiered = rateTiered(component, segment, position);
    if (!tiered.ok) return tiered;
    tierVolumes.set(component.name, tiered.value.tierVolumesMl);
    tieredLines.set(component.name, tiered.value.lines);
  }
  const lines: CycleDraftLine[] = [];
  const minimums: MinimumOccurrence[] = [];
  for (const component of segment.pricing.components) {
    switch (component.kind) {
      case 'tiered':
        lines.push(...(tieredLines.get(component.name) ?? []));
        break;
      case 'flat':
        lines.push(...rateFlat(component, segment));
        break;
      case 'sewage':
        lines.push(
          ...rateSewage(
            component,
            segment,
            component.tiersOf === undefined ? undefined : tierVolumes.get(component.tiersOf),
          ),
        );
        break;
      case 'fixed': {
        const fixed = rateFixed(component, segment);
        if (!fixed.ok) return fixed;
        lines.push(fixed.value);
        break;
      }
      case 'twoPart': {
        const twoPart = rateTwoPart(component, segment);
        if (!twoPart.ok) return twoPart;
        lines.push(...twoPart.value);
        break;
      }
      case 'minimum':
        minimums.push({ component, segment });
        break;
    }
  }
  return succeed({ lines, minimums });
}

export function rateSegments(
  segments: readonly PlannedSegment[],
  carried: TierYearToDate | undefined,
  currency: CurrencyCode,
  mode: RoundingMode,
): Outcome<SegmentCharges> {
  let yearToDate: TierYearToDate | null = carried
    ? { tierYearStart: carried.tierYearStart, volumeMl: carried.volumeMl }
    : null;
  const cycleVolumes = new Map<string, number>();
  const lines: CycleDraftLine[] = [];
  const minimums: MinimumOccurrence[] = [];
  for (const { rated } of segments) {
    if (!rated) continue;
    if (rated.tierYear) {
      if (yearToDate && yearToDate.tierYearStart > rated.tierYear.start) {
        return fail(
          ratingError(
            'RATING_CARRY_OVER_INVALID',
            `carried tier year ${yearToDate.tierYearStart} is later than the tier year ${rated.tierYear.start} of ${rated.start}`,
            {
              details: { carriedTierYearStart: yearToDate.tierYearStart, tierYearStart: rated.tierYear.start },
            },
          ),
        );
      }
      if (!yearToDate || yearToDate.tierYearStart < rated.tierYear.start)
        yearToDate = { tierYearStart: rated.tierYear.start, volumeMl: 0 };
    }
    const cycleMl = cycleVolumes.get(rated.cycle.start) ?? 0;
    const charged = rateOne(rated, yearToDate?.volumeMl ?? 0, cycleMl);
    if (!charged.ok) return charged;
    lines.push(...charged.value.lines);
    minimums.push(...charged.value.minimums);
    cycleVolumes.set(rated.cycle.start, cycleMl + rated.volumeMl);
    if (yearToDate && rated.tierYear)
      yearToDate = { tierYearStart: yearToDate.tierYearStart, volumeMl: yearToDate.volumeMl + rated.volumeMl };
  }
  return succeed({ lines: settleCycleAmounts(lines, currency, mode), minimums, tierYearToDate: yearToDate });
}
