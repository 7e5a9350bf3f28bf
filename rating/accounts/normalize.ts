/**
 * An account record (JSON, or built from CSV events) to the stored account: exchanges become a
 * removal of the old meter and an installation of the new one, histories are sorted, and the
 * rules zod cannot see are checked. Every problem is a `{ path, message }` with the record's field
 * path ('meters[1].removedOn', 'exchanges[0].oldMeterId'); the format readers turn paths into
 * line numbers and column names. Pure.
 */
import type { FieldIssue } from '../errors.js';
import type { AccountRecord } from './record-schema.js';
import type { ImportedAccount, ImportedInstallation } from './types.js';

interface Placed {
  meter: ImportedInstallation;
  /** Field path of what created it: 'meters[2]' or 'exchanges[0]'. */
  origin: string;
  fromExchange: boolean;
}

function byFrom<T extends { from: string }>(a: T, b: T): number {
  return a.from < b.from ? -1 : a.from > b.from ? 1 : 0;
}

function duplicateDates(history: readonly { from: string }[], name: string, issues: FieldIssue[]): void {
  const seen = new Map<string, number>();
  history.forEach((entry, index) => {
    const first = seen.get(entry.from);
    if (first === undefined) seen.set(entry.from, index);
    else issues.push({ path: `${name}[${index}].from`, message: `${name}[${first}] already starts on ${entry.from}` });
  });
}

function applyExchanges(record: AccountRecord, placed: Placed[], issues: FieldIssue[]): void {
  const order = record.exchanges.map((exchange, index) => ({ exchange, index }));
  order.sort((a, b) => (a.exchange.on < b.exchange.on ? -1 : a.exchange.on > b.exchange.on ? 1 : a.index - b.index));
  for (const { exchange, index } of order) {
    const path = `exchanges[${index}]`;
    const old = placed.find(
      (p) =>
        p.meter.meterId === exchange.oldMeterId &&
        p.meter.installedOn < exchange.on &&
        (p.meter.removedOn === undefined || p.meter.removedOn > exchange.on),
    );
    if (!old) {
      issues.push({
        path: `${path}.oldMeterId`,
        message: `meter ${exchange.oldMeterId} is not installed on the account before ${exchange.on}`,
      });
      continue;
    }
    if (old.meter.removedOn !== undefined) {
      issues.push({
        path: `${path}.on`,
        message: `meter ${exchange.oldMeterId} is already removed on ${old.meter.removedOn}, after this exchange`,
      });
      continue;
    }
    old.meter.removedOn = exchange.on;
    old.meter.finalRegisterMl = exchange.oldFinalRegisterMl;
    const registerDigits = exchange.registerDigits ?? old.meter.registerDigits;
    const diameterMm = exchange.diameterMm ?? old.meter.diameterMm;
    placed.push({
      meter: {
        meterId: exchange.newMeterId,
        installedOn: exchange.on,
        initialRegisterMl: exchange.newInitialRegisterMl,
        ...(registerDigits !== undefined ? { registerDigits } : {}),
        ...(diameterMm !== undefined ? { diameterMm } : {}),
      },
      origin: path,
      fromExchange: true,
    });
  }
}

function checkRemovals(placed: readonly Placed[], issues: FieldIssue[]): void {
  for (const { meter, origin } of placed) {
    if (meter.removedOn !== undefined && meter.removedOn <= meter.installedOn) {
      issues.push({ path: `${origin}.removedOn`, message: `must be after installedOn (${meter.installedOn})` });
    }
    if (meter.removedOn !== undefined && meter.finalRegisterMl === undefined) {
      issues.push({ path: `${origin}.finalRegisterMl`, message: 'required: a removed meter needs its final register' });
    }
    if (meter.removedOn === undefined && meter.finalRegisterMl !== undefined) {
      issues.push({ path: `${origin}.removedOn`, message: 'required with finalRegisterMl' });
    }
  }
}

function checkOverlaps(placed: readonly Placed[], issues: FieldIssue[]): void {
  const ordered = [...placed].sort((a, b) =>
    a.meter.installedOn < b.meter.installedOn ? -1 : a.meter.installedOn > b.meter.installedOn ? 1 : 0,
  );
  for (let i = 1; i < ordered.length; i++) {
    const previous = ordered[i - 1]!.meter;
    const next = ordered[i]!;
    if (previous.removedOn === undefined || previous.removedOn > next.meter.installedOn) {
      const until = previous.removedOn === undefined ? 'is never removed' : `is installed until ${previous.removedOn}`;
      issues.push({
        path: next.fromExchange ? `${next.origin}.on` : `${next.origin}.installedOn`,
        message: `meter ${next.meter.meterId} is installed on ${next.meter.installedOn} but meter ${previous.meterId} ${until}`,
      });
    }
  }
}

export function normalizeAccount(
  record: AccountRecord,
): { ok: true; account: ImportedAccount } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  duplicateDates(record.categories, 'categories', issues);
  duplicateDates(record.householdSizes, 'householdSizes', issues);
  duplicateDates(record.contractedCapacities, 'contractedCapacities', issues);
  const placed: Placed[] = record.meters.map((meter, index) => ({
    meter: { ...meter },
    origin: `meters[${index}]`,
    fromExchange: false,
  }));
  checkRemovals(placed, issues);
  if (issues.length === 0) applyExchanges(record, placed, issues);
  if (issues.length === 0) checkOverlaps(placed, issues);
  const starts = [...record.categories.map((c) => c.from), ...placed.map((p) => p.meter.installedOn)].sort();
  const openedOn = record.openedOn ?? starts[0]!;
  if (record.closedOn !== undefined && record.closedOn < openedOn) {
    issues.push({ path: 'closedOn', message: `must not be before openedOn (${openedOn})` });
  }
  if (issues.length > 0) return { ok: false, issues };
  const meters = placed
    .map((p) => p.meter)
    .sort((a, b) => (a.installedOn < b.installedOn ? -1 : a.installedOn > b.installedOn ? 1 : 0));
  return {
    ok: true,
    account: {
      accountId: record.accountId,
      ...(record.name !== undefined ? { name: record.name } : {}),
      ...(record.address !== undefined ? { address: record.address } : {}),
      readingDay: record.readingDay,
      billingMonths: record.billingMonths,
      firstMonth: record.firstMonth,
      timeZone: record.timeZone,
      openedOn,
      ...(record.closedOn !== undefined ? { closedOn: record.closedOn } : {}),
      categories: [...record.categories].sort(byFrom),
      householdSizes: [...record.householdSizes].sort(byFrom),
      contractedCapacities: [...record.contractedCapacities].sort(byFrom),
      meters,
    },
  };
}
