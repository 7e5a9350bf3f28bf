/** `meterflow validate`: re-run the validation rules over stored readings and report (or apply) the flags. */
import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import { loadValidationConfig } from '../../gateway/validation/config.js';
import { flagNames } from '../../gateway/validation/flags.js';
import { formatTable } from '../../gateway/validation/format.js';
import { revalidate } from '../../gateway/validation/revalidate.js';
import type { DatabaseFlags } from '../../storage/config.js';
import { openDatabaseFor, withDatabaseOptions } from '../database-options.js';

interface ValidateFlags extends DatabaseFlags {
  since: string;
  until?: string;
  meter?: string;
  warmupDays?: string;
  order: string;
  config?: string;
  apply?: boolean;
  json?: boolean;
}

export function registerValidate(program: Command): void {
  withDatabaseOptions(
    program
      .command('validate')
      .description(
        're-run the validation rules over stored readings, meter by meter in time order, and report the flags that differ from the stored ones',
      ),
  )
    .requiredOption('--since <time>', 'report readings from this ISO 8601 time on')
    .option('--until <time>', 'report readings before this time (default: all)')
    .option('--meter <id>', 'only this meter')
    .option(
      '--warmup-days <n>',
      'replay only this many days before --since (default: the meter’s whole history, as the live pipeline saw it)',
    )
    .option('--order <order>', 'time, or arrival (by received_at: reproduces out-of-order flags)', 'time')
    .option(
      '--config <file>',
      'validation thresholds, YAML or JSON (default: $MF_VALIDATION_CONFIG, else the built-in defaults)',
    )
    .option('--apply', 'write the recomputed flags to the readings')
    .option('--json', 'print the report as JSON')
    .action(async (flags: ValidateFlags) => {
      const fail = (message: string) => {
        process.stderr.write(`meterflow validate: ${message}\n`);
        process.exitCode = 2;
      };
      if (!Number.isFinite(Date.parse(flags.since))) return fail(`--since is not a time: ${flags.since}`);
      if (flags.until !== undefined && !Number.isFinite(Date.parse(flags.until)))
        return fail(`--until is not a time: ${flags.until}`);
      if (flags.order !== 'time' && flags.order !== 'arrival') return fail('--order must be time or arrival');
      const warmupDays = flags.warmupDays === undefined ? undefined : Number(flags.warmupDays);
      if (warmupDays !== undefined && !(Number.isFinite(warmupDays) && warmupDays >= 0))
        return fail('--warmup-days must be a number ≥ 0');
      const config = await loadValidationConfig(flags.config);
      const db = await openDatabaseFor(flags, createLogger({ name: 'validate', level: 'warn' }));
      try {
        const report = await revalidate(db.pool, {
          since: new Date(flags.since).toISOString(),
          config,
          order: flags.order,
          apply: flags.apply === true,
          ...(flags.until !== undefined ? { until: new Date(flags.until).toISOString() } : {}),
          ...(flags.meter !== undefined ? { meterId: flags.meter } : {}),
          ...(warmupDays !== undefined ? { warmupDays } : {}),
          onMeter: (done, total) => {
            if (!flags.json && process.stderr.isTTY && (done % 100 === 0 || done === total))
              process.stderr.write(`\rmeters ${done}/${total}`);
            if (!flags.json && process.stderr.isTTY && done === total) process.stderr.write('\n');
          },
        });
        if (flags.json) {
          const changes = report.changes.map((c) => ({
            ...c,
            storedFlagNames: flagNames(c.storedFlags),
            flagNames: flagNames(c.flags),
          }));
          process.stdout.write(`${JSON.stringify({ ...report, changes }, null, 2)}\n`);
          return;
        }
        process.stdout.write(
          `${report.meters} meters, ${report.readings} readings validated; ${report.changed} differ from the stored flags`,
        );
        process.stdout.write(flags.apply ? `, ${report.applied} updated\n` : ' (--apply writes them)\n');
        const counts = Object.entries(report.flagCounts).sort(([a], [b]) => a.localeCompare(b));
        if (counts.length > 0)
          process.stdout.write(
            `\n${formatTable(
              ['flag', 'readings'],
              counts.map(([name, n]) => [name, n ?? 0]),
            )}`,
          );
        if (report.changes.length > 0) {
          process.stdout.write(
            `\n${formatTable(
              ['meter', 'time', 'stored flags', 'rules say'],
              report.changes.map((c) => [
                c.meterId,
                c.time,
                flagNames(c.storedFlags).join(',') || '-',
                flagNames(c.flags).join(',') || '-',
              ]),
            )}`,
          );
          if (report.changed > report.changes.length)
            process.stdout.write(`… and ${report.changed - report.changes.length} more\n`);
        }
      } finally {
        await db.close();
      }
    });
}
