/** A readable outline of a tariff for `meterflow tariffs show`. */
import type { BasicCharge, Component, Tariff } from '../tariffs/types.js';

function basic(charge: BasicCharge): string {
  switch (charge.basis) {
    case 'account':
      return `${charge.amountPerMonth}/month per account`;
    case 'meterDiameter':
      return `per month by meter diameter: ${Object.entries(charge.amountsPerMonthByDiameterMm)
        .map(([diameter, amount]) => `DN${diameter} ${amount}`)
        .join(', ')}`;
    case 'contractedCapacity':
      return `${charge.pricePerContractedM3} per contracted m³ per month`;
  }
}

export function describeComponent(component: Component): string {
  switch (component.kind) {
    case 'tiered': {
      const tiers = component.tiers
        .map((tier) => (tier.upToM3 === undefined ? `above: ${tier.price}` : `≤${tier.upToM3} m³: ${tier.price}`))
        .join(' | ');
      const allowance = component.householdAllowance;
      const allowanceText = !allowance
        ? ''
        : allowance.kind === 'perPersonAbove'
          ? `; +${allowance.m3PerPerson} m³ per person above ${allowance.baseSize}`
          : allowance.kind === 'fromSize'
            ? `; +${allowance.extraM3} m³ from ${allowance.minSize} persons`
            : '; thresholds per person';
      return `${component.name}: tiered per ${component.basis === 'annual' ? 'tier year' : 'billing period'} [${tiers}] per m³${allowanceText}; proration ${component.thresholdProration}`;
    }
    case 'flat':
      return `${component.name}: ${component.price} per m³`;
    case 'sewage':
      return `${component.name}: sewage ${component.price ?? `[${component.tierPrices?.join(' | ')}] by tier of ${component.tiersOf}`} per m³ on ${component.dischargeCoefficient} of the volume`;
    case 'fixed':
      return `${component.name}: fixed ${basic(component.charge)}, prorate ${component.prorate}`;
    case 'twoPart':
      return `${component.name}: two-part, basic ${basic(component.basic)} + ${component.volumetricPrice} per m³, prorate ${component.prorate}`;
    case 'minimum':
      return `${component.name}: minimum ${basic(component.charge)} covering ${component.covers?.join(', ') ?? 'volumetric charges'}, prorate ${component.prorate}`;
  }
}

export function describeTariff(tariff: Tariff): string {
  const { policies } = tariff;
  const lines = [
    `${tariff.id}: ${tariff.name}${tariff.illustrative ? '  [ILLUSTRATIVE, not a published tariff]' : ''}`,
    `currency ${tariff.currency}, time zone ${tariff.timeZone}`,
    `volume resolution ${policies.volumeResolution}; rounding ${policies.moneyRounding.mode} per ${policies.moneyRounding.scope}; split ${policies.split.method} to ${policies.split.resolution}` +
      (policies.tierYear
        ? `; tier year from ${policies.tierYear.start} (${policies.tierYear.periodSpanningStart})`
        : ''),
  ];
  if (tariff.lateFee) {
    const fee = tariff.lateFee;
    lines.push(
      `late fee ${fee.ratePerDay}/day after ${fee.startsAfter} + ${fee.graceDays} days${fee.capFraction ? `, capped at ${fee.capFraction} × overdue` : ''}`,
    );
  }
  for (const version of tariff.versions) {
    lines.push(`version from ${version.effectiveFrom}${version.label ? ` (${version.label})` : ''}`);
    for (const [name, category] of Object.entries(version.categories)) {
      lines.push(`  ${name}${category.description ? ` (${category.description})` : ''}`);
      for (const component of category.components) lines.push(`    ${describeComponent(component)}`);
    }
  }
  for (const source of tariff.sources) lines.push(`source: ${source}`);
  if (tariff.notes) lines.push(`notes: ${tariff.notes}`);
  return lines.join('\n');
}
