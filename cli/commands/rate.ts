/**
 * `meterflow rate --period 2026-10 [--shard k/n] [--workers N] [--batch N]`: rates a billing
 * period (or one shard of it) from the database into bills, on worker threads, with progress on
 * stderr. `--finalise` makes the period's draft bills final instead (no rating). Accounts that
 * cannot be rated are counted by error code (`meterflow bills failures` lists them); they do not
 * stop the job. See docs/rating-batch.md.
 */
import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import { ratingError } from '../../rating/errors.js';
import { finalisePeriod } from '../../rating/jobs/finalise.js';
import { parsePeriodId } from '../../rating/jobs/period-id.js';
import { ratePeriod, type RateJobReport, type RateProgress } from '../../rating/jobs/run-period.js';
import { parseShard } from '../../rating/jobs/shards.js';
import type { Database } from '../../storage/database.js';
import type { DatabaseFlags } from '../../storage/config.js';
import { openDatabaseFor, withDatabaseOptions } from '../database-options.js';
import { errorOutput, type CommandOutput } from './quote.js';

export interface RateOptions {
  period: string;
  shard?: string;
  workers?: number;
  batch?: number;
  finalise?: boolean;
}

function number(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function describeReport(report: RateJobReport): string {
  const seconds = report.elapsedMs / 1000;
  const lines = [
    `period ${report.periodId} shard ${report.shard} (${report.mode}): ${number(report.accounts)} accounts in ${seconds.toFixed(1)} s ` +
      `(${number(report.accounts / Math.max(seconds, 0.001))}/s, ${report.workers} workers)`,
    `  ${number(report.bills)} rated, ${number(report.lines)} bill lines, ${number(report.failures)} not rated, ${number(report.skipped)} not due this month`,
  ];
  if (report.mode === 'final-rerated')
    lines.push(`  ${number(report.adjustments)} adjustments recorded for the next bills`);
  for (const [code, count] of Object.entries(report.failuresByCode).sort()) lines.push(`  ${code}: ${number(count)}`);
  if (report.failures > 0) lines.push(`  (list them: meterflow bills failures --period ${report.periodId})`);
  return `${lines.join('\n')}\n`;
}

export async function runRate(
  db: Database,
  options: RateOptions,
  onProgress?: (p: RateProgress) => void,
): Promise<CommandOutput> {
  if (!parsePeriodId(options.period)) {
    return errorOutput(
      'rate',
      ratingError('RATING_PERIOD_INVALID', `--period ${options.period} is not a month YYYY-MM`),
    );
  }
  if (options.finalise) {
    const done = await finalisePeriod(db.pool, options.period);
    if (!done.ok) return errorOutput('rate', done.error);
    const r = done.value;
    const pending =
      r.adjustmentsPending > 0
        ? `; ${r.adjustmentsPending} adjustments recorded after rating go to the next bills`
        : '';
    return {
      exitCode: 0,
      stdout: `period ${r.periodId} is final: ${number(r.bills)} bills, ${r.adjustmentsApplied} adjustments charged${pending}\n`,
      stderr: '',
    };
  }
  const shard = options.shard === undefined ? { index: 1, count: 1 } : parseShard(options.shard);
  if (shard === null) {
    return errorOutput(
      'rate',
      ratingError('RATING_INPUT_INVALID', `--shard ${options.shard} must be k/n with 1 ≤ k ≤ n`),
    );
  }
  const result = await ratePeriod(db, {
    periodId: options.period,
    shard,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.batch !== undefined ? { batchSize: options.batch } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  if (!result.ok) return errorOutput('rate', result.error);
  return { exitCode: 0, stdout: describeReport(result.value), stderr: '' };
}

function positive(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, not ${value}`);
    return n;
  };
}

export function registerRate(program: Command): void {
  withDatabaseOptions(
    program
      .command('rate')
      .description(
        'rate a billing period from the database into bills (worker threads, progress on stderr); see docs/rating-batch.md',
      )
      .requiredOption(
        '--period <YYYY-MM>',
        "billing period: each account's period starts on its reading day in this month",
      )
      .option(
        '--shard <k/n>',
        'rate only shard k of n (claimed in the database, so n processes or machines can share a period)',
        '1/1',
      )
      .option('--workers <n>', 'worker threads (default: as many as cores)', positive('--workers'))
      .option('--batch <n>', 'accounts per batch', positive('--batch'), 1000)
      .option('--finalise', 'make the draft bills of the period final and immutable (no rating)', false),
  ).action(async (options: DatabaseFlags & RateOptions) => {
    const db = await openDatabaseFor(
      options,
      createLogger({ name: 'rate', level: 'warn', destination: process.stderr }),
    );
    let last = 0;
    const progress = (p: RateProgress) => {
      if (p.elapsedMs - last < 1000) return;
      last = p.elapsedMs;
      const rate = p.accounts / Math.max(p.elapsedMs / 1000, 0.001);
      process.stderr.write(
        `rate ${options.period}: ${number(p.accounts)} accounts, ${number(p.bills)} bills, ${number(p.failures)} not rated, ${number(rate)} accounts/s\n`,
      );
    };
    try {
      const output = await runRate(db, options, progress);
      process.stdout.write(output.stdout);
      process.stderr.write(output.stderr);
      process.exitCode = output.exitCode;
    } finally {
      await db.close();
    }
  });
}
