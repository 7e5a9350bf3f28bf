/**
 * Cross-field rules the schema cannot state on one field. Each returns issues with the path of
 * the field to fix: `versions[1].categories.residential.components[0].tiers[2].upToM3: must be
 * greater than the previous tier's (180)`.
 */
import type { FieldIssue } from '../errors.js';
import { formatPath } from './issues.js';
import type { CategoryPricing, Component, Tariff } from './types.js';
import { m3ToMl } from '../consumption/volume.js';

type Path = (string | number)[];

function issue(path: Path, message: string): FieldIssue {
  return { path: formatPath(path), message };
}

function checkTiers(component: Extract<Component, { kind: 'tiered' }>, path: Path): FieldIssue[] {
  const issues: FieldIssue[] = [];
  let previous: number | undefined;
  component.tiers.forEach((tier, index) => {
    const last = index === component.tiers.length - 1;
    const tierPath = [...path, 'tiers', index];
    if (last) {
      if (tier.upToM3 !== undefined)
        issues.push(issue([...tierPath, 'upToM3'], 'must be absent on the last tier (it is open-ended)'));
      return;
    }
    if (tier.upToM3 === undefined) {
      issues.push(issue([...tierPath, 'upToM3'], 'required on every tier but the last'));
      return;
    }
    if (previous !== undefined && m3ToMl(tier.upToM3) <= m3ToMl(previous)) {
      issues.push(issue([...tierPath, 'upToM3'], `must be greater than the previous tier's (${previous})`));
    }
    previous = tier.upToM3;
  });
  if (component.thresholdProration === 'remainingMonths' && component.basis !== 'annual') {
    issues.push(issue([...path, 'thresholdProration'], '"remainingMonths" applies to annual tiers only'));
  }
  return issues;
}

function checkCategory(category: CategoryPricing, path: Path): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const byName = new Map<string, Component>();
  category.components.forEach((component, index) => {
    const componentPath = [...path, 'components', index];
    if (byName.has(component.name)) {
      issues.push(issue([...componentPath, 'name'], `"${component.name}" is already used in this category`));
    }
    byName.set(component.name, component);
    if (component.kind === 'tiered') issues.push(...checkTiers(component, componentPath));
  });
  category.components.forEach((component, index) => {
    const componentPath = [...path, 'components', index];
    if (component.kind === 'sewage') {
      const hasFlat = component.price !== undefined;
      const hasTiers = component.tierPrices !== undefined || component.tiersOf !== undefined;
      if (hasFlat === hasTiers) {
        issues.push(issue(componentPath, 'needs either "price" or both "tierPrices" and "tiersOf"'));
      } else if (hasTiers) {
        const source = component.tiersOf === undefined ? undefined : byName.get(component.tiersOf);
        if (component.tiersOf === undefined || component.tierPrices === undefined) {
          issues.push(issue(componentPath, '"tierPrices" and "tiersOf" go together'));
        } else if (source?.kind !== 'tiered') {
          issues.push(
            issue(
              [...componentPath, 'tiersOf'],
              `must name a tiered component of this category, not "${component.tiersOf}"`,
            ),
          );
        } else if (source.tiers.length !== component.tierPrices.length) {
          issues.push(
            issue(
              [...componentPath, 'tierPrices'],
              `must have one price per tier of "${source.name}" (${source.tiers.length})`,
            ),
          );
        }
      }
    }
    if (component.kind === 'minimum') {
      component.covers?.forEach((name, coverIndex) => {
        const covered = byName.get(name);
        if (!covered)
          issues.push(issue([...componentPath, 'covers', coverIndex], `no component "${name}" in this category`));
        else if (covered.kind === 'minimum')
          issues.push(issue([...componentPath, 'covers', coverIndex], 'cannot cover another minimum'));
      });
    }
  });
  return issues;
}

export function checkTariff(tariff: Tariff): FieldIssue[] {
  const issues: FieldIssue[] = [];
  let annualAt: Path | undefined;
  tariff.versions.forEach((version, index) => {
    const previous = tariff.versions[index - 1];
    if (previous && version.effectiveFrom <= previous.effectiveFrom) {
      issues.push(
        issue(
          ['versions', index, 'effectiveFrom'],
          `must be after versions[${index - 1}].effectiveFrom (${previous.effectiveFrom})`,
        ),
      );
    }
    for (const [name, category] of Object.entries(version.categories)) {
      const path = ['versions', index, 'categories', name];
      issues.push(...checkCategory(category, path));
      category.components.forEach((component, componentIndex) => {
        if (component.kind === 'tiered' && component.basis === 'annual')
          annualAt ??= [...path, 'components', componentIndex];
      });
    }
  });
  if (annualAt && !tariff.policies.tierYear) {
    issues.push(issue(['policies', 'tierYear'], `required because ${formatPath(annualAt)} has annual tiers`));
  }
  return issues;
}
