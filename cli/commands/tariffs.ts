/**
 * `meterflow tariffs validate FILE` and `meterflow tariffs show FILE [--json]`: check and display
 * tariff files offline. `meterflow tariffs import FILE [--categories a,b]` stores a validated
 * tariff (document, versions, and the categories it rates) and `meterflow tariffs list` lists
 * the stored ones.
 */
import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import { importTariff, listTariffs } from '../../rating/tariffs/store.js';
import type { Database } from '../../storage/database.js';
import type { DatabaseFlags } from '../../storage/config.js';
import { openDatabaseFor, withDatabaseOptions } from '../database-options.js';
import { loadTariffFile } from '../../rating/tariffs/load.js';
import { describeTariff } from '../../rating/report/tariff-summary.js';
import { errorOutput, type CommandOutput } from './quote.js';

export async function runTariffsValidate(file: string): Promise<CommandOutput> {
  const tariff = await loadTariffFile(file);
  if (!tariff.ok) return errorOutput('tariffs validate', tariff.error);
  const { id, versions } = tariff.value;
  const categories = [...new Set(versions.flatMap((version) => Object.keys(version.categories)))];
  const label = tariff.value.illustrative ? ' [ILLUSTRATIVE]' : '';
  return {
    exitCode: 0,
    stdout: `${file}: valid tariff ${id}${label}; versions from ${versions.map((version) => version.effectiveFrom).join(', ')}; categories ${categories.join(', ')}\n`,
    stderr: '',
  };
}

export async function runTariffsShow(file: string, options: { json?: boolean }): Promise<CommandOutput> {
  const tariff = await loadTariffFile(file);
  if (!tariff.ok) return errorOutput('tariffs show', tariff.error);
  const text = options.json ? JSON.stringify(tariff.value, null, 2) : describeTariff(tariff.value);
  return { exitCode: 0, stdout: `${text}\n`, stderr: '' };
}

export async function runTariffsImport(
  db: Database,
  file: string,
  options: { categories?: string },
): Promise<CommandOutput> {
  const tariff = await loadTariffFile(file);
  if (!tariff.ok) return errorOutput('tariffs import', tariff.error);
  const categories = options.categories
    ?.split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const result = await importTariff(db.pool, tariff.value, categories);
  if (!result.ok) return errorOutput('tariffs import', result.error);
  const { tariffId, status, mapped } = result.value;
  const moves = mapped.map((m) => `  ${m.category}: ${m.previous ?? '(none)'} -> ${tariffId}\n`).join('');
  return { exitCode: 0, stdout: `${file}: tariff ${tariffId} ${status}\n${moves}`, stderr: '' };
}

export async function runTariffsList(db: Database, options: { json?: boolean }): Promise<CommandOutput> {
  const rows = await listTariffs(db.pool);
  if (options.json) return { exitCode: 0, stdout: rows.map((r) => `${JSON.stringify(r)}\n`).join(''), stderr: '' };
  const text = rows
    .map(
      (r) =>
        `${r.tariffId}\t${r.currency}\tversions ${r.versions.join(', ')}\trates ${r.categories.length > 0 ? r.categories.join(', ') : '(no category)'}\t${r.name}`,
    )
    .join('\n');
  return { exitCode: 0, stdout: text ? `${text}\n` : 'no tariffs imported\n', stderr: '' };
}

async function withDatabase(flags: DatabaseFlags, work: (db: Database) => Promise<CommandOutput>): Promise<void> {
  const db = await openDatabaseFor(
    flags,
    createLogger({ name: 'tariffs', level: 'warn', destination: process.stderr }),
  );
  try {
    emit(await work(db));
  } finally {
    await db.close();
  }
}

function emit(output: CommandOutput): void {
  process.stdout.write(output.stdout);
  process.stderr.write(output.stderr);
  process.exitCode = output.exitCode;
}

export function registerTariffs(program: Command): void {
  const tariffs = program
    .command('tariffs')
    .description('check, display, import and list tariffs (see docs/tariffs.md)');
  tariffs
    .command('validate')
    .description('validate a tariff file (JSON or YAML); every problem is reported with its field path')
    .argument('<file>', 'tariff file, JSON or YAML')
    .action(async (file: string) => emit(await runTariffsValidate(file)));
  tariffs
    .command('show')
    .description('print a tariff file as a readable outline, or as normalised JSON with --json')
    .argument('<file>', 'tariff file, JSON or YAML')
    .option('--json', 'print the validated tariff (defaults filled in) as JSON', false)
    .action(async (file: string, options: { json?: boolean }) => emit(await runTariffsShow(file, options)));
  withDatabaseOptions(
    tariffs
      .command('import')
      .description(
        'validate a tariff file and store it; map water-use categories to it (re-importing the same file changes nothing)',
      )
      .argument('<file>', 'tariff file, JSON or YAML')
      .option(
        '--categories <list>',
        'comma-separated categories this tariff rates (default: every category it prices)',
      ),
  ).action(async (file: string, options: DatabaseFlags & { categories?: string }) =>
    withDatabase(options, (db) => runTariffsImport(db, file, options)),
  );
  withDatabaseOptions(
    tariffs
      .command('list')
      .description('list the stored tariffs, their versions and the categories each rates')
      .option('--json', 'one JSON object per line', false),
  ).action(async (options: DatabaseFlags & { json?: boolean }) =>
    withDatabase(options, (db) => runTariffsList(db, options)),
  );
}
