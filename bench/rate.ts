/**
 * `meterflow bench rate [--quick]`: rates a period of 1,000,000 accounts (50,000 with --quick)
 * from the database into bills in the database, beside a raw COPY of the same rows measured in
 * the same run: the input rows rating reads (accounts, histories, installations, the readings
 * at or either side of each boundary) copied out, and the bills and bill lines it wrote copied
 * into tables of the same shape. It needs a PostgreSQL server (MF_BENCH_DATABASE_URL, else
 * DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres) where it creates a fresh
 * database, generates the data there with generate_series, and drops it at the end.
 *
 * Summary: `rate: <accounts/s> accounts/s; baseline <rows/s> rows/s; ratio <r>`, where ratio is
 * the rating time over the raw copy time of the same rows (1 would be rating at copy speed).
 * Rating is repeated `runs` times on the same data (bills truncated in between; 3 runs by default,
 * 1 with --quick); figures are medians. Peak memory is the process's maximum resident set
 * (workers included).
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { ratePeriod, type RateJobReport } from '../rating/jobs/run-period.js';
import { importTariff } from '../rating/tariffs/store.js';
import { loadTariffFile } from '../rating/tariffs/load.js';
import { openDatabase, type Database } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';
import { BENCH_PERIOD, generateAccounts, generateReadings, INPUT_COPIES } from './rate-data.js';
import { formatRate, formatRatio, median, type BenchReport } from './summary.js';

export interface RateBenchOptions {
  quick?: boolean;
  /** Accounts to generate (default 1,000,000; 50,000 with quick). */
  accounts?: number;
  runs?: number;
  workers?: number;
  batchSize?: number;
  /** Server URL of a database the bench may create and drop databases from. */
  url?: string;
  log?: (line: string) => void;
}

export interface RateBenchResult extends BenchReport {
  accountsPerSecond: number;
  baselineRowsPerSecond: number;
  ratio: number;
  peakRssMb: number;
  report: RateJobReport;
}

/** The shipped example tariff, whether running from source or from dist/ (where .yaml is not copied). */
function exampleTariffPath(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const root = here.includes('/dist/') ? join(here, '..', '..') : join(here, '..');
  return join(root, 'rating', 'tariffs', 'examples', 'shenzhen-2022-residential.yaml');
}

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

/** COPY of the input rows out, and of the output rows (bills, lines) into copies of their tables. */
async function rawCopy(
  url: string,
  db: Database,
): Promise<{ ms: number; rows: number; readMs: number; writeMs: number }> {
  const started = Date.now();
  let rows = 0;
  await withClient(url, async (client) => {
    for (const sql of INPUT_COPIES) {
      const stream = client.query(copyStreams.to(sql));
      await pipeline(stream, new CountingSink());
      rows += stream.rowCount;
    }
  });
  const readMs = Date.now() - started;
  await db.pool.query('CREATE TABLE IF NOT EXISTS bench_bills (LIKE bills INCLUDING ALL)');
  await db.pool.query('CREATE TABLE IF NOT EXISTS bench_bill_lines (LIKE bill_lines INCLUDING ALL)');
  await db.pool.query('TRUNCATE bench_bills, bench_bill_lines');
  const writeStarted = Date.now();
  await withClient(url, (reader) =>
    withClient(url, async (writer) => {
      for (const table of ['bills', 'bill_lines']) {
        const out = reader.query(copyStreams.to(`COPY ${table} TO STDOUT`));
        const into = writer.query(copyStreams.from(`COPY bench_${table} FROM STDIN`));
        await pipeline(out, into);
        rows += into.rowCount;
      }
    }),
  );
  const writeMs = Date.now() - writeStarted;
  return { ms: Date.now() - started, rows, readMs, writeMs };
}

export async function runRateBench(options: RateBenchOptions = {}): Promise<RateBenchResult> {
  const quick = options.quick ?? false;
  const accounts = options.accounts ?? (quick ? 50_000 : 1_000_000);
  const runs = options.runs ?? (quick ? 1 : 3);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const adminUrl = options.url ?? process.env.MF_BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_URL;
  const name = `meterflow_bench_rate_${process.pid}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const db = await openDatabase({ url: url.toString(), poolMax: 8 });
  const lines: string[] = [];
  try {
    await migrate(db.pool, { timescale: db.timescale });
    const tariff = await loadTariffFile(exampleTariffPath());
    if (!tariff.ok) throw new Error(tariff.error.message);
    const imported = await importTariff(db.pool, tariff.value);
    if (!imported.ok) throw new Error(imported.error.message);

    const generating = Date.now();
    await generateAccounts(db.pool, accounts);
    const slice = 100_000;
    for (let from = 1; from <= accounts; from += slice) {
      await generateReadings(db.pool, from, Math.min(accounts, from + slice - 1));
      log(
        `bench rate: readings for ${Math.min(accounts, from + slice - 1).toLocaleString('en-US')} of ${accounts.toLocaleString('en-US')} meters`,
      );
    }
    await db.pool.query('VACUUM ANALYZE');
    const readings = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM readings');
    lines.push(
      `generated ${accounts.toLocaleString('en-US')} accounts and ${readings.rows[0]!.n.toLocaleString('en-US')} readings in the database in ${seconds(Date.now() - generating)} (${db.describe})`,
    );

    const times: number[] = [];
    let report: RateJobReport | undefined;
    for (let run = 0; run < runs; run++) {
      await db.pool.query(
        'TRUNCATE bills, bill_lines, rating_failures, rating_shards, bill_adjustments, billing_periods',
      );
      const started = Date.now();
      let reported = 0;
      const result = await ratePeriod(db, {
        periodId: BENCH_PERIOD,
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
        onProgress: (p) => {
          const step = Math.floor(p.bills / 100_000);
          if (step > reported) {
            reported = step;
            log(`bench rate: run ${run + 1}: ${(step * 100_000).toLocaleString('en-US')} bills written`);
          }
        },
      });
      times.push(Date.now() - started);
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      report = result.value;
      lines.push(
        `run ${run + 1}: ${report.bills.toLocaleString('en-US')} bills, ${report.lines.toLocaleString('en-US')} lines, ${report.failures} not rated, ${report.workers} workers, ${seconds(times[run]!)}`,
      );
    }
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const copy = await rawCopy(url.toString(), db);
    const rateMs = median(times);
    const accountsPerSecond = (accounts * 1000) / rateMs;
    const baselineRowsPerSecond = (copy.rows * 1000) / copy.ms;
    const ratio = rateMs / copy.ms;
    lines.push(
      `rating: ${seconds(rateMs)} (median of ${runs}) = ${formatRate(accountsPerSecond)} accounts/s; peak RSS ${Math.round(peakRssMb)} MB`,
      `raw COPY of the same rows: ${copy.rows.toLocaleString('en-US')} rows in ${seconds(copy.ms)} (read inputs ${seconds(copy.readMs)}, write bills and lines ${seconds(copy.writeMs)})`,
      `rating takes ${formatRatio(ratio)}× the raw copy`,
    );
    return {
      lines,
      summary: `rate: ${formatRate(accountsPerSecond)} accounts/s; baseline ${formatRate(baselineRowsPerSecond)} rows/s; ratio ${formatRatio(ratio)}`,
      accountsPerSecond,
      baselineRowsPerSecond,
      ratio,
      peakRssMb,
      report: report!,
    };
  } finally {
    await db.close();
    await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}
