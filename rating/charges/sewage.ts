/**
 * Sewage (drainage) fee per m³ on the discharged volume: the water volume times the discharge
 * coefficient (Shanghai and Jiangmen: 90%). The price is flat, or follows the tiers of a tiered
 * component of the same category (Shenzhen: 0.90 / 1.00 / 1.10 by water tier), in which case each
 * water tier's volume is charged at its sewage price. The line keeps the metered volume and names
 * the coefficient; the amount is volume × coefficient × price, exact.
 */
import type { SewageComponent } from '../tariffs/types.js';
import { effectivePrice, formatM3, volumetricAmount, type DraftLine } from './line.js';
import type { RatedSegment } from './segment.js';

function sewageLine(
  component: SewageComponent,
  segment: RatedSegment,
  volumeMl: number,
  price: string,
  tier: number | null,
): DraftLine {
  const coefficient = component.dischargeCoefficient;
  const discharged =
    coefficient === '1' ? '' : ` on ${coefficient} of the volume (${effectivePrice(price, coefficient)}/m³ metered)`;
  const tierText = tier === null ? '' : ` in water tier ${tier} of "${component.tiersOf}"`;
  return {
    component: component.name,
    kind: 'sewage',
    tier,
    category: segment.category,
    segmentStart: segment.start,
    segmentEnd: segment.end,
    volumeMl,
    volumeFactor: coefficient,
    unitPrice: price,
    exactMinor: volumetricAmount(segment.currency, volumeMl, price, coefficient),
    readingsUsed: segment.readingsUsed,
    explanation: `${formatM3(volumeMl)} m³${tierText} × ${price}/m³${discharged}`,
  };
}

/** `tierVolumesMl` are the volumes per tier of the component named by `tiersOf` (checked at load). */
export function rateSewage(
  component: SewageComponent,
  segment: RatedSegment,
  tierVolumesMl?: readonly number[],
): DraftLine[] {
  if (segment.volumeMl === 0) return [];
  if (component.price !== undefined) return [sewageLine(component, segment, segment.volumeMl, component.price, null)];
  const prices = component.tierPrices ?? [];
  const lines: DraftLine[] = [];
  (tierVolumesMl ?? []).forEach((volumeMl, index) => {
    const price = prices[index];
    if (volumeMl > 0 && price !== undefined) lines.push(sewageLine(component, segment, volumeMl, price, index + 1));
  });
  return lines;
}
