/**
 * The canonical form of an imported account (fixed field order, sorted histories) and its
 * checksum: the same account gives the same checksum whatever file format or field order it came
 * in, so a re-import that changes nothing writes nothing.
 */
import { createHash } from 'node:crypto';
import type { ImportedAccount, ImportedInstallation } from './types.js';

function canonicalMeter(m: ImportedInstallation): ImportedInstallation {
  return {
    meterId: m.meterId,
    installedOn: m.installedOn,
    initialRegisterMl: m.initialRegisterMl,
    ...(m.removedOn !== undefined ? { removedOn: m.removedOn } : {}),
    ...(m.finalRegisterMl !== undefined ? { finalRegisterMl: m.finalRegisterMl } : {}),
    ...(m.registerDigits !== undefined ? { registerDigits: m.registerDigits } : {}),
    ...(m.diameterMm !== undefined ? { diameterMm: m.diameterMm } : {}),
  };
}

function byFrom<T extends { from: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

export function canonicalAccount(a: ImportedAccount): ImportedAccount {
  return {
    accountId: a.accountId,
    ...(a.name !== undefined ? { name: a.name } : {}),
    ...(a.address !== undefined ? { address: a.address } : {}),
    readingDay: a.readingDay,
    billingMonths: a.billingMonths,
    firstMonth: a.firstMonth,
    timeZone: a.timeZone,
    openedOn: a.openedOn,
    ...(a.closedOn !== undefined ? { closedOn: a.closedOn } : {}),
    categories: byFrom(a.categories).map((c) => ({ from: c.from, category: c.category })),
    householdSizes: byFrom(a.householdSizes).map((h) => ({ from: h.from, persons: h.persons })),
    contractedCapacities: byFrom(a.contractedCapacities).map((c) => ({ from: c.from, m3PerMonth: c.m3PerMonth })),
    meters: [...a.meters]
      .sort((x, y) => (x.installedOn < y.installedOn ? -1 : x.installedOn > y.installedOn ? 1 : 0))
      .map(canonicalMeter),
  };
}

export function accountChecksum(a: ImportedAccount): string {
  return createHash('sha256')
    .update(JSON.stringify(canonicalAccount(a)))
    .digest('hex');
}
