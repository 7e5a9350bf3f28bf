/**
 * Two-part price (两部制水价): a basic (capacity) charge per month, by contracted capacity or meter
 * diameter, plus a volumetric charge on the metered volume. Two lines per segment, so a bill
 * shows both parts.
 */
import { succeed, type Outcome } from '../errors.js';
import type { TwoPartComponent } from '../tariffs/types.js';
import { basicChargeLine, type CycleDraftLine } from './fixed.js';
import { formatM3, volumetricAmount, type DraftLine } from './line.js';
import type { RatedSegment } from './segment.js';

export function rateTwoPart(component: TwoPartComponent, segment: RatedSegment): Outcome<CycleDraftLine[]> {
  const basic = basicChargeLine(component, 'twoPartBasic', component.basic, segment);
  if (!basic.ok) return basic;
  const lines: CycleDraftLine[] = [basic.value];
  if (segment.volumeMl > 0) {
    const volumetric: DraftLine = {
      component: component.name,
      kind: 'twoPartVolumetric',
      tier: null,
      category: segment.category,
      segmentStart: segment.start,
      segmentEnd: segment.end,
      volumeMl: segment.volumeMl,
      volumeFactor: null,
      unitPrice: component.volumetricPrice,
      exactMinor: volumetricAmount(segment.currency, segment.volumeMl, component.volumetricPrice),
      readingsUsed: segment.readingsUsed,
      explanation: `volumetric part: ${formatM3(segment.volumeMl)} m³ × ${component.volumetricPrice}/m³`,
    };
    lines.push(volumetric);
  }
  return succeed(lines);
}
