/**
 * Rounding, the one named point where exact amounts become money. Scope 'line': every line is
 * rounded with the tariff's mode and the total is the sum of the rounded lines. Scope 'total':
 * lines are shown rounded, the total is the exact sum rounded once, and a 'rounding' line holds
 * the difference, so that the total is still the sum of the lines.
 */
import type { BillLine } from '../result.js';
import type { CurrencyCode } from '../money/currency.js';
import { minorDigits } from '../money/currency.js';
import { formatMoney, roundToMoney } from '../money/money.js';
import { formatRational, rational, sumRational } from '../money/rational.js';
import type { RoundingMode } from '../money/rounding.js';
import type { DraftLine } from './line.js';

export function roundLines(lines: readonly DraftLine[], currency: CurrencyCode, mode: RoundingMode): DraftLine[] {
  // an explicit literal, not `{ ...line, amountMinor }`: V8 copies a spread object with an added
  // property an order of magnitude slower
  return lines.map((line) => ({
    component: line.component,
    kind: line.kind,
    tier: line.tier,
    category: line.category,
    segmentStart: line.segmentStart,
    segmentEnd: line.segmentEnd,
    volumeMl: line.volumeMl,
    volumeFactor: line.volumeFactor,
    unitPrice: line.unitPrice,
    exactMinor: line.exactMinor,
    readingsUsed: line.readingsUsed,
    explanation: line.explanation,
    amountMinor: roundToMoney(currency, line.exactMinor, mode).minor,
  }));
}

export interface FinalLines {
  lines: BillLine[];
  totalMinor: bigint;
}

export function finalizeLines(
  drafts: readonly DraftLine[],
  currency: CurrencyCode,
  mode: RoundingMode,
  scope: 'line' | 'total',
  period: { start: string; end: string },
): FinalLines {
  const digits = minorDigits(currency);
  const lines: BillLine[] = [];
  let sumOfLines = 0n;
  for (const line of drafts) {
    // a line rounded before (roundLines, line scope) keeps its amount: the same rounding of the same value
    const amountMinor = line.amountMinor ?? roundToMoney(currency, line.exactMinor, mode).minor;
    sumOfLines += amountMinor;
    lines.push({
      component: line.component,
      kind: line.kind,
      tier: line.tier,
      category: line.category,
      segmentStart: line.segmentStart,
      segmentEnd: line.segmentEnd,
      volumeMl: line.volumeMl,
      volumeFactor: line.volumeFactor,
      unitPrice: line.unitPrice,
      amount: formatMoney({ currency, minor: amountMinor }),
      exactAmount: formatRational(line.exactMinor, digits),
      readingsUsed: line.readingsUsed,
      explanation: line.explanation,
    });
  }
  if (scope === 'line') return { lines, totalMinor: sumOfLines };
  const total = roundToMoney(currency, sumRational(drafts.map((line) => line.exactMinor)), mode).minor;
  const difference = total - sumOfLines;
  if (difference !== 0n) {
    lines.push({
      component: 'rounding',
      kind: 'rounding',
      tier: null,
      category: null,
      segmentStart: period.start,
      segmentEnd: period.end,
      volumeMl: null,
      volumeFactor: null,
      unitPrice: null,
      amount: formatMoney({ currency, minor: difference }),
      exactAmount: formatRational(rational(difference), minorDigits(currency)),
      readingsUsed: [],
      explanation: `the total is rounded once (${mode}) from the exact sum of the lines; this line is its difference from the sum of the rounded lines`,
    });
  }
  return { lines, totalMinor: total };
}
