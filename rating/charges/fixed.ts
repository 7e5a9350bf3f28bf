/**
 * Fixed (basic) charges per month: per account, by meter diameter, or contracted capacity ×
 * price. A billing cycle of n months charges n monthly amounts. With prorate 'days' a segment
 * pays amount × segment days / standard cycle days (an account opened mid-period pays for its
 * days). With prorate 'none' a cycle in which the account is active pays the full amount (the one
 * in force on its first active day), rounded once and split over the cycle's segments by days
 * with `allocate`, so that the parts add up exactly.
 */
import { fail, ratingError, succeed, type Outcome } from '../errors.js';
import { allocate } from '../money/allocate.js';
import { decimalOf } from '../money/decimal.js';
import { decimalToMinor, roundToMoney } from '../money/money.js';
import { multiplyRational, rational, type Rational } from '../money/rational.js';
import type { RoundingMode } from '../money/rounding.js';
import { daysBetween } from '../periods/civil-date.js';
import { m3ToMl } from '../consumption/volume.js';
import type { BasicCharge, FixedComponent } from '../tariffs/types.js';
import type { DraftLine } from './line.js';
import type { RatedSegment } from './segment.js';

export interface MonthlyAmount {
  minor: Rational;
  /** The tariff figure the amount comes from, for unitPrice. */
  unitPrice: string;
  basis: string;
}

/** The monthly amount of a basic charge for this segment's meter and contract. */
export function monthlyAmount(
  charge: BasicCharge,
  segment: RatedSegment,
  componentName: string,
): Outcome<MonthlyAmount> {
  switch (charge.basis) {
    case 'account':
      return succeed({
        minor: decimalToMinor(segment.currency, decimalOf(charge.amountPerMonth)),
        unitPrice: charge.amountPerMonth,
        basis: 'per account',
      });
    case 'meterDiameter': {
      const diameter = segment.meter.diameterMm;
      const amount = diameter === undefined ? undefined : charge.amountsPerMonthByDiameterMm[String(diameter)];
      if (amount === undefined) {
        return fail(
          ratingError(
            'RATING_DIAMETER_NOT_PRICED',
            `"${componentName}" has no amount for meter ${segment.meter.meterId} of diameter ${diameter ?? 'unknown'} mm`,
            {
              details: { component: componentName, meterId: segment.meter.meterId, diameterMm: diameter ?? null },
            },
          ),
        );
      }
      return succeed({
        minor: decimalToMinor(segment.currency, decimalOf(amount)),
        unitPrice: amount,
        basis: `meter DN${diameter}`,
      });
    }
    case 'contractedCapacity': {
      if (segment.contractedM3PerMonth === null) {
        return fail(
          ratingError(
            'RATING_NO_CONTRACTED_CAPACITY',
            `"${componentName}" needs the contracted capacity on ${segment.start}`,
            {
              details: { component: componentName, on: segment.start },
            },
          ),
        );
      }
      const perM3 = decimalToMinor(segment.currency, decimalOf(charge.pricePerContractedM3));
      const capacity = rational(BigInt(m3ToMl(segment.contractedM3PerMonth)), 1_000_000n);
      return succeed({
        minor: multiplyRational(perM3, capacity),
        unitPrice: charge.pricePerContractedM3,
        basis: `${segment.contractedM3PerMonth} m³/month contracted × ${charge.pricePerContractedM3}/m³`,
      });
    }
  }
}

/** A fixed-charge draft line; with prorate 'none' it carries the cycle amount until settleCycleAmounts. */
export function basicChargeLine(
  component: { name: string; prorate: FixedComponent['prorate'] },
  kind: 'fixed' | 'twoPartBasic',
  charge: BasicCharge,
  segment: RatedSegment,
): Outcome<CycleDraftLine> {
  const monthly = monthlyAmount(charge, segment, component.name);
  if (!monthly.ok) return monthly;
  const cycleAmount = multiplyRational(monthly.value.minor, rational(BigInt(segment.cycle.months)));
  const months = segment.cycle.months === 1 ? 'month' : `${segment.cycle.months} months`;
  const prorated = component.prorate === 'days';
  return succeed({
    component: component.name,
    kind,
    tier: null,
    category: segment.category,
    segmentStart: segment.start,
    segmentEnd: segment.end,
    volumeMl: null,
    volumeFactor: null,
    unitPrice: monthly.value.unitPrice,
    exactMinor: prorated
      ? multiplyRational(cycleAmount, rational(BigInt(segment.days), BigInt(segment.cycle.days)))
      : cycleAmount,
    readingsUsed: [],
    explanation: prorated
      ? `${monthly.value.unitPrice}/month (${monthly.value.basis}) for ${months} × ${segment.days}/${segment.cycle.days} days of the cycle from ${segment.cycle.start}`
      : `${monthly.value.unitPrice}/month (${monthly.value.basis}) for ${months}, in full for the cycle from ${segment.cycle.start}`,
    ...(prorated ? {} : { cycleKey: `${component.name}@${segment.cycle.start}` }),
  });
}

export function rateFixed(component: FixedComponent, segment: RatedSegment): Outcome<CycleDraftLine> {
  return basicChargeLine(component, 'fixed', component.charge, segment);
}

export type CycleDraftLine = DraftLine & { cycleKey?: string };

/**
 * For unprorated charges: the first line of each cycle decides the cycle amount; it is rounded
 * once and allocated to the cycle's lines by their days. Other lines pass through.
 */
export function settleCycleAmounts(
  lines: readonly CycleDraftLine[],
  currency: RatedSegment['currency'],
  mode: RoundingMode,
): DraftLine[] {
  const groups = new Map<string, CycleDraftLine[]>();
  for (const line of lines) {
    if (line.cycleKey === undefined) continue;
    groups.set(line.cycleKey, [...(groups.get(line.cycleKey) ?? []), line]);
  }
  // no unprorated charge: every line passes through as it is (none has a cycleKey)
  if (groups.size === 0) return lines as DraftLine[];
  const settled = new Map<CycleDraftLine, Rational>();
  for (const group of groups.values()) {
    const whole = roundToMoney(currency, (group[0] as CycleDraftLine).exactMinor, mode);
    const days = group.map((line) => BigInt(daysBetween(line.segmentStart, line.segmentEnd)));
    allocate(whole, days).forEach((part, index) => settled.set(group[index] as CycleDraftLine, rational(part.minor)));
  }
  return lines.map((line) => {
    const exact = settled.get(line);
    if (exact === undefined) return line;
    return {
      component: line.component,
      kind: line.kind,
      tier: line.tier,
      category: line.category,
      segmentStart: line.segmentStart,
      segmentEnd: line.segmentEnd,
      volumeMl: line.volumeMl,
      volumeFactor: line.volumeFactor,
      unitPrice: line.unitPrice,
      exactMinor: exact,
      readingsUsed: line.readingsUsed,
      explanation: line.explanation,
    };
  });
}
