/**
 * Builders for rating tests: the example tariffs shipped in the repo and small account inputs.
 * Test support only (no production code imports it).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AccountFacts, BoundaryRegister, MeterInstallation, RatingInput } from '../account.js';
import { parseTariffText } from '../tariffs/parse.js';
import type { Tariff } from '../tariffs/types.js';
import type { RatedPeriod, RatingResult } from '../result.js';

export const M3 = 1_000_000;

export function exampleTariff(name: string): Tariff {
  const path = fileURLToPath(new URL(`../tariffs/examples/${name}.yaml`, import.meta.url));
  const parsed = parseTariffText(readFileSync(path, 'utf8'), 'yaml');
  if (!parsed.ok) throw new Error(`example tariff ${name} is invalid: ${parsed.error.message}`);
  return parsed.value;
}

export function meter(overrides: Partial<MeterInstallation> = {}): MeterInstallation {
  return {
    meterId: 'M1',
    installedOn: '2010-01-01',
    initialRegisterMl: 0,
    registerDigits: 5,
    diameterMm: 15,
    ...overrides,
  };
}

export function account(overrides: Partial<AccountFacts> = {}): AccountFacts {
  return {
    accountId: 'A1',
    categoryHistory: [{ from: '2010-01-01', category: 'residential' }],
    meters: [meter()],
    billingCycle: { readingDay: 1, months: 1 },
    ...overrides,
  };
}

export function register(
  on: string,
  registerMl: number,
  meterId = 'M1',
  quality: BoundaryRegister['quality'] = 'actual',
): BoundaryRegister {
  return { meterId, on, registerMl, quality, readingIds: [`${meterId}@${on}`] };
}

/** A period whose only meter reads `startMl` at the start and `startMl + volumeMl` at the end. */
export function simpleInput(
  tariff: Tariff,
  period: { start: string; end: string },
  volumeMl: number,
  facts: Partial<AccountFacts> = {},
  startMl = 1_000 * M3,
): RatingInput {
  return {
    tariff,
    period,
    account: account(facts),
    registers: [register(period.start, startMl), register(period.end, startMl + volumeMl)],
  };
}

export function rated(result: RatingResult): RatedPeriod {
  if (!result.ok) throw new Error(`expected a rated period, got ${result.error.code}: ${result.error.message}`);
  return result;
}

/** Lines as compact tuples, for readable expectations: [component, tier, m³, amount]. */
export function lineSummary(result: RatedPeriod): [string, number | null, number | null, string][] {
  return result.lines.map((line) => [
    line.component,
    line.tier,
    line.volumeMl === null ? null : line.volumeMl / M3,
    line.amount,
  ]);
}
