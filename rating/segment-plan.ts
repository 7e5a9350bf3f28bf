/**
 * Plans a period: cuts it at every change that prices it (meter installation or exchange,
 * category, household size, contracted capacity, tariff version, and where they matter the
 * billing-cycle and tier-year starts), finds the facts in force in each piece, and gives each
 * piece its share of the measured volume.
 */
import type { RatingInput } from './account.js';
import type { RatedSegment } from './charges/segment.js';
import type { MeterInterval } from './consumption/meter-usage.js';
import { resolveVolumes } from './consumption/resolution.js';
import { splitByDays } from './consumption/split.js';
import { fail, ratingError, succeed, type Outcome } from './errors.js';
import type { CurrencyCode } from './money/currency.js';
import { cycleContaining, cycleStartsWithin } from './periods/billing-cycle.js';
import { changesWithin, entryOn } from './periods/history.js';
import { cutPeriod, type DaySpan } from './periods/segments.js';
import { tierYearContaining, tierYearStartsWithin } from './periods/tier-year.js';
import { tariffUses, versionChangesWithin, versionIndexOn } from './tariffs/select.js';
import type { CategoryPricing, Tariff } from './tariffs/types.js';

export interface PlannedSegment {
  span: DaySpan;
  /** Null while no meter is installed (the account is not active). */
  rated: (RatedSegment & { pricing: CategoryPricing; versionFrom: string }) | null;
}

export interface SegmentPlan {
  segments: PlannedSegment[];
  volumeRemainderMl: number;
  billedVolumeMl: number;
}

interface TariffTraits {
  /** Billing-cycle starts cut segments (fixed, two-part, minimum charges, period tiers). */
  usesCycles: boolean;
  /** Tier-year starts cut segments (annual tiers split at the tier-year start). */
  usesTierYearSplit: boolean;
}

// What boundaries a tariff needs depends on the tariff alone: worked out once per tariff object.
const traitsOf = new WeakMap<Tariff, TariffTraits>();

function tariffTraits(tariff: Tariff): TariffTraits {
  let traits = traitsOf.get(tariff);
  if (traits === undefined) {
    traits = {
      usesCycles: tariffUses(
        tariff,
        (c) =>
          c.kind === 'fixed' ||
          c.kind === 'twoPart' ||
          c.kind === 'minimum' ||
          (c.kind === 'tiered' && c.basis === 'period'),
      ),
      usesTierYearSplit:
        tariff.policies.tierYear?.periodSpanningStart === 'split' &&
        tariffUses(tariff, (c) => c.kind === 'tiered' && c.basis === 'annual'),
    };
    traitsOf.set(tariff, traits);
  }
  return traits;
}

function boundaries(input: RatingInput, intervals: readonly MeterInterval[]): string[] {
  const { account, period, tariff } = input;
  const dates: string[] = [];
  for (const interval of intervals) dates.push(interval.from, interval.to);
  for (const history of [account.categoryHistory, account.householdSizeHistory, account.contractedCapacityHistory])
    if (history !== undefined) dates.push(...changesWithin(history, period.start, period.end));
  dates.push(...versionChangesWithin(tariff, period.start, period.end));
  const traits = tariffTraits(tariff);
  if (traits.usesCycles) dates.push(...cycleStartsWithin(period.start, period.end, account.billingCycle));
  const tierYear = tariff.policies.tierYear;
  if (tierYear && traits.usesTierYearSplit)
    dates.push(...tierYearStartsWithin(period.start, period.end, tierYear.start));
  return dates;
}

function segmentFacts(
  input: RatingInput,
  span: DaySpan,
  interval: MeterInterval,
  volumeMl: number,
  openedOn: string,
): Outcome<NonNullable<PlannedSegment['rated']>> {
  const { account, tariff, period } = input;
  const category = entryOn(account.categoryHistory, span.start)?.category;
  if (category === undefined) {
    return fail(
      ratingError('RATING_NO_CATEGORY', `account ${account.accountId} has no water-use category on ${span.start}`, {
        details: { accountId: account.accountId, on: span.start },
      }),
    );
  }
  const versionIndex = versionIndexOn(tariff, span.start);
  const version = tariff.versions[versionIndex];
  if (!version) {
    return fail(
      ratingError('RATING_TARIFF_NOT_FOUND', `tariff ${tariff.id} has no version in force on ${span.start}`, {
        details: { tariffId: tariff.id, on: span.start, firstEffectiveFrom: tariff.versions[0]?.effectiveFrom ?? null },
      }),
    );
  }
  const pricing = version.categories[category];
  if (!pricing) {
    return fail(
      ratingError(
        'RATING_CATEGORY_NOT_PRICED',
        `tariff ${tariff.id} version ${version.effectiveFrom} does not price category "${category}"`,
        {
          details: { tariffId: tariff.id, version: version.effectiveFrom, category },
        },
      ),
    );
  }
  const tierYearRule = tariff.policies.tierYear;
  const tierYear = !tierYearRule
    ? null
    : tierYearContaining(tierYearRule.periodSpanningStart === 'split' ? span.start : period.end, tierYearRule.start);
  return succeed({
    start: span.start,
    end: span.end,
    days: span.days,
    category,
    householdSize: entryOn(account.householdSizeHistory, span.start)?.persons ?? null,
    contractedM3PerMonth: entryOn(account.contractedCapacityHistory, span.start)?.m3PerMonth ?? null,
    meter: interval.meter,
    readingsUsed: interval.readingsUsed,
    volumeMl,
    cycle: cycleContaining(span.start, account.billingCycle),
    tierYear,
    openedOn,
    currency: tariff.currency as CurrencyCode,
    pricing,
    versionFrom: version.effectiveFrom,
  });
}

export function planSegments(
  input: RatingInput,
  intervals: readonly MeterInterval[],
  openedOn: string,
): Outcome<SegmentPlan> {
  const { period, tariff, account } = input;
  const spans = cutPeriod(period.start, period.end, boundaries(input, intervals));
  const resolved = resolveVolumes(
    intervals.map((interval) => interval.volumeMl),
    account.volumeRemainderMl ?? 0,
    tariff.policies.volumeResolution,
  );
  const segments: PlannedSegment[] = spans.map((span) => ({ span, rated: null }));
  for (const [index, interval] of intervals.entries()) {
    const inside = segments.filter(({ span }) => span.start >= interval.from && span.end <= interval.to);
    const volumes = splitByDays(
      resolved.billedMl[index] ?? 0,
      inside.map(({ span }) => span.days),
      tariff.policies.split.resolution,
    );
    for (const [position, segment] of inside.entries()) {
      const facts = segmentFacts(input, segment.span, interval, volumes[position] ?? 0, openedOn);
      if (!facts.ok) return facts;
      segment.rated = facts.value;
    }
  }
  const billedVolumeMl = resolved.billedMl.reduce((sum, volume) => sum + volume, 0);
  return succeed({ segments, volumeRemainderMl: resolved.remainderMl, billedVolumeMl });
}
