/**
 * Minimum charge: when the lines it covers (default: every volumetric line) come to less than
 * the minimum, a top-up line brings them up to it. The minimum is a monthly amount (per account
 * or by meter diameter, like a fixed charge), prorated by days over the segments it applies to or
 * charged in full per cycle. In line rounding scope the minimum is rounded first and compared with
 * the rounded lines; in total scope both are compared exactly.
 */
import { succeed, type Outcome } from '../errors.js';
import { formatMoney, roundToMoney } from '../money/money.js';
import { compareRational, rational, subtractRational, sumRational, type Rational } from '../money/rational.js';
import type { RoundingMode } from '../money/rounding.js';
import type { MinimumComponent } from '../tariffs/types.js';
import { basicChargeLine } from './fixed.js';
import type { DraftLine } from './line.js';
import type { RatedSegment } from './segment.js';

const VOLUMETRIC_KINDS = new Set(['tiered', 'flat', 'sewage', 'twoPartVolumetric']);

export interface MinimumOccurrence {
  component: MinimumComponent;
  segment: RatedSegment;
}

function covered(line: DraftLine, component: MinimumComponent): boolean {
  return component.covers ? component.covers.includes(line.component) : VOLUMETRIC_KINDS.has(line.kind);
}

/**
 * Top-up lines for every minimum-charge component met in the period. `lines` are the period's
 * lines; in line scope they must already carry `amountMinor`.
 */
export function minimumTopUps(
  occurrences: readonly MinimumOccurrence[],
  lines: readonly DraftLine[],
  scope: 'line' | 'total',
  mode: RoundingMode,
): Outcome<DraftLine[]> {
  const byName = new Map<string, MinimumOccurrence[]>();
  for (const occurrence of occurrences) {
    byName.set(occurrence.component.name, [...(byName.get(occurrence.component.name) ?? []), occurrence]);
  }
  const topUps: DraftLine[] = [];
  for (const [name, group] of byName) {
    const first = group[0] as MinimumOccurrence;
    const last = group[group.length - 1] as MinimumOccurrence;
    const currency = first.segment.currency;
    const amounts: Rational[] = [];
    const seenCycles = new Set<string>();
    for (const { component, segment } of group) {
      const line = basicChargeLine(component, 'fixed', component.charge, segment);
      if (!line.ok) return line;
      if (component.prorate === 'none') {
        if (seenCycles.has(segment.cycle.start)) continue;
        seenCycles.add(segment.cycle.start);
      }
      amounts.push(line.value.exactMinor);
    }
    const minimumExact = sumRational(amounts);
    const minimum = scope === 'line' ? rational(roundToMoney(currency, minimumExact, mode).minor) : minimumExact;
    const segmentStarts = new Set(group.map((occurrence) => occurrence.segment.start));
    const coveredLines = lines.filter((line) => segmentStarts.has(line.segmentStart) && covered(line, first.component));
    const coveredAmount = sumRational(
      coveredLines.map((line) =>
        scope === 'line' && line.amountMinor !== undefined ? rational(line.amountMinor) : line.exactMinor,
      ),
    );
    if (compareRational(coveredAmount, minimum) >= 0) continue;
    const topUp = subtractRational(minimum, coveredAmount);
    const shown = (value: Rational) => formatMoney(roundToMoney(currency, value, mode));
    topUps.push({
      component: name,
      kind: 'minimumTopUp',
      tier: null,
      category: first.segment.category,
      segmentStart: first.segment.start,
      segmentEnd: last.segment.end,
      volumeMl: null,
      volumeFactor: null,
      unitPrice: null,
      exactMinor: topUp,
      readingsUsed: [],
      explanation: `minimum ${shown(minimum)} for ${first.segment.start}..${last.segment.end} exceeds the covered charges ${shown(coveredAmount)} (${
        coveredLines
          .map((line) => line.component)
          .filter((value, index, all) => all.indexOf(value) === index)
          .join(', ') || 'none'
      })`,
    });
  }
  return succeed(topUps);
}
