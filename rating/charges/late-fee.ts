/**
 * Late fee (违约金 / 滞纳金): overdue amount × rate per day × days late, optionally capped at a
 * fraction of the overdue amount (Baotou: at most the bill itself).
 *
 * Days late run from the day after the reference date plus the grace days (reference: the due
 * date, or the payment notice date) through the payment day inclusive, or while unpaid through
 * the period's last day. A bill's fee is charged in the period it accrues in: only days inside
 * the period count, and the cap is reduced by the fee already charged in earlier periods, which
 * is carried from bill to bill (`lateFeesCharged`) while the overdue bill is unpaid.
 */
import type { BillingPeriod, LateFeeCharged, OverdueBill } from '../account.js';
import { fail, ratingError, succeed, type Outcome } from '../errors.js';
import type { CurrencyCode } from '../money/currency.js';
import { decimalOf, decimalToRational } from '../money/decimal.js';
import { formatMoney, parseMoney, roundToMoney } from '../money/money.js';
import {
  compareRational,
  multiplyRational,
  rational,
  subtractRational,
  ZERO,
  type Rational,
} from '../money/rational.js';
import type { RoundingMode } from '../money/rounding.js';
import { addDays, daysBetween, maxDate, minDate } from '../periods/civil-date.js';
import type { LateFeeRule } from '../tariffs/types.js';
import type { DraftLine } from './line.js';

function moneyOf(currency: CurrencyCode, text: string, bill: OverdueBill, field: string): Outcome<bigint> {
  const value = parseMoney(currency, text);
  if (!value || value.minor < 0n) {
    return fail(
      ratingError(
        'RATING_INPUT_INVALID',
        `overdue bill ${bill.billId}: ${field} "${text}" is not a ${currency} amount`,
        {
          details: { billId: bill.billId, field, value: text },
        },
      ),
    );
  }
  return succeed(value.minor);
}

export interface LateFees {
  lines: DraftLine[];
  /** What to carry to the next bill: the fees charged so far on bills that can still accrue. */
  charged: LateFeeCharged[];
}

/**
 * The late-fee lines of a period for `bills`, with `carried` the fees charged on them by earlier
 * bills (used where a bill does not say `lateFeeChargedBefore` itself).
 */
export function lateFeeLines(
  rule: LateFeeRule,
  bills: readonly OverdueBill[],
  carried: readonly LateFeeCharged[],
  period: BillingPeriod,
  currency: CurrencyCode,
  mode: RoundingMode,
): Outcome<LateFees> {
  const lines: DraftLine[] = [];
  const charged: LateFeeCharged[] = [];
  const lastDay = addDays(period.end, -1);
  for (const bill of bills) {
    const field = rule.startsAfter === 'dueDate' ? 'dueDate' : 'noticeDate';
    const reference = bill[field];
    if (reference === undefined) {
      return fail(
        ratingError(
          'RATING_INPUT_INVALID',
          `overdue bill ${bill.billId} has no ${rule.startsAfter === 'dueDate' ? 'due' : 'notice'} date, which the late-fee rule starts from`,
          {
            details: { billId: bill.billId, field },
          },
        ),
      );
    }
    const overdue = moneyOf(currency, bill.amount, bill, 'amount');
    if (!overdue.ok) return overdue;
    const before = bill.lateFeeChargedBefore ?? carried.find((entry) => entry.billId === bill.billId)?.amount ?? '0';
    const chargedBefore = moneyOf(currency, before, bill, 'lateFeeChargedBefore');
    if (!chargedBefore.ok) return chargedBefore;
    const firstLateDay = addDays(reference, rule.graceDays + 1);
    const from = maxDate(firstLateDay, period.start);
    const through = minDate(bill.paidOn ?? lastDay, lastDay);
    const days = Math.max(0, daysBetween(from, through) + 1);
    // overdue (minor units) × rate (a pure fraction per day) × days
    let fee: Rational = multiplyRational(
      multiplyRational(rational(overdue.value), decimalToRational(decimalOf(rule.ratePerDay))),
      rational(BigInt(days)),
    );
    let capNote = '';
    if (days > 0 && rule.capFraction !== undefined) {
      const capTotal = multiplyRational(rational(overdue.value), decimalToRational(decimalOf(rule.capFraction)));
      let capLeft = subtractRational(capTotal, rational(chargedBefore.value));
      if (compareRational(capLeft, ZERO) < 0) capLeft = ZERO;
      if (compareRational(fee, capLeft) > 0) {
        fee = capLeft;
        capNote = `, capped at ${rule.capFraction} × the overdue amount less ${formatMoney({ currency, minor: chargedBefore.value })} charged before`;
      }
    }
    const feeMinor = roundToMoney(currency, fee, mode).minor;
    const stillOpen = bill.paidOn === undefined || bill.paidOn >= period.end;
    const chargedSoFar = chargedBefore.value + feeMinor;
    if (stillOpen && chargedSoFar > 0n)
      charged.push({ billId: bill.billId, amount: formatMoney({ currency, minor: chargedSoFar }) });
    if (days === 0 || compareRational(fee, ZERO) === 0) continue;
    lines.push({
      component: 'late_fee',
      kind: 'lateFee',
      tier: null,
      category: null,
      segmentStart: from,
      segmentEnd: addDays(through, 1),
      volumeMl: null,
      volumeFactor: null,
      unitPrice: rule.ratePerDay,
      exactMinor: fee,
      readingsUsed: [],
      explanation: `bill ${bill.billId}: ${bill.amount} overdue × ${rule.ratePerDay}/day × ${days} days (${from} through ${through}; late from ${firstLateDay}: ${rule.startsAfter} ${reference} + ${rule.graceDays} grace days)${capNote}`,
    });
  }
  return succeed({ lines, charged });
}
