/**
 * The rate bench's data, generated inside the database with generate_series (nothing crosses the
 * wire): `accounts` residential accounts on the Shenzhen tariff (reading day 1, Asia/Shanghai),
 * one meter each, and a month of daily readings around October 2026 (33 per meter, from the day
 * before the period to its end). A quarter of the meters read at local midnight (the boundary
 * register is an actual reading); the others at a meter-specific minute of the day (the boundary
 * register is interpolated between the readings either side). Daily use of 150 to 1,450 L gives
 * monthly volumes from about 5 to 45 m³: all three tiers.
 */
import type pg from 'pg';

export const BENCH_PERIOD = '2026-10';
const READINGS_FROM = "'2026-09-30 16:00:00+00'::timestamptz"; // 2026-10-01 00:00 Asia/Shanghai

const ID = (prefix: string) => `'${prefix}' || lpad(g::text, 7, '0')`;

export async function generateAccounts(q: Pick<pg.Pool, 'query'>, accounts: number): Promise<void> {
  await q.query(
    `INSERT INTO accounts (account_id, reading_day, time_zone, opened_on, import_checksum)
     SELECT ${ID('A')}, 1, 'Asia/Shanghai', DATE '2020-01-01', 'bench' FROM generate_series(1, $1) g`,
    [accounts],
  );
  await q.query(
    `INSERT INTO account_categories (account_id, effective_from, category)
     SELECT ${ID('A')}, DATE '2020-01-01', 'residential' FROM generate_series(1, $1) g`,
    [accounts],
  );
  await q.query(
    `INSERT INTO account_household_sizes (account_id, effective_from, persons)
     SELECT ${ID('A')}, DATE '2020-01-01', 1 + g % 6 FROM generate_series(1, $1) g`,
    [accounts],
  );
  await q.query(
    `INSERT INTO meter_installations (account_id, meter_id, installed_at, initial_register_ml, register_digits, diameter_mm)
     SELECT ${ID('A')}, ${ID('M')}, TIMESTAMP '2020-01-01 00:00' AT TIME ZONE 'Asia/Shanghai', 0, 5, 15 FROM generate_series(1, $1) g`,
    [accounts],
  );
}

/** Readings for meters [from, to], in meter then time order (what the primary key index likes). */
export async function generateReadings(q: Pick<pg.Pool, 'query'>, from: number, to: number): Promise<void> {
  await q.query(
    `INSERT INTO readings (meter_id, time, received_at, register_ml)
     SELECT ${ID('M')}, t, t, 10000000 + (g::bigint * 104729 % 90000) * 1000 + (d + 1) * (150 + g::bigint * 7919 % 1300) * 1000
       FROM generate_series($1::int, $2::int) g
      CROSS JOIN generate_series(-1, 31) d
      CROSS JOIN LATERAL (SELECT ${READINGS_FROM} + make_interval(days => d, mins => CASE WHEN g % 4 = 0 THEN 0 ELSE g * 37 % 1380 END) AS t) x`,
    [from, to],
  );
}

/** The rows rating reads: the accounts' rows and the readings either side of (or at) each boundary. */
export const INPUT_COPIES = [
  'COPY accounts TO STDOUT',
  'COPY account_categories TO STDOUT',
  'COPY account_household_sizes TO STDOUT',
  'COPY meter_installations TO STDOUT',
  `COPY (SELECT * FROM readings
          WHERE (time > ${READINGS_FROM} - interval '1 day' AND time < ${READINGS_FROM} + interval '1 day')
             OR (time > ${READINGS_FROM} + interval '30 days' AND time < ${READINGS_FROM} + interval '32 days')) TO STDOUT`,
];
