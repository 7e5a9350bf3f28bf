/**
 * An accounts import file to stored accounts, or every problem with its line and field.
 * Formats (docs/accounts.md): `.csv` (one event per line), `.json` (an array of account records,
 * or `{ "accounts": [...] }`), `.jsonl` / `.ndjson` (one account record per line). Nothing is
 * imported when any record is invalid. Pure.
 */
import type { FieldIssue } from '../errors.js';
import { zodIssues } from '../tariffs/issues.js';
import { csvAccountRecords } from './csv-events.js';
import { arrayElementLines } from './json-lines.js';
import { normalizeAccount } from './normalize.js';
import { placeOfPath, type Place } from './places.js';
import { accountRecordSchema } from './record-schema.js';
import type { ImportedAccount } from './types.js';

export type AccountsFormat = 'csv' | 'json' | 'jsonl';

export interface ParsedAccounts {
  accounts: ImportedAccount[];
  issues: FieldIssue[];
}

export function formatOfAccountsPath(path: string): AccountsFormat | null {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.json$/i.test(path)) return 'json';
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  return null;
}

interface Located {
  record: unknown;
  /** Issue path for a record field path. */
  where(path: string): string;
}

function checkRecords(located: readonly Located[], issues: FieldIssue[]): ImportedAccount[] {
  const accounts: ImportedAccount[] = [];
  const seen = new Map<string, string>();
  for (const { record, where } of located) {
    const parsed = accountRecordSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of zodIssues(parsed.error)) issues.push({ path: where(issue.path), message: issue.message });
      continue;
    }
    const normal = normalizeAccount(parsed.data);
    if (!normal.ok) {
      for (const issue of normal.issues) issues.push({ path: where(issue.path), message: issue.message });
      continue;
    }
    const first = seen.get(normal.account.accountId);
    if (first !== undefined) {
      issues.push({
        path: where('accountId'),
        message: `account ${normal.account.accountId} is already in the file (${first})`,
      });
      continue;
    }
    seen.set(normal.account.accountId, where('accountId'));
    accounts.push(normal.account);
  }
  return accounts;
}

function csvPlace(place: Place, path: string): string {
  return `line ${place.line}, column ${place.column ?? path}`;
}

function parseCsvAccounts(text: string): ParsedAccounts {
  const { records, issues } = csvAccountRecords(text);
  if (issues.length > 0) return { accounts: [], issues };
  const located = records.map((r) => ({
    record: r.record,
    where: (path: string) => csvPlace(placeOfPath(r.places, path, r.firstLine), path),
  }));
  const accounts = checkRecords(located, issues);
  return { accounts, issues };
}

function syntaxIssue(err: unknown, line?: number): FieldIssue {
  return { path: line === undefined ? '(file)' : `line ${line}`, message: `not valid JSON: ${(err as Error).message}` };
}

function parseJsonAccounts(text: string): ParsedAccounts {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { accounts: [], issues: [syntaxIssue(err)] };
  }
  const list = Array.isArray(value)
    ? value
    : value !== null && typeof value === 'object' && Array.isArray((value as { accounts?: unknown }).accounts)
      ? (value as { accounts: unknown[] }).accounts
      : null;
  if (list === null) {
    return {
      accounts: [],
      issues: [{ path: 'line 1', message: 'must be an array of accounts or { "accounts": [...] }' }],
    };
  }
  const lines = arrayElementLines(text);
  const issues: FieldIssue[] = [];
  const located = list.map((record, index) => ({
    record,
    where: (path: string) =>
      `line ${lines[index] ?? 1}, field accounts[${index}]${path === '(root)' ? '' : `.${path}`}`,
  }));
  return { accounts: checkRecords(located, issues), issues };
}

function parseJsonLinesAccounts(text: string): ParsedAccounts {
  const issues: FieldIssue[] = [];
  const located: Located[] = [];
  text.split(/\r?\n/).forEach((lineText, index) => {
    if (lineText.trim() === '') return;
    try {
      const record: unknown = JSON.parse(lineText);
      located.push({ record, where: (path) => `line ${index + 1}, field ${path}` });
    } catch (err) {
      issues.push(syntaxIssue(err, index + 1));
    }
  });
  const accounts = checkRecords(located, issues);
  return { accounts, issues };
}

export function parseAccountsText(text: string, format: AccountsFormat): ParsedAccounts {
  if (format === 'csv') return parseCsvAccounts(text);
  if (format === 'json') return parseJsonAccounts(text);
  return parseJsonLinesAccounts(text);
}
