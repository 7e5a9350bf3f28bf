/**
 * `meterflow tariffs validate FILE` and `meterflow tariffs show FILE [--json]`: check and display
 * tariff files offline. (Importing tariffs into the database and listing them come with storage.)
 */
import type { Command } from 'commander';
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

function emit(output: CommandOutput): void {
  process.stdout.write(output.stdout);
  process.stderr.write(output.stderr);
  process.exitCode = output.exitCode;
}

export function registerTariffs(program: Command): void {
  const tariffs = program.command('tariffs').description('check and display tariff files (see docs/tariffs.md)');
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
}
