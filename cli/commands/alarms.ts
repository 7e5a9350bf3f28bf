/** `meterflow alarms`: list alarms (active by default) with their lifecycle. */
import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import { listAlarms, type AlarmStateFilter } from '../../gateway/validation/alarm-store.js';
import { formatTable } from '../../gateway/validation/format.js';
import type { DatabaseFlags } from '../../storage/config.js';
import { openDatabaseFor, withDatabaseOptions } from '../database-options.js';

interface AlarmsFlags extends DatabaseFlags {
  meter?: string;
  state: string;
  since?: string;
  kind?: string;
  limit: string;
  json?: boolean;
}

const STATES = ['active', 'cleared', 'all'];

export function registerAlarms(program: Command): void {
  withDatabaseOptions(
    program
      .command('alarms')
      .description('list alarms raised by validation and by the meters’ own status bits (newest first)'),
  )
    .option('--meter <id>', 'only this meter')
    .option('--state <state>', 'active, cleared or all', 'active')
    .option('--since <time>', 'only alarms seen or cleared at or after this ISO 8601 time')
    .option('--kind <kind>', 'only this kind (leak, tamper, spike, ...)')
    .option('--limit <n>', 'at most this many', '1000')
    .option('--json', 'one JSON object per line instead of a table')
    .action(async (flags: AlarmsFlags) => {
      if (!STATES.includes(flags.state)) return usage(`--state must be one of ${STATES.join(', ')}`);
      if (flags.since !== undefined && !Number.isFinite(Date.parse(flags.since)))
        return usage(`--since is not a time: ${flags.since}`);
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1) return usage(`--limit must be a positive integer`);
      const db = await openDatabaseFor(flags, createLogger({ name: 'alarms', level: 'warn' }));
      try {
        const alarms = await listAlarms(db.pool, {
          state: flags.state as AlarmStateFilter,
          limit,
          ...(flags.meter !== undefined ? { meterId: flags.meter } : {}),
          ...(flags.since !== undefined ? { since: new Date(flags.since).toISOString() } : {}),
          ...(flags.kind !== undefined ? { kind: flags.kind } : {}),
        });
        if (flags.json) {
          for (const a of alarms) process.stdout.write(`${JSON.stringify(a)}\n`);
          return;
        }
        process.stdout.write(
          formatTable(
            ['raised', 'meter', 'kind', 'state', 'severity', 'source', 'last seen', 'cleared'],
            alarms.map((a) => [
              a.raisedAt,
              a.meterId,
              a.kind,
              a.state,
              a.severity,
              a.source,
              a.lastSeenAt,
              a.clearedAt,
            ]),
          ),
        );
        process.stdout.write(`${alarms.length} alarm${alarms.length === 1 ? '' : 's'}\n`);
      } finally {
        await db.close();
      }
    });
}

function usage(message: string): void {
  process.stderr.write(`meterflow alarms: ${message}\n`);
  process.exitCode = 2;
}
