/**
 * `meterflow quote --tariff FILE --input FILE [--table]`: rates one account offline, with no
 * database, for one or more consecutive periods (carrying the tier-year volume and the volume
 * remainder between them), and prints the bill lines and totals as JSON or as a table.
 */
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { ratingError, type RatingError } from '../../rating/errors.js';
import { quoteInputSchema } from '../../rating/input-schema.js';
import { ratePeriods } from '../../rating/rate-periods.js';
import { renderRatedPeriod } from '../../rating/report/table.js';
import { formatIssues, zodIssues } from '../../rating/tariffs/issues.js';
import { loadTariffFile, readTextFile } from '../../rating/tariffs/load.js';

export interface CommandOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface QuoteOptions {
  tariff: string;
  input: string;
  table?: boolean;
}

export function errorOutput(command: string, error: RatingError): CommandOutput {
  const issues = error.issues && error.issues.length > 0 ? `\n${formatIssues(error.issues)}` : '';
  const message = error.issues && error.issues.length > 0 ? error.message.split('\n')[0] : error.message;
  return { exitCode: 1, stdout: '', stderr: `meterflow ${command}: ${error.code}: ${message}${issues}\n` };
}

export async function runQuote(options: QuoteOptions): Promise<CommandOutput> {
  const tariff = await loadTariffFile(options.tariff);
  if (!tariff.ok) return errorOutput('quote', tariff.error);
  const text = await readTextFile(options.input);
  if (!text.ok) return errorOutput('quote', text.error);
  let raw: unknown;
  try {
    raw = /\.json$/i.test(options.input) ? JSON.parse(text.value) : parseYaml(text.value);
  } catch (err) {
    return errorOutput(
      'quote',
      ratingError('RATING_INPUT_INVALID', `${options.input} is not valid JSON or YAML: ${(err as Error).message}`),
    );
  }
  const input = quoteInputSchema.safeParse(raw);
  if (!input.success) {
    const issues = zodIssues(input.error);
    return errorOutput(
      'quote',
      ratingError('RATING_INPUT_INVALID', `${options.input} is not a valid quote input`, { issues }),
    );
  }
  const { account, registers, periods } = input.data;
  const outcome = ratePeriods(tariff.value, account, registers, periods);
  if (!outcome.ok) {
    const where = outcome.periodIndex === null ? '' : ` (period ${outcome.periodIndex})`;
    return errorOutput('quote', { ...outcome.error, message: `${outcome.error.message}${where}` });
  }
  if (options.table) {
    const blocks = outcome.periods.map(renderRatedPeriod);
    const total =
      outcome.periods.length > 1
        ? [`total of ${outcome.periods.length} periods: ${outcome.total} ${outcome.currency}`]
        : [];
    return { exitCode: 0, stdout: `${[...blocks, ...total].join('\n\n')}\n`, stderr: '' };
  }
  return { exitCode: 0, stdout: `${JSON.stringify(outcome, null, 2)}\n`, stderr: '' };
}

export function registerQuote(program: Command): void {
  program
    .command('quote')
    .description(
      'rate one account offline (no database) from a tariff file and an input file of account facts and register values',
    )
    .requiredOption('--tariff <file>', 'tariff file, JSON or YAML (see docs/tariffs.md)')
    .requiredOption(
      '--input <file>',
      'account facts, register values and consecutive periods, JSON or YAML (see rating/examples/)',
    )
    .option('--table', 'print a readable table per period instead of JSON', false)
    .action(async (options: QuoteOptions) => {
      const output = await runQuote(options);
      process.stdout.write(output.stdout);
      process.stderr.write(output.stderr);
      process.exitCode = output.exitCode;
    });
}
