/**
 * `meterflow readings`: list readings with their flags, estimate a register, and the audited
 * correction workflow (correct → approve | reject, history). Who acts is given by an API token
 * (`--token`, looked up in MF_API_TOKENS / MF_API_TOKENS_FILE: its name and roles) or, for an
 * operator at the database, by `--by` and `--role`.
 */
import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import { httpOptionsFromEnv } from '../../gateway/http/options.js';
import {
  decideCorrection,
  listCorrections,
  readingHistory,
  requestCorrection,
  type Correction,
} from '../../gateway/validation/corrections.js';
import type { VeeError } from '../../gateway/validation/errors.js';
import { estimateRegisterAt, storeEstimate } from '../../gateway/validation/estimation-store.js';
import { flagNames, flagsFromNames } from '../../gateway/validation/flags.js';
import { formatM3, formatTable } from '../../gateway/validation/format.js';
import { listReadings } from '../../gateway/validation/readings-store.js';
import { isRole, ROLES, type Role } from '../../gateway/validation/roles.js';
import type { Database } from '../../storage/database.js';
import type { DatabaseFlags } from '../../storage/config.js';
import { openDatabaseFor, withDatabaseOptions } from '../database-options.js';

interface ActorFlags {
  token?: string;
  by?: string;
  role?: string;
}

class UsageError extends Error {}

function time(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new UsageError(`${flag} is not a time: ${value}`);
  return new Date(ms).toISOString();
}

function wholeNumber(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number ≥ 0: ${value}`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${flag} is too large: ${value}`);
  return n;
}

/** The acting user and roles, from a token or from --by and --role. */
function actor(flags: ActorFlags): { name: string; roles: Role[] } {
  if (flags.token !== undefined) {
    const principal = httpOptionsFromEnv(process.env).apiTokens.lookup(flags.token);
    if (!principal)
      throw new UsageError('--token is not one of the configured API tokens (MF_API_TOKENS, MF_API_TOKENS_FILE)');
    if (flags.by !== undefined && flags.by !== principal.name)
      throw new UsageError(`--by ${flags.by} is not the token’s user ${principal.name}`);
    return { name: principal.name, roles: principal.roles };
  }
  if (flags.by === undefined || flags.role === undefined)
    throw new UsageError('say who acts: --token, or --by with --role');
  if (!isRole(flags.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  return { name: flags.by, roles: [flags.role] };
}

function withActor(cmd: Command): Command {
  return cmd
    .option('--token <token>', 'an API token: its user and roles act')
    .option('--by <user>', 'the acting user (with --role; or checked against --token)')
    .option('--role <role>', `the acting user’s role: ${ROLES.join(', ')}`);
}

/** Runs a subcommand with the database open, turning refusals into exit codes. */
async function run(
  flags: DatabaseFlags,
  name: string,
  work: (db: Database) => Promise<VeeError | void>,
): Promise<void> {
  let db: Database | undefined;
  try {
    db = await openDatabaseFor(flags, createLogger({ name: `readings ${name}`, level: 'warn' }));
    const refused = await work(db);
    if (refused) {
      process.stderr.write(`meterflow readings ${name}: ${refused.code}: ${refused.message}\n`);
      process.exitCode = 1;
    }
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`meterflow readings ${name}: ${err.message}\n`);
    process.exitCode = 2;
  } finally {
    await db?.close();
  }
}

function printCorrection(c: Correction, json: boolean | undefined): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(c)}\n`);
    return;
  }
  process.stdout.write(
    `correction ${c.correctionId} ${c.status}: ${c.meterId} at ${c.readingTime}, ${formatM3(c.oldRegisterMl)} → ${formatM3(c.newRegisterMl)} m³` +
      ` (requested by ${c.requestedBy}${c.decidedBy ? `, ${c.status} by ${c.decidedBy}` : ''}): ${c.reason}\n`,
  );
}

function correctionRows(corrections: Correction[]): string {
  return formatTable(
    ['id', 'status', 'meter', 'reading time', 'old m³', 'new m³', 'requested by', 'decided by', 'reason'],
    corrections.map((c) => [
      c.correctionId,
      c.status,
      c.meterId,
      c.readingTime,
      formatM3(c.oldRegisterMl),
      formatM3(c.newRegisterMl),
      c.requestedBy,
      c.decidedBy,
      c.reason,
    ]),
  );
}

export function registerReadings(program: Command): void {
  const readings = program
    .command('readings')
    .description('readings with their validation flags, estimates, and audited corrections');

  withDatabaseOptions(readings.command('list').description('list a meter’s readings in time order, with flag names'))
    .requiredOption('--meter <id>', 'the meter')
    .option('--from <time>', 'from this ISO 8601 time (inclusive)')
    .option('--to <time>', 'up to this time (exclusive)')
    .option('--flags <names>', 'only readings with any of these flags, comma-separated (e.g. register_backwards,gap)')
    .option('--limit <n>', 'at most this many', '10000')
    .option('--json', 'one JSON object per line')
    .action(
      async (
        flags: DatabaseFlags & {
          meter: string;
          from?: string;
          to?: string;
          flags?: string;
          limit: string;
          json?: boolean;
        },
      ) =>
        run(flags, 'list', async (db) => {
          const wanted = flagsFromNames((flags.flags ?? '').split(','));
          if (!wanted.ok) throw new UsageError(`--flags: unknown flag ${wanted.unknown}`);
          const from = time(flags.from, '--from');
          const to = time(flags.to, '--to');
          const rows = await listReadings(db.pool, {
            meterId: flags.meter,
            anyFlags: wanted.flags,
            limit: wholeNumber(flags.limit, '--limit'),
            ...(from !== undefined ? { from } : {}),
            ...(to !== undefined ? { to } : {}),
          });
          if (flags.json) {
            for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
            return;
          }
          process.stdout.write(
            formatTable(
              ['time', 'register m³', 'register mL', 'quality', 'flags'],
              rows.map((r) => [
                r.time,
                formatM3(r.registerMl),
                r.registerMl,
                r.estimateMethod ? `${r.quality} (${r.estimateMethod})` : r.quality,
                r.flagNames.join(',') || '-',
              ]),
            ),
          );
          process.stdout.write(`${rows.length} reading${rows.length === 1 ? '' : 's'}\n`);
        }),
    );

  withDatabaseOptions(
    readings
      .command('estimate')
      .description('the register at an instant: the reading there, else an estimate from its neighbours'),
  )
    .requiredOption('--meter <id>', 'the meter')
    .requiredOption('--time <time>', 'the instant (ISO 8601), e.g. a billing-period boundary')
    .option('--linear', 'interpolate linearly even where a daily profile could be learned')
    .option('--store', 'store the estimate as a reading of quality estimated (an actual reading supersedes it)')
    .option('--json', 'print JSON')
    .action(
      async (
        flags: DatabaseFlags & { meter: string; time: string; linear?: boolean; store?: boolean; json?: boolean },
      ) =>
        run(flags, 'estimate', async (db) => {
          const r = await estimateRegisterAt(db.pool, flags.meter, time(flags.time, '--time')!, {
            useProfile: flags.linear !== true,
          });
          if (!r.ok) return r.error;
          const stored = flags.store ? await storeEstimate(db.pool, r.value) : false;
          if (flags.json) {
            process.stdout.write(`${JSON.stringify({ ...r.value, stored })}\n`);
            return;
          }
          const e = r.value;
          process.stdout.write(
            `${e.meterId} at ${e.time}: ${formatM3(e.registerMl)} m³ (${e.registerMl} mL), ${e.quality}${e.method ? ` by ${e.method}` : ''}\n`,
          );
          for (const u of e.readingsUsed)
            process.stdout.write(`  from ${u.quality} reading ${u.time}: ${formatM3(u.registerMl)} m³\n`);
          if (flags.store)
            process.stdout.write(
              stored ? 'stored as an estimated reading\n' : 'not stored: a reading exists at that time\n',
            );
        }),
    );

  withDatabaseOptions(
    withActor(
      readings
        .command('correct')
        .description('request a correction of a reading’s register (pending until a supervisor approves)'),
    ),
  )
    .requiredOption('--meter <id>', 'the meter')
    .requiredOption('--time <time>', 'the reading’s time (ISO 8601); a time without a reading adds a manual reading')
    .requiredOption('--register-ml <ml>', 'the corrected register in millilitres')
    .requiredOption('--reason <text>', 'why the stored value is wrong')
    .option('--json', 'print JSON')
    .action(
      async (
        flags: DatabaseFlags &
          ActorFlags & { meter: string; time: string; registerMl: string; reason: string; json?: boolean },
      ) =>
        run(flags, 'correct', async (db) => {
          const who = actor(flags);
          const r = await requestCorrection(db.pool, {
            meterId: flags.meter,
            time: time(flags.time, '--time')!,
            registerMl: wholeNumber(flags.registerMl, '--register-ml'),
            reason: flags.reason,
            requestedBy: who.name,
            roles: who.roles,
          });
          if (!r.ok) return r.error;
          printCorrection(r.value, flags.json);
        }),
    );

  for (const decision of ['approve', 'reject'] as const) {
    withDatabaseOptions(
      withActor(
        readings
          .command(decision)
          .argument('<id>', 'the correction id')
          .description(
            decision === 'approve'
              ? 'approve a pending correction and apply it (supervisor; not the requester); the old value stays in the audit'
              : 'reject a pending correction (supervisor; not the requester)',
          ),
      ),
    )
      .option('--note <text>', 'a note with the decision')
      .option('--json', 'print JSON')
      .action(async (id: string, flags: DatabaseFlags & ActorFlags & { note?: string; json?: boolean }) =>
        run(flags, decision, async (db) => {
          const who = actor(flags);
          const r = await decideCorrection(db.pool, {
            correctionId: wholeNumber(id, '<id>'),
            decision,
            decidedBy: who.name,
            roles: who.roles,
            ...(flags.note !== undefined ? { note: flags.note } : {}),
          });
          if (!r.ok) return r.error;
          printCorrection(r.value, flags.json);
        }),
      );
  }

  withDatabaseOptions(
    readings
      .command('history')
      .description('the chain of a reading: its value now, every correction requested, every change made'),
  )
    .requiredOption('--meter <id>', 'the meter')
    .requiredOption('--time <time>', 'the reading’s time (ISO 8601)')
    .option('--json', 'print JSON')
    .action(async (flags: DatabaseFlags & { meter: string; time: string; json?: boolean }) =>
      run(flags, 'history', async (db) => {
        const r = await readingHistory(db.pool, flags.meter, time(flags.time, '--time')!);
        if (!r.ok) return r.error;
        const h = r.value;
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(h, null, 2)}\n`);
          return;
        }
        const now = h.current;
        process.stdout.write(
          `${h.meterId} at ${h.time}: ${now ? `${formatM3(now.registerMl)} m³, ${now.quality}, flags ${flagNames(now.flags).join(',') || '-'}` : 'no reading'}\n`,
        );
        if (h.corrections.length > 0) process.stdout.write(`\ncorrections\n${correctionRows(h.corrections)}`);
        if (h.revisions.length > 0) {
          process.stdout.write(
            `\nchanges\n${formatTable(
              ['revised', 'cause', 'old m³', 'old quality', 'new m³', 'new quality'],
              h.revisions.map((v) => [
                v.revisedAt,
                v.cause,
                formatM3(v.oldRegisterMl),
                v.oldQuality,
                formatM3(v.newRegisterMl),
                v.newQuality,
              ]),
            )}`,
          );
        }
      }),
    );

  withDatabaseOptions(readings.command('corrections').description('list corrections, newest first'))
    .option('--meter <id>', 'only this meter')
    .option('--status <status>', 'pending, approved or rejected')
    .option('--json', 'one JSON object per line')
    .action(async (flags: DatabaseFlags & { meter?: string; status?: string; json?: boolean }) =>
      run(flags, 'corrections', async (db) => {
        const status = flags.status;
        if (status !== undefined && status !== 'pending' && status !== 'approved' && status !== 'rejected') {
          throw new UsageError('--status must be pending, approved or rejected');
        }
        const list = await listCorrections(db.pool, {
          ...(flags.meter !== undefined ? { meterId: flags.meter } : {}),
          ...(status !== undefined ? { status } : {}),
        });
        if (flags.json) {
          for (const c of list) process.stdout.write(`${JSON.stringify(c)}\n`);
          return;
        }
        process.stdout.write(correctionRows(list));
      }),
    );
}
