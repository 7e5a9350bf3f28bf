/**
 * Rates consecutive periods of one account, carrying the tier-year volume, the volume remainder
 * and the late fees charged on still-open overdue bills from each bill into the next (what
 * `meterflow quote` does offline, and what a billing run does one period at a time). Pure.
 */
import type { AccountFacts, BoundaryRegister, OverdueBill } from './account.js';
import { ratingError, type RatingError } from './errors.js';
import { formatMoney, parseMoney } from './money/money.js';
import { rateAccount } from './rate-account.js';
import type { RatedPeriod } from './result.js';
import type { Tariff } from './tariffs/types.js';

export interface PeriodRequest {
  start: string;
  end: string;
  overdue?: OverdueBill[];
}

export type PeriodsOutcome =
  | { ok: true; accountId: string; tariffId: string; currency: string; periods: RatedPeriod[]; total: string }
  | { ok: false; accountId: string; periodIndex: number | null; error: RatingError };

export function ratePeriods(
  tariff: Tariff,
  account: AccountFacts,
  registers: BoundaryRegister[],
  periods: readonly PeriodRequest[],
): PeriodsOutcome {
  const rated: RatedPeriod[] = [];
  let facts = account;
  let totalMinor = 0n;
  for (const [index, period] of periods.entries()) {
    const previous = periods[index - 1];
    if (previous && previous.end !== period.start) {
      return {
        ok: false,
        accountId: account.accountId,
        periodIndex: index,
        error: ratingError(
          'RATING_PERIODS_NOT_CONSECUTIVE',
          `period ${index} starts on ${period.start}, not where period ${index - 1} ends (${previous.end})`,
          {
            details: { index, start: period.start, previousEnd: previous.end },
          },
        ),
      };
    }
    const result = rateAccount({
      account: facts,
      period: { start: period.start, end: period.end },
      registers,
      tariff,
      overdue: period.overdue ?? [],
    });
    if (!result.ok) return { ok: false, accountId: account.accountId, periodIndex: index, error: result.error };
    rated.push(result);
    totalMinor += parseMoney(tariff.currency, result.totals.amount)?.minor ?? 0n;
    const carry = result.carryOver;
    const { lateFeesCharged: _previous, ...rest } = facts;
    facts = {
      ...rest,
      volumeRemainderMl: carry.volumeRemainderMl,
      ...(carry.tierYearToDate ? { tierYearToDate: carry.tierYearToDate } : {}),
      ...(carry.lateFeesCharged ? { lateFeesCharged: carry.lateFeesCharged } : {}),
    };
  }
  return {
    ok: true,
    accountId: account.accountId,
    tariffId: tariff.id,
    currency: tariff.currency,
    periods: rated,
    total: formatMoney({ currency: tariff.currency, minor: totalMinor }),
  };
}
