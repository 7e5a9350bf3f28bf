/**
 * Seeding a test database for rating integration tests: example tariffs, accounts (through the
 * real import), readings, and a generated population of accounts with a month of readings.
 * Test support only.
 */
import type pg from 'pg';
import type { ImportedAccount } from '../accounts/types.js';
import { importAccounts } from '../accounts/store.js';
import { importTariff } from '../tariffs/store.js';
import { exampleTariff } from './fixtures.js';

export interface ReadingSeed {
  meterId: string;
  /** ISO instant. */
  time: string;
  registerMl: number;
  quality?: 'actual' | 'estimated' | 'corrected';
  flags?: number;
}

export async function seedTariff(pool: pg.Pool, name: string, categories?: string[]): Promise<void> {
  const result = await importTariff(pool, exampleTariff(name), categories);
  if (!result.ok) throw new Error(result.error.message);
}

export async function insertReadings(pool: pg.Pool, readings: readonly ReadingSeed[]): Promise<void> {
  for (let start = 0; start < readings.length; start += 500) {
    const rows = readings.slice(start, start + 500);
    await pool.query(
      `INSERT INTO readings (meter_id, time, received_at, register_ml, quality, flags)
       SELECT m, t, t, r, q, f FROM unnest($1::text[], $2::timestamptz[], $3::int8[], $4::text[], $5::int8[]) AS x(m, t, r, q, f)
       ON CONFLICT (meter_id, time) DO UPDATE SET register_ml = EXCLUDED.register_ml, quality = EXCLUDED.quality`,
      [
        rows.map((r) => r.meterId),
        rows.map((r) => r.time),
        rows.map((r) => r.registerMl),
        rows.map((r) => r.quality ?? 'actual'),
        rows.map((r) => r.flags ?? 0),
      ],
    );
  }
}

/** Local midnight of a date in Asia/Shanghai (UTC+8, no DST) as an ISO instant. */
export function shanghaiMidnight(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`) - 8 * 3600_000;
  return new Date(t).toISOString();
}

export interface Population {
  accounts: ImportedAccount[];
  readings: ReadingSeed[];
}

/**
 * `count` residential accounts (reading day 1, Asia/Shanghai) with daily readings through
 * [from, to] at midnight or at a per-meter hour (then the boundaries are interpolated), a meter
 * exchange on every 7th account, and monthly volumes from a few m³ to ~45 m³ (all tiers).
 */
export function population(count: number, from: string, days: number): Population {
  const accounts: ImportedAccount[] = [];
  const readings: ReadingSeed[] = [];
  const start = Date.parse(shanghaiMidnight(from));
  for (let i = 0; i < count; i++) {
    const id = `ACC-${String(i).padStart(6, '0')}`;
    const litresPerDay = 150 + ((i * 7919) % 1300);
    const offsetMs = i % 3 === 0 ? 0 : ((i * 37) % 1380) * 60_000;
    const exchangeDay = i % 7 === 3 ? 10 : -1;
    const meterA = `MA-${i}`;
    const meterB = `MB-${i}`;
    const baseMl = 10_000_000 + ((i * 104_729) % 90_000) * 1000;
    const meters: ImportedAccount['meters'] = [];
    const exchangeDate = new Date(start + exchangeDay * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const finalMl = baseMl + exchangeDay * litresPerDay * 1000;
    meters.push({
      meterId: meterA,
      installedOn: '2020-01-01',
      initialRegisterMl: 0,
      registerDigits: 5,
      diameterMm: 15,
    });
    if (exchangeDay > 0) {
      meters[0]!.removedOn = exchangeDate;
      meters[0]!.finalRegisterMl = finalMl;
      meters.push({
        meterId: meterB,
        installedOn: exchangeDate,
        initialRegisterMl: 5000,
        registerDigits: 5,
        diameterMm: 15,
      });
    }
    accounts.push({
      accountId: id,
      readingDay: 1,
      billingMonths: 1,
      firstMonth: 1,
      timeZone: 'Asia/Shanghai',
      openedOn: '2020-01-01',
      categories: [{ from: '2020-01-01', category: 'residential' }],
      householdSizes: [{ from: '2020-01-01', persons: 1 + (i % 6) }],
      contractedCapacities: [],
      meters,
    });
    for (let d = -1; d <= days + 1; d++) {
      const time = start + d * 86_400_000 + offsetMs;
      const exchanged = exchangeDay > 0 && d >= exchangeDay;
      const meterId = exchanged ? meterB : meterA;
      const registerMl = exchanged ? 5000 + (d - exchangeDay) * litresPerDay * 1000 : baseMl + d * litresPerDay * 1000;
      readings.push({ meterId, time: new Date(time).toISOString(), registerMl });
    }
  }
  return { accounts, readings };
}

export async function seedPopulation(pool: pg.Pool, count: number, from: string, days: number): Promise<Population> {
  const seeded = population(count, from, days);
  await importAccounts(pool, seeded.accounts);
  await insertReadings(pool, seeded.readings);
  return seeded;
}
