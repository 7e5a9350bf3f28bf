/**
 * rateAccount as a whole: determinism, plain-data results, input checks, and the laws a bill
 * obeys (fast-check). Worked examples per feature are in rate-account.<feature>.test.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AccountFacts, RatingInput } from './account.js';
import { parseMoney } from './money/money.js';
import { addMonths, daysBetween, addDays } from './periods/civil-date.js';
import { rateAccount } from './rate-account.js';
import type { RatedPeriod } from './result.js';
import type { Tariff } from './tariffs/types.js';
import { account, exampleTariff, M3, meter, rated, register, simpleInput } from './testing/fixtures.js';

const beijing = exampleTariff('beijing-2014-residential');
const beijingNonResidential = exampleTariff('beijing-non-residential');
const shenzhen = exampleTariff('shenzhen-2022-residential');
const shijiazhuang = exampleTariff('shijiazhuang-by-category');
const jiangmen = exampleTariff('jiangmen-residential');
const twoPart = exampleTariff('illustrative-two-part');
/** Jiangmen rounded once on the total with banker's rounding, to exercise the rounding line. */
const jiangmenTotal: Tariff = {
  ...jiangmen,
  policies: { ...jiangmen.policies, moneyRounding: { mode: 'halfEven', scope: 'total' } },
};
/** The two-part tariff without its minimum charge (a minimum is not additive over sub-periods). */
const twoPartNoMinimum: Tariff = structuredClone(twoPart);
twoPartNoMinimum.versions[0]!.categories.industrial!.components =
  twoPartNoMinimum.versions[0]!.categories.industrial!.components.filter((component) => component.kind !== 'minimum');

function minor(amount: string): bigint {
  const value = parseMoney('CNY', amount);
  if (!value) throw new Error(`not an amount: ${amount}`);
  return value.minor;
}

/** Account facts that every shipped tariff can price, by tariff. */
function factsFor(tariff: Tariff, persons: number, yearToDateMl: number, periodStart: string): Partial<AccountFacts> {
  const category =
    tariff === twoPart || tariff === twoPartNoMinimum
      ? 'industrial'
      : tariff === beijingNonResidential
        ? 'non_residential'
        : tariff === shijiazhuang
          ? 'commercial'
          : 'residential';
  return {
    categoryHistory: [{ from: '2010-01-01', category }],
    householdSizeHistory: [{ from: '2010-01-01', persons }],
    contractedCapacityHistory: [{ from: '2010-01-01', m3PerMonth: 100 }],
    meters: [meter({ diameterMm: 25, registerDigits: 7 })],
    tierYearToDate: { tierYearStart: `${periodStart.slice(0, 4)}-01-01`, volumeMl: yearToDateMl },
  };
}

const monthStart = fc
  .record({ year: fc.integer({ min: 2024, max: 2027 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}-01`);
const volumeMl = fc.integer({ min: 0, max: 200 * M3 });
const persons = fc.integer({ min: 1, max: 9 });
const yearToDate = fc.integer({ min: 0, max: 400 * M3 });

describe('rateAccount', () => {
  it('returns plain data that survives structured cloning (a worker-thread boundary) unchanged', () => {
    const result = rateAccount(
      simpleInput(twoPart, { start: '2024-03-01', end: '2024-04-01' }, 30 * M3, factsFor(twoPart, 1, 0, '2024-03-01')),
    );
    expect(structuredClone(result)).toEqual(result);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('refuses a period whose end is not after its start', () => {
    const result = rateAccount(simpleInput(shijiazhuang, { start: '2024-03-01', end: '2024-03-01' }, 0));
    expect(result.ok ? null : result.error.code).toBe('RATING_PERIOD_INVALID');
  });

  it('refuses a carried tier year later than the period', () => {
    const input = simpleInput(beijing, { start: '2024-03-01', end: '2024-04-01' }, 10 * M3, {
      householdSizeHistory: [{ from: '2010-01-01', persons: 3 }],
      tierYearToDate: { tierYearStart: '2025-01-01', volumeMl: 0 },
    });
    const result = rateAccount(input);
    expect(result.ok ? null : result.error.code).toBe('RATING_CARRY_OVER_INVALID');
  });

  it('refuses a negative carried remainder', () => {
    const result = rateAccount(
      simpleInput(shijiazhuang, { start: '2024-03-01', end: '2024-04-01' }, 0, { volumeRemainderMl: -1 }),
    );
    expect(result.ok ? null : result.error.code).toBe('RATING_CARRY_OVER_INVALID');
  });
});

describe('properties', () => {
  const anyTariff = fc.constantFrom(
    beijing,
    beijingNonResidential,
    shenzhen,
    shijiazhuang,
    jiangmen,
    jiangmenTotal,
    twoPart,
  );

  const anyInput = fc
    .record({
      tariff: anyTariff,
      start: monthStart,
      months: fc.integer({ min: 1, max: 3 }),
      volume: volumeMl,
      persons,
      ytd: yearToDate,
      register: fc.integer({ min: 0, max: 10 ** 12 }),
    })
    .map(({ tariff, start, months, volume, persons: size, ytd, register: startMl }) =>
      simpleInput(
        tariff,
        { start, end: addMonths(start, months) },
        volume,
        factsFor(tariff, size, ytd, start),
        startMl,
      ),
    );

  it('the total is the sum of the lines', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = rated(rateAccount(input));
        expect(result.lines.reduce((sum, line) => sum + minor(line.amount), 0n)).toBe(minor(result.totals.amount));
      }),
    );
  });

  it('the bill never decreases when consumption increases (one-month periods)', () => {
    fc.assert(
      fc.property(
        anyTariff,
        monthStart,
        volumeMl,
        fc.integer({ min: 0, max: 50 * M3 }),
        persons,
        yearToDate,
        (tariff, start, volume, extra, size, ytd) => {
          const period = { start, end: addMonths(start, 1) };
          const facts = factsFor(tariff, size, ytd, start);
          const less = rated(rateAccount(simpleInput(tariff, period, volume, facts)));
          const more = rated(rateAccount(simpleInput(tariff, period, volume + extra, facts)));
          expect(minor(more.totals.amount)).toBeGreaterThanOrEqual(minor(less.totals.amount));
        },
      ),
    );
  });

  it('the sum of tier volumes equals the billed consumption, also across cycles and household changes', () => {
    const tiered = fc.constantFrom(beijing, shenzhen);
    fc.assert(
      fc.property(
        tiered,
        monthStart,
        fc.integer({ min: 1, max: 3 }),
        volumeMl,
        persons,
        persons,
        fc.integer({ min: 1, max: 80 }),
        yearToDate,
        (tariff, start, months, volume, before, after, changeDay, ytd) => {
          const end = addMonths(start, months);
          const facts = {
            ...factsFor(tariff, before, ytd, start),
            householdSizeHistory: [
              { from: '2010-01-01', persons: before },
              { from: addDays(start, changeDay), persons: after },
            ],
          };
          const result = rated(rateAccount(simpleInput(tariff, { start, end }, volume, facts)));
          for (const component of ['water_supply', 'sewage']) {
            const tierVolume = result.lines
              .filter((line) => line.component === component && line.tier !== null)
              .reduce((sum, line) => sum + (line.volumeMl ?? 0), 0);
            const expected = tariff === beijing && component === 'sewage' ? 0 : result.totals.billedVolumeMl; // Beijing sewage is flat
            expect(tierVolume).toBe(expected);
          }
        },
      ),
    );
  });

  /**
   * Rating a period whole equals rating it as two consecutive sub-periods (carrying the state)
   * when nothing changes inside it, for tariffs whose charges are additive over time: annual
   * tiers, flat and sewage prices, fixed charges prorated by days. Volumes and tier volumes are
   * equal exactly; amounts differ only by rounding, at most half a fen per line rounded
   * (halfUp): |whole − parts| ≤ 0.5 fen × (lines of the whole + lines of the parts). Period tiers
   * and minimum charges are not additive (each sub-period gets its own thresholds or minimum) and
   * are left out.
   */
  it('a period rated whole equals the sum of its parts rated consecutively, within half a fen per line', () => {
    const additive = fc.constantFrom(beijing, shijiazhuang, jiangmen, twoPartNoMinimum);
    fc.assert(
      fc.property(
        additive,
        monthStart,
        volumeMl,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 27 }),
        persons,
        yearToDate,
        fc.integer({ min: 0, max: 999_999 }),
        (tariff, start, volume, share, splitDay, size, ytd, remainder) => {
          const end = addMonths(start, 1);
          const middle = addDays(start, splitDay);
          const firstVolume = Math.floor(volume * share);
          const facts: AccountFacts = account({ ...factsFor(tariff, size, ytd, start), volumeRemainderMl: remainder });
          const startMl = 5_000 * M3;
          const registers = [
            register(start, startMl),
            register(middle, startMl + firstVolume),
            register(end, startMl + volume),
          ];
          const input = (period: { start: string; end: string }, carried: AccountFacts): RatingInput => ({
            tariff,
            period,
            account: carried,
            registers,
          });
          const whole = rated(rateAccount(input({ start, end }, facts)));
          const first = rated(rateAccount(input({ start, end: middle }, facts)));
          const carried = {
            ...facts,
            volumeRemainderMl: first.carryOver.volumeRemainderMl,
            ...(first.carryOver.tierYearToDate ? { tierYearToDate: first.carryOver.tierYearToDate } : {}),
          };
          const second = rated(rateAccount(input({ start: middle, end }, carried)));

          expect(first.totals.billedVolumeMl + second.totals.billedVolumeMl).toBe(whole.totals.billedVolumeMl);
          expect(second.carryOver).toEqual(whole.carryOver);
          const tierVolumes = (results: RatedPeriod[]) => {
            const volumes = new Map<string, number>();
            for (const line of results.flatMap((result) => result.lines)) {
              const key = `${line.component}#${line.tier}#${line.kind}`;
              volumes.set(key, (volumes.get(key) ?? 0) + (line.volumeMl ?? 0));
            }
            return volumes;
          };
          expect(tierVolumes([first, second])).toEqual(tierVolumes([whole]));
          const difference = minor(whole.totals.amount) - minor(first.totals.amount) - minor(second.totals.amount);
          const lines = BigInt(whole.lines.length + first.lines.length + second.lines.length);
          expect(2n * (difference < 0n ? -difference : difference)).toBeLessThanOrEqual(lines);
          expect(daysBetween(start, middle) + daysBetween(middle, end)).toBe(daysBetween(start, end));
        },
      ),
    );
  });

  it('is deterministic: the same input twice gives deep-equal output', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        expect(rateAccount(structuredClone(input))).toEqual(rateAccount(input));
      }),
    );
  });
});
