/**
 * Tiered (block) volumetric prices.
 *
 * Thresholds are per household, upper bounds inclusive (the 180th m³ is tier 1). A household
 * allowance raises them (Beijing: +30 m³ per person above 5 on every threshold; Shanghai: +100
 * m³ from 5 persons; Shenzhen collective: per person). Proration then scales them, rounded half
 * up to the millilitre: by days for a partial period (segment days / standard cycle days), by
 * remaining months (or days) of the tier year for an account opened during it.
 *
 * A segment's volume fills the tiers from its position in the tier window: the tier-year volume
 * billed before it (annual), the cycle volume before it (period tiers, no proration), or zero
 * (period tiers prorated by days, where each segment carries its own share of the thresholds).
 */
import { fail, ratingError, succeed, type Outcome } from '../errors.js';
import { daysBetween, wholeMonthsBetween } from '../periods/civil-date.js';
import { m3ToMl } from '../consumption/volume.js';
import type { TieredComponent } from '../tariffs/types.js';
import { formatM3, volumetricAmount, type DraftLine } from './line.js';
import type { RatedSegment, TierPosition } from './segment.js';

export interface Thresholds {
  /** Upper bounds of every tier but the last, in mL, strictly increasing. */
  upToMl: number[];
  /** Why they differ from the tariff's, for the explanation ('' when they don't). */
  note: string;
}

function allowanceMl(component: TieredComponent, persons: number, baseMl: number): number {
  const allowance = component.householdAllowance;
  if (!allowance) return baseMl;
  switch (allowance.kind) {
    case 'perPersonAbove':
      return baseMl + Math.max(0, persons - allowance.baseSize) * m3ToMl(allowance.m3PerPerson);
    case 'fromSize':
      return baseMl + (persons >= allowance.minSize ? m3ToMl(allowance.extraM3) : 0);
    case 'perPerson':
      return baseMl * persons;
  }
}

/** The proration factor as [numerator, denominator], with a note. */
function prorationFactor(
  component: TieredComponent,
  segment: RatedSegment,
): { factor: [number, number]; note: string } {
  const none = { factor: [1, 1] as [number, number], note: '' };
  if (component.thresholdProration === 'none') return none;
  if (component.basis === 'period') {
    if (segment.days === segment.cycle.days) return none;
    return { factor: [segment.days, segment.cycle.days], note: `prorated ${segment.days}/${segment.cycle.days} days` };
  }
  const year = segment.tierYear;
  if (!year || segment.openedOn <= year.start || segment.openedOn >= year.end) return none;
  if (component.thresholdProration === 'remainingMonths') {
    const remaining = 12 - wholeMonthsBetween(year.start, segment.openedOn);
    return { factor: [remaining, 12], note: `prorated ${remaining}/12 months (opened ${segment.openedOn})` };
  }
  const remainingDays = daysBetween(segment.openedOn, year.end);
  const yearDays = daysBetween(year.start, year.end);
  return {
    factor: [remainingDays, yearDays],
    note: `prorated ${remainingDays}/${yearDays} days (opened ${segment.openedOn})`,
  };
}

export function effectiveThresholds(component: TieredComponent, segment: RatedSegment): Outcome<Thresholds> {
  const notes: string[] = [];
  let persons = 1;
  if (component.householdAllowance) {
    if (segment.householdSize === null) {
      return fail(
        ratingError(
          'RATING_NO_HOUSEHOLD_SIZE',
          `tier schedule "${component.name}" needs the household size on ${segment.start}`,
          {
            details: { component: component.name, on: segment.start },
          },
        ),
      );
    }
    persons = segment.householdSize;
    notes.push(`household of ${persons}`);
  }
  const { factor, note } = prorationFactor(component, segment);
  if (note) notes.push(note);
  const [numerator, denominator] = factor;
  const upToMl = component.tiers.slice(0, -1).map((tier) => {
    const base = allowanceMl(component, persons, m3ToMl(tier.upToM3 ?? 0));
    // half up to the mL: floor((2·base·n + d) / 2d)
    return Number((2n * BigInt(base) * BigInt(numerator) + BigInt(denominator)) / (2n * BigInt(denominator)));
  });
  const changed = upToMl.some((value, index) => value !== m3ToMl(component.tiers[index]?.upToM3 ?? 0));
  return succeed({
    upToMl,
    note: changed ? `thresholds ${upToMl.map(formatM3).join(' / ')} m³: ${notes.join(', ')}` : '',
  });
}

/** How much of `volumeMl`, starting at `positionMl` in the window, falls in each tier. */
export function tierVolumes(positionMl: number, volumeMl: number, upToMl: readonly number[]): number[] {
  const bounds = [0, ...upToMl, Number.POSITIVE_INFINITY];
  const end = positionMl + volumeMl;
  const volumes: number[] = [];
  for (let tier = 0; tier + 1 < bounds.length; tier += 1) {
    const low = bounds[tier] as number;
    const high = bounds[tier + 1] as number;
    const clamp = (value: number) => Math.min(Math.max(value, low), high);
    volumes.push(clamp(end) - clamp(positionMl));
  }
  return volumes;
}

export function tierPositionFor(component: TieredComponent, position: TierPosition): number {
  if (component.basis === 'annual') return position.annualMl;
  return component.thresholdProration === 'days' ? 0 : position.cycleMl;
}

function rangeText(tier: number, upToMl: readonly number[]): string {
  const low = tier === 0 ? 0 : (upToMl[tier - 1] ?? 0);
  const high = upToMl[tier];
  return high === undefined ? `above ${formatM3(low)} m³` : `${formatM3(low)}–${formatM3(high)} m³`;
}

export interface TieredOutcome {
  lines: DraftLine[];
  /** Volume per tier (all tiers, zeros included), for sewage that follows these tiers. */
  tierVolumesMl: number[];
  thresholds: Thresholds;
}

export function rateTiered(
  component: TieredComponent,
  segment: RatedSegment,
  position: TierPosition,
): Outcome<TieredOutcome> {
  const thresholds = effectiveThresholds(component, segment);
  if (!thresholds.ok) return thresholds;
  const start = tierPositionFor(component, position);
  const volumes = tierVolumes(start, segment.volumeMl, thresholds.value.upToMl);
  const window = component.basis === 'annual' ? `tier year from ${segment.tierYear?.start}` : 'billing period';
  const lines: DraftLine[] = [];
  volumes.forEach((volumeMl, index) => {
    if (volumeMl === 0) return;
    const price = component.tiers[index]?.price ?? '0';
    const note = thresholds.value.note ? `; ${thresholds.value.note}` : '';
    lines.push({
      component: component.name,
      kind: 'tiered',
      tier: index + 1,
      category: segment.category,
      segmentStart: segment.start,
      segmentEnd: segment.end,
      volumeMl,
      volumeFactor: null,
      unitPrice: price,
      exactMinor: volumetricAmount(segment.currency, volumeMl, price),
      readingsUsed: segment.readingsUsed,
      explanation: `${formatM3(volumeMl)} m³ in tier ${index + 1} (${rangeText(index, thresholds.value.upToMl)} per ${window}, ${formatM3(start)} m³ before) × ${price}/m³${note}`,
    });
  });
  return succeed({ lines, tierVolumesMl: volumes, thresholds: thresholds.value });
}
