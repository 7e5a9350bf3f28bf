/**
 * `meterflow accounts import FILE | list | show ID | arrears import FILE | arrears show ID`:
 * accounts and their overdue amounts from the utility's customer system (docs/accounts.md).
 * Imports are idempotent: a re-import of the same file changes nothing; a file with any problem
 * imports nothing and names the line and field of each problem.
 */
import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import { parseArrearsText } from '../../rating/accounts/arrears-file.js';
import { importArrears, listArrears, unknownAccounts } from '../../rating/accounts/arrears-store.js';
import { formatOfAccountsPath, parseAccountsText } from '../../rating/accounts/parse-file.js';
import { importAccounts, listAccounts, showAccount } from '../../rating/accounts/store.js';
import { ratingError } from '../../rating/errors.js';
import { readTextFile } from '../../rating/tariffs/load.js';
import type { Database } from '../../storage/database.js';
import type { DatabaseFlags } from '../../storage/config.js';
import { openDatabaseFor, withDatabaseOptions } from '../database-options.js';
import { errorOutput, type CommandOutput } from './quote.js';

export async function runAccountsImport(
  db: Database,
  file: string,
  progress?: (text: string) => void,
): Promise<CommandOutput> {
  const format = formatOfAccountsPath(file);
  if (format === null) {
    return errorOutput(
      'accounts import',
      ratingError('RATING_ACCOUNTS_INVALID', `${file}: the file name must end in .csv, .json, .jsonl or .ndjson`, {
        details: { file },
      }),
    );
  }
  const text = await readTextFile(file);
  if (!text.ok) return errorOutput('accounts import', text.error);
  const parsed = parseAccountsText(text.value, format);
  if (parsed.issues.length > 0) {
    return errorOutput(
      'accounts import',
      ratingError('RATING_ACCOUNTS_INVALID', `${file} has ${parsed.issues.length} problem(s); nothing was imported`, {
        issues: parsed.issues,
      }),
    );
  }
  const counts = await importAccounts(db.pool, parsed.accounts, {
    singleConnection: db.singleConnection,
    ...(progress ? { onProgress: (done, total) => progress(`imported ${done}/${total}\r`) } : {}),
  });
  return {
    exitCode: 0,
    stdout: `${file}: ${parsed.accounts.length} accounts: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged\n`,
    stderr: '',
  };
}

export async function runArrearsImport(db: Database, file: string): Promise<CommandOutput> {
  const invalid = (message: string, issues?: { path: string; message: string }[]) =>
    errorOutput('accounts arrears import', ratingError('RATING_ARREARS_INVALID', message, issues ? { issues } : {}));
  const format = formatOfAccountsPath(file);
  if (format === null) return invalid(`${file}: the file name must end in .csv, .json, .jsonl or .ndjson`);
  const text = await readTextFile(file);
  if (!text.ok) return errorOutput('accounts arrears import', text.error);
  const parsed = parseArrearsText(text.value, format);
  const issues = [...parsed.issues];
  if (issues.length === 0) {
    const unknown = await unknownAccounts(
      db.pool,
      parsed.records.map((r) => r.record.accountId),
    );
    for (const { record, where } of parsed.records) {
      if (unknown.has(record.accountId))
        issues.push({ path: where('accountId'), message: `account ${record.accountId} is not imported` });
    }
  }
  if (issues.length > 0) return invalid(`${file} has ${issues.length} problem(s); nothing was imported`, issues);
  const counts = await importArrears(
    db.pool,
    parsed.records.map((r) => r.record),
    { singleConnection: db.singleConnection },
  );
  return {
    exitCode: 0,
    stdout: `${file}: ${parsed.records.length} arrears: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged\n`,
    stderr: '',
  };
}

export async function runArrearsShow(db: Database, accountId: string): Promise<CommandOutput> {
  const records = await listArrears(db.pool, accountId);
  return { exitCode: 0, stdout: records.map((r) => `${JSON.stringify(r)}\n`).join(''), stderr: '' };
}

export async function runAccountsList(
  db: Database,
  options: { after?: string; limit: number; json?: boolean },
): Promise<CommandOutput> {
  const rows = await listAccounts(db.pool, {
    ...(options.after ? { after: options.after } : {}),
    limit: options.limit,
  });
  if (options.json) return { exitCode: 0, stdout: rows.map((r) => `${JSON.stringify(r)}\n`).join(''), stderr: '' };
  const lines = rows.map(
    (r) =>
      `${r.accountId}\t${r.category ?? '-'}\treading day ${r.readingDay}\t${r.timeZone}\tmeter ${r.meterId ?? '-'}\topened ${r.openedOn}${r.closedOn ? `\tclosed ${r.closedOn}` : ''}`,
  );
  const next = rows.length === options.limit ? `(more: --after ${rows[rows.length - 1]!.accountId})\n` : '';
  return { exitCode: 0, stdout: `${lines.join('\n')}${lines.length > 0 ? '\n' : ''}${next}`, stderr: '' };
}

export async function runAccountsShow(db: Database, accountId: string): Promise<CommandOutput> {
  const account = await showAccount(db.pool, accountId);
  if (!account) {
    return { exitCode: 1, stdout: '', stderr: `meterflow accounts show: no account ${accountId}\n` };
  }
  return { exitCode: 0, stdout: `${JSON.stringify(account, null, 2)}\n`, stderr: '' };
}

function emit(output: CommandOutput): void {
  process.stdout.write(output.stdout);
  process.stderr.write(output.stderr);
  process.exitCode = output.exitCode;
}

async function withDatabase(flags: DatabaseFlags, work: (db: Database) => Promise<CommandOutput>): Promise<void> {
  const db = await openDatabaseFor(
    flags,
    createLogger({ name: 'accounts', level: 'warn', destination: process.stderr }),
  );
  try {
    emit(await work(db));
  } finally {
    await db.close();
  }
}

export function registerAccounts(program: Command): void {
  const accounts = program
    .command('accounts')
    .description('import and inspect customer accounts (see docs/accounts.md)');
  withDatabaseOptions(
    accounts
      .command('import')
      .description(
        'import accounts from CSV (one event per line) or JSON / JSON lines; idempotent; errors name line and field',
      )
      .argument('<file>', 'accounts file: .csv, .json, .jsonl or .ndjson'),
  ).action(async (file: string, flags: DatabaseFlags) =>
    withDatabase(flags, (db) =>
      runAccountsImport(db, file, process.stderr.isTTY ? (t) => process.stderr.write(t) : undefined),
    ),
  );
  withDatabaseOptions(
    accounts
      .command('list')
      .description('list accounts in id order, a page at a time')
      .option('--after <account>', 'start after this account id (the next page)')
      .option('--limit <n>', 'accounts per page', (v) => Number.parseInt(v, 10), 100)
      .option('--json', 'one JSON object per line', false),
  ).action(async (options: DatabaseFlags & { after?: string; limit: number; json?: boolean }) =>
    withDatabase(options, (db) => runAccountsList(db, options)),
  );
  withDatabaseOptions(
    accounts
      .command('show')
      .description('print one account with its category, household size, capacity and meter histories as JSON')
      .argument('<account>', 'account id'),
  ).action(async (accountId: string, flags: DatabaseFlags) =>
    withDatabase(flags, (db) => runAccountsShow(db, accountId)),
  );
  const arrears = accounts
    .command('arrears')
    .description('overdue amounts and payments from the customer system, for late fees (see docs/accounts.md)');
  withDatabaseOptions(
    arrears
      .command('import')
      .description(
        'import overdue amounts (account, bill, amount, due or notice date, payment date) from CSV or JSON / JSON lines; idempotent; errors name line and field',
      )
      .argument('<file>', 'arrears file: .csv, .json, .jsonl or .ndjson'),
  ).action(async (file: string, flags: DatabaseFlags) => withDatabase(flags, (db) => runArrearsImport(db, file)));
  withDatabaseOptions(
    arrears
      .command('show')
      .description("print an account's arrears records, one JSON object per line")
      .argument('<account>', 'account id'),
  ).action(async (accountId: string, flags: DatabaseFlags) =>
    withDatabase(flags, (db) => runArrearsShow(db, accountId)),
  );
}
