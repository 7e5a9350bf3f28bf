/**
 * `rateAccount(input)`: one account, one period, one tariff → bill lines, totals and the state
 * carried to the next period, or a coded error. Pure and deterministic: no I/O, no clock, no
 * randomness; input and output are plain data (structured-cloneable), so a piscina worker can
 * call it as is. Same input, same bill, to the fen.
 *
 * Steps: meter consumption (registers, rollover, exchange) → segments at every change → volume
 * per segment (resolution with carry, split by days) → charges per segment with the components
 * in force → rounding at each line (or once on the total) → minimum top-ups → late fees (the
 * fees charged so far on each open overdue bill are carried to the next period, for the cap).
 */
import type { LateFeeCharged, RatingInput } from './account.js';
import { minimumTopUps } from './charges/minimum.js';
import { finalizeLines, roundLines } from './charges/finalize.js';
import { lateFeeLines } from './charges/late-fee.js';
import type { DraftLine } from './charges/line.js';
import { meterIntervals, orderedInstallations, type MeterInterval } from './consumption/meter-usage.js';
import { ratingError, ratingWarning, type RatingError, type RatingWarning } from './errors.js';
import { formatMoney } from './money/money.js';
import { isCivilDate } from './periods/civil-date.js';
import { rateSegments } from './rate-segments.js';
import type { MeterUsage, RatingResult, SegmentSummary } from './result.js';
import { planSegments, type PlannedSegment } from './segment-plan.js';

function failure(input: RatingInput, error: RatingError): RatingResult {
  return { ok: false, accountId: input.account?.accountId ?? '', error };
}

function checkPeriodAndCarry(input: RatingInput): RatingError | null {
  const { period, account } = input;
  if (!isCivilDate(period.start) || !isCivilDate(period.end) || period.start >= period.end) {
    return ratingError(
      'RATING_PERIOD_INVALID',
      `period [${period.start}, ${period.end}) is not two dates with start before end`,
      {
        details: { start: period.start, end: period.end },
      },
    );
  }
  const remainder = account.volumeRemainderMl ?? 0;
  const yearToDate = account.tierYearToDate;
  if (!Number.isSafeInteger(remainder) || remainder < 0) {
    return ratingError(
      'RATING_CARRY_OVER_INVALID',
      `volume remainder ${remainder} mL is not a non-negative whole number`,
      { details: { volumeRemainderMl: remainder } },
    );
  }
  if (
    yearToDate &&
    (!Number.isSafeInteger(yearToDate.volumeMl) || yearToDate.volumeMl < 0 || !isCivilDate(yearToDate.tierYearStart))
  ) {
    return ratingError(
      'RATING_CARRY_OVER_INVALID',
      'tier-year volume to date must be a non-negative whole number of mL with a tier-year start date',
      {
        details: { tierYearStart: yearToDate.tierYearStart, volumeMl: yearToDate.volumeMl },
      },
    );
  }
  return null;
}

function readingWarnings(intervals: readonly MeterInterval[]): RatingWarning[] {
  const warnings: RatingWarning[] = [];
  for (const interval of intervals) {
    const details = { meterId: interval.meter.meterId, from: interval.from, to: interval.to };
    if (interval.quality === 'estimated')
      warnings.push(
        ratingWarning(
          'RATING_ESTIMATED_READING',
          `meter ${interval.meter.meterId}: an estimated register value was used`,
          details,
        ),
      );
    if (interval.quality === 'corrected')
      warnings.push(
        ratingWarning(
          'RATING_CORRECTED_READING',
          `meter ${interval.meter.meterId}: a corrected register value was used`,
          details,
        ),
      );
    if (interval.rollover)
      warnings.push(
        ratingWarning('RATING_ROLLOVER_APPLIED', `meter ${interval.meter.meterId}: the register rolled over`, details),
      );
  }
  return warnings;
}

function meterUsage(interval: MeterInterval): MeterUsage {
  return {
    meterId: interval.meter.meterId,
    from: interval.from,
    to: interval.to,
    startRegisterMl: interval.startRegisterMl,
    endRegisterMl: interval.endRegisterMl,
    volumeMl: interval.volumeMl,
    rollover: interval.rollover,
    quality: interval.quality,
    readingsUsed: interval.readingsUsed,
  };
}

function segmentSummary({ span, rated }: PlannedSegment): SegmentSummary {
  return {
    start: span.start,
    end: span.end,
    days: span.days,
    meterId: rated?.meter.meterId ?? null,
    category: rated?.category ?? null,
    householdSize: rated?.householdSize ?? null,
    tariffVersion: rated?.versionFrom ?? null,
    volumeMl: rated?.volumeMl ?? 0,
  };
}

export function rateAccount(input: RatingInput): RatingResult {
  const { account, period, tariff } = input;
  const invalid = checkPeriodAndCarry(input);
  if (invalid) return failure(input, invalid);
  const installations = orderedInstallations(account.meters);
  if (!installations.ok) return failure(input, installations.error);
  const intervals = meterIntervals(installations.value, period, input.registers);
  if (!intervals.ok) return failure(input, intervals.error);
  if (intervals.value.length === 0) {
    return failure(
      input,
      ratingError(
        'RATING_NO_METER',
        `account ${account.accountId} has no meter installed in [${period.start}, ${period.end})`,
        { details: { accountId: account.accountId } },
      ),
    );
  }
  const openedOn = account.openedOn ?? installations.value[0]?.installedOn ?? period.start;
  const plan = planSegments(input, intervals.value, openedOn);
  if (!plan.ok) return failure(input, plan.error);

  const currency = tariff.currency;
  const { mode, scope } = tariff.policies.moneyRounding;
  const charged = rateSegments(plan.value.segments, account.tierYearToDate, currency, mode);
  if (!charged.ok) return failure(input, charged.error);

  let drafts: DraftLine[] = scope === 'line' ? roundLines(charged.value.lines, currency, mode) : charged.value.lines;
  const topUps = minimumTopUps(charged.value.minimums, drafts, scope, mode);
  if (!topUps.ok) return failure(input, topUps.error);
  drafts = [...drafts, ...topUps.value];

  const warnings = readingWarnings(intervals.value);
  const overdue = input.overdue ?? [];
  let lateFeesCharged: LateFeeCharged[] = [];
  if (overdue.length > 0 && !tariff.lateFee) {
    warnings.push(
      ratingWarning(
        'RATING_LATE_FEE_NOT_IN_TARIFF',
        `tariff ${tariff.id} has no late-fee rule; ${overdue.length} overdue bill(s) not charged`,
      ),
    );
  } else if (tariff.lateFee && overdue.length > 0) {
    const fees = lateFeeLines(tariff.lateFee, overdue, account.lateFeesCharged ?? [], period, currency, mode);
    if (!fees.ok) return failure(input, fees.error);
    drafts = [...drafts, ...fees.value.lines];
    lateFeesCharged = fees.value.charged;
  }

  const final = finalizeLines(drafts, currency, mode, scope, period);
  const segmentVolume = plan.value.segments.reduce((sum, segment) => sum + (segment.rated?.volumeMl ?? 0), 0);
  if (segmentVolume !== plan.value.billedVolumeMl) {
    return failure(
      input,
      ratingError(
        'RATING_INVARIANT_BROKEN',
        `segment volumes ${segmentVolume} mL do not add up to the billed ${plan.value.billedVolumeMl} mL`,
      ),
    );
  }
  return {
    ok: true,
    accountId: account.accountId,
    tariffId: tariff.id,
    currency,
    period: { start: period.start, end: period.end },
    meters: intervals.value.map(meterUsage),
    segments: plan.value.segments.map(segmentSummary),
    lines: final.lines,
    totals: {
      amount: formatMoney({ currency, minor: final.totalMinor }),
      meteredVolumeMl: intervals.value.reduce((sum, interval) => sum + interval.volumeMl, 0),
      billedVolumeMl: plan.value.billedVolumeMl,
    },
    carryOver: {
      tierYearToDate: charged.value.tierYearToDate,
      volumeRemainderMl: plan.value.volumeRemainderMl,
      ...(lateFeesCharged.length > 0 ? { lateFeesCharged } : {}),
    },
    warnings,
  };
}
