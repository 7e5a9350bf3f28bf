/** Which version of a tariff is in force on a day: the last with effectiveFrom ≤ day. */
import type { Tariff, TariffVersion } from './types.js';

export function versionIndexOn(tariff: Tariff, date: string): number {
  let found = -1;
  tariff.versions.forEach((version, index) => {
    if (version.effectiveFrom <= date) found = index;
  });
  return found;
}

export function versionOn(tariff: Tariff, date: string): TariffVersion | undefined {
  return tariff.versions[versionIndexOn(tariff, date)];
}

/** Version start dates strictly inside (start, end). */
export function versionChangesWithin(tariff: Tariff, start: string, end: string): string[] {
  return tariff.versions.map((version) => version.effectiveFrom).filter((date) => date > start && date < end);
}

/** True when some version prices a component of one of `kinds` (decides which boundaries matter). */
export function tariffUses(
  tariff: Tariff,
  predicate: (component: TariffVersion['categories'][string]['components'][number]) => boolean,
): boolean {
  return tariff.versions.some((version) =>
    Object.values(version.categories).some((category) => category.components.some(predicate)),
  );
}
