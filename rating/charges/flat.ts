/** A flat price per m³ on the whole segment volume: water supply, resource fee, surcharges (Shenzhen garbage fee). */
import type { FlatComponent } from '../tariffs/types.js';
import { formatM3, volumetricAmount, type DraftLine } from './line.js';
import type { RatedSegment } from './segment.js';

export function rateFlat(component: FlatComponent, segment: RatedSegment): DraftLine[] {
  if (segment.volumeMl === 0) return [];
  return [
    {
      component: component.name,
      kind: 'flat',
      tier: null,
      category: segment.category,
      segmentStart: segment.start,
      segmentEnd: segment.end,
      volumeMl: segment.volumeMl,
      volumeFactor: null,
      unitPrice: component.price,
      exactMinor: volumetricAmount(segment.currency, segment.volumeMl, component.price),
      readingsUsed: segment.readingsUsed,
      explanation: `${formatM3(segment.volumeMl)} m³ × ${component.price}/m³`,
    },
  ];
}
