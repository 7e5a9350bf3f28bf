/**
 * The pull interface on the command line (docs/rating-batch.md):
 *   meterflow bills export --period P --format ndjson|csv [--out FILE]   every bill, streamed
 *   meterflow bills show --period P --account A [--table]                one bill with its explanation
 *   meterflow bills failures --period P                                  accounts not rated, with codes
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import type { StoredBill } from '../../rating/bills/bill.js';
import { exportBills, type ExportFormat } from '../../rating/bills/export.js';
import { readBill, readFailures } from '../../rating/bills/read.js';
import { formatM3 } from '../../rating/charges/line.js';
import { ratingError } from '../../rating/errors.js';
import { renderRatedPeriod } from '../../rating/report/table.js';
import type { BillLine, LineKind } from '../../rating/result.js';
import type { Database } from '../../storage/database.js';
import type { DatabaseFlags } from '../../storage/config.js';
import { openDatabaseFor, withDatabaseOptions } from '../database-options.js';
import { errorOutput, type CommandOutput } from './quote.js';

export function renderStoredBill(bill: StoredBill): string {
  const lines: BillLine[] = bill.lines.map((line) => ({
    component: line.component,
    kind: line.kind as LineKind,
    tier: line.tier,
    category: line.category,
    segmentStart: line.segmentStart,
    segmentEnd: line.segmentEnd,
    volumeMl: line.volumeMl,
    volumeFactor: line.volumeFactor,
    unitPrice: line.unitPrice,
    amount: line.amount,
    exactAmount: line.exactAmount,
    readingsUsed: line.readingsUsed,
    explanation: line.explanation,
  }));
  const table = renderRatedPeriod({
    ok: true,
    accountId: bill.accountId,
    tariffId: bill.tariffId,
    currency: bill.currency,
    period: { start: bill.periodStart, end: bill.periodEnd },
    meters: bill.meters,
    segments: bill.segments,
    lines,
    totals: { amount: bill.total, meteredVolumeMl: bill.meteredVolumeMl, billedVolumeMl: bill.billedVolumeMl },
    carryOver: bill.carry,
    warnings: bill.warnings,
  });
  const registers = bill.meters.map(
    (m) =>
      `meter ${m.meterId}: ${formatM3(m.startRegisterMl)} -> ${formatM3(m.endRegisterMl)} m³ (${m.quality}) from ${m.readingsUsed.join(', ') || 'installation/removal registers'}`,
  );
  const explained = bill.lines.map((l) => `${l.lineNo}. ${l.component}: ${l.explanation}`);
  return `${bill.periodId} ${bill.status}\n${table}\n${[...registers, ...explained].join('\n')}\n`;
}

export async function runBillsShow(
  db: Database,
  options: { period: string; account: string; table?: boolean },
): Promise<CommandOutput> {
  const bill = await readBill(db.pool, options.period, options.account);
  if (!bill) {
    return errorOutput(
      'bills show',
      ratingError('RATING_BILL_NOT_FOUND', `no bill for account ${options.account} in period ${options.period}`, {
        details: { periodId: options.period, accountId: options.account },
      }),
    );
  }
  return {
    exitCode: 0,
    stdout: options.table ? renderStoredBill(bill) : `${JSON.stringify(bill, null, 2)}\n`,
    stderr: '',
  };
}

export async function runBillsFailures(db: Database, options: { period: string }): Promise<CommandOutput> {
  const failures = await readFailures(db.pool, options.period);
  return { exitCode: 0, stdout: failures.map((f) => `${JSON.stringify(f)}\n`).join(''), stderr: '' };
}

export async function runBillsExport(
  db: Database,
  options: { period: string; format: string },
  out: Writable,
): Promise<CommandOutput> {
  if (options.format !== 'ndjson' && options.format !== 'csv') {
    return errorOutput(
      'bills export',
      ratingError('RATING_INPUT_INVALID', `--format ${options.format} must be ndjson or csv`),
    );
  }
  const count = await exportBills(db.pool, options.period, options.format as ExportFormat, out);
  return { exitCode: 0, stdout: '', stderr: `exported ${count} bills of ${options.period}\n` };
}

async function withDatabase(flags: DatabaseFlags, work: (db: Database) => Promise<CommandOutput>): Promise<void> {
  const db = await openDatabaseFor(flags, createLogger({ name: 'bills', level: 'warn', destination: process.stderr }));
  try {
    const output = await work(db);
    process.stdout.write(output.stdout);
    process.stderr.write(output.stderr);
    process.exitCode = output.exitCode;
  } finally {
    await db.close();
  }
}

export function registerBills(program: Command): void {
  const bills = program
    .command('bills')
    .description('pull rated bills: export a period, show one bill with its explanation');
  withDatabaseOptions(
    bills
      .command('export')
      .description(
        'stream every bill of a period (keyset pages) as NDJSON (one bill per line) or CSV (one row per bill line)',
      )
      .requiredOption('--period <YYYY-MM>', 'billing period')
      .option('--format <format>', 'ndjson or csv', 'ndjson')
      .option('--out <file>', 'write to this file instead of stdout'),
  ).action(async (options: DatabaseFlags & { period: string; format: string; out?: string }) =>
    withDatabase(options, async (db) => {
      if (!options.out) return runBillsExport(db, options, process.stdout);
      const file = createWriteStream(options.out);
      const output = await runBillsExport(db, options, file);
      file.end();
      await finished(file);
      return output;
    }),
  );
  withDatabaseOptions(
    bills
      .command('show')
      .description(
        'one account’s bill: lines, volumes, prices, segments, boundary registers (actual or estimated) and readings used',
      )
      .requiredOption('--period <YYYY-MM>', 'billing period')
      .requiredOption('--account <id>', 'account id')
      .option('--table', 'a readable table instead of JSON', false),
  ).action(async (options: DatabaseFlags & { period: string; account: string; table?: boolean }) =>
    withDatabase(options, (db) => runBillsShow(db, options)),
  );
  withDatabaseOptions(
    bills
      .command('failures')
      .description('accounts of a period that could not be rated, one JSON object per line with the error code')
      .requiredOption('--period <YYYY-MM>', 'billing period'),
  ).action(async (options: DatabaseFlags & { period: string }) =>
    withDatabase(options, (db) => runBillsFailures(db, options)),
  );
}
