/**
 * `meterflow meters import|list`: the meter inventory validation reads (class, nominal
 * diameter, register digits, Q3/Q4, reporting interval). Devices name their meter; a meter
 * created by `devices import` has the defaults until its row is imported here.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import { formatCsvProblem } from '../../gateway/devices/csv-import.js';
import { readMeterCsv } from '../../gateway/devices/meter-csv.js';
import { METER_COLUMNS } from '../../gateway/devices/meter-input.js';
import { formatTable } from '../../gateway/validation/format.js';
import { listMeters, upsertMeters, type MeterRecord } from '../../gateway/devices/meter-store.js';
import type { DatabaseFlags } from '../../storage/config.js';
import type { Database } from '../../storage/database.js';
import { openDatabaseFor, withDatabaseOptions } from '../database-options.js';

class MeterInputError extends Error {
  readonly code = 'METER_INPUT_INVALID';
}

async function withDb<T>(flags: DatabaseFlags, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabaseFor(
    flags,
    createLogger({ name: 'meters', level: process.env.LOG_LEVEL ? undefined : 'warn' }),
  );
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const LIST_COLUMNS: Array<[string, (m: MeterRecord) => string | number | null]> = [
  ['meter_id', (m) => m.meterId],
  ['class', (m) => m.meterClass],
  ['DN', (m) => m.diameterMm ?? null],
  ['digits', (m) => m.registerDigits],
  ['q3_lph', (m) => m.q3Lph ?? null],
  ['q4_lph', (m) => m.q4Lph ?? null],
  ['interval_s', (m) => m.expectedIntervalS],
  ['model', (m) => m.model ?? null],
  ['serial', (m) => m.serialNumber ?? null],
  ['devices', (m) => m.devices],
];

export function registerMeters(program: Command): void {
  const meters = program
    .command('meters')
    .description('the meter inventory validation reads: class, diameter, register digits, Q3/Q4, reporting interval');

  withDatabaseOptions(
    meters
      .command('import')
      .description(
        `register or update meters from a CSV file (header: ${METER_COLUMNS.join(',')}); only the columns named are changed; all or nothing`,
      )
      .argument('<file>', 'CSV file, UTF-8 (meterflow simulate --meters-out writes one)'),
  ).action(async (file: string, flags: DatabaseFlags) => {
    const parsed = readMeterCsv(await readFile(file, 'utf8'));
    if (!parsed.ok) {
      const shown = parsed.problems.slice(0, 20).map((p) => `  ${file}: ${formatCsvProblem(p)}`);
      const more = parsed.problems.length > 20 ? `\n  … and ${parsed.problems.length - 20} more` : '';
      throw new MeterInputError(`nothing imported, ${parsed.problems.length} problem(s):\n${shown.join('\n')}${more}`);
    }
    const result = await withDb(flags, (db) =>
      upsertMeters(db.pool, parsed.meters, parsed.columns, { singleConnection: db.singleConnection }),
    );
    process.stdout.write(`imported ${parsed.meters.length} meters: ${result.created} new, ${result.updated} updated\n`);
  });

  withDatabaseOptions(meters.command('list').description('list registered meters'))
    .option('--class <class>', 'only meters of this class')
    .option('--meter <meterId>', 'only this meter')
    .option('--json', 'one JSON object per line')
    .action(async (flags: DatabaseFlags & { class?: string; meter?: string; json?: boolean }) => {
      const rows = await withDb(flags, (db) =>
        listMeters(db.pool, {
          ...(flags.class !== undefined ? { meterClass: flags.class } : {}),
          ...(flags.meter !== undefined ? { meterId: flags.meter } : {}),
        }),
      );
      if (flags.json) {
        for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
        return;
      }
      process.stdout.write(
        formatTable(
          LIST_COLUMNS.map(([h]) => h),
          rows.map((r) => LIST_COLUMNS.map(([, f]) => f(r))),
        ),
      );
      process.stdout.write(`${rows.length} meter(s)\n`);
    });
}
