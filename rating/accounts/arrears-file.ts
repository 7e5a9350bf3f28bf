/**
 * An arrears import file to arrears records, or every problem with its line and field.
 * Formats (docs/accounts.md): `.csv` (a header line naming the columns account, bill, amount,
 * due_date, notice_date, paid_on; one record per line), `.json` (an array of records, or
 * `{ "arrears": [...] }`), `.jsonl` / `.ndjson` (one record per line). Nothing is imported when
 * any record is invalid. Pure.
 */
import type { FieldIssue } from '../errors.js';
import { zodIssues } from '../tariffs/issues.js';
import { arrearsRecordSchema, type ArrearsRecord } from './arrears-record.js';
import { parseCsv } from './csv.js';
import { arrayElementLines } from './json-lines.js';
import type { AccountsFormat } from './parse-file.js';

/** A valid record and where its fields are in the file, for issues found later (unknown account). */
export interface LocatedArrears {
  record: ArrearsRecord;
  where(field: keyof ArrearsRecord): string;
}

export interface ParsedArrears {
  records: LocatedArrears[];
  issues: FieldIssue[];
}

/** CSV column of each record field. */
const COLUMN_OF: Record<keyof ArrearsRecord, string> = {
  accountId: 'account',
  bill: 'bill',
  amount: 'amount',
  dueDate: 'due_date',
  noticeDate: 'notice_date',
  paidOn: 'paid_on',
};
const FIELD_OF = new Map(Object.entries(COLUMN_OF).map(([field, column]) => [column, field]));
const REQUIRED_COLUMNS = ['account', 'bill', 'amount'];

interface Candidate {
  record: unknown;
  where(path: string): string;
}

function checkRecords(candidates: readonly Candidate[], issues: FieldIssue[]): LocatedArrears[] {
  const records: LocatedArrears[] = [];
  const seen = new Map<string, string>();
  for (const { record, where } of candidates) {
    const parsed = arrearsRecordSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of zodIssues(parsed.error)) issues.push({ path: where(issue.path), message: issue.message });
      continue;
    }
    const key = JSON.stringify([parsed.data.accountId, parsed.data.bill]);
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        path: where('bill'),
        message: `bill ${parsed.data.bill} of account ${parsed.data.accountId} is already in the file (${first})`,
      });
      continue;
    }
    seen.set(key, where('bill'));
    records.push({ record: parsed.data, where });
  }
  return records;
}

function parseCsvArrears(text: string): ParsedArrears {
  const csv = parseCsv(text);
  if (!csv.ok) return { records: [], issues: [{ path: `line ${csv.line}`, message: csv.message }] };
  const [header, ...rows] = csv.records;
  if (!header) return { records: [], issues: [] };
  const issues: FieldIssue[] = [];
  const columns = header.fields.map((name) => name.trim());
  for (const [index, name] of columns.entries()) {
    if (!FIELD_OF.has(name)) {
      issues.push({
        path: `line ${header.line}, column ${index + 1}`,
        message: `unknown column "${name}" (columns: ${Object.values(COLUMN_OF).join(', ')})`,
      });
    } else if (columns.indexOf(name) !== index) {
      issues.push({ path: `line ${header.line}, column ${name}`, message: 'the column is named twice' });
    }
  }
  for (const name of REQUIRED_COLUMNS) {
    if (!columns.includes(name))
      issues.push({ path: `line ${header.line}`, message: `the column "${name}" is missing` });
  }
  if (issues.length > 0) return { records: [], issues };
  const candidates: Candidate[] = [];
  for (const row of rows) {
    if (row.fields.length !== columns.length) {
      issues.push({
        path: `line ${row.line}`,
        message: `has ${row.fields.length} fields, the header has ${columns.length}`,
      });
      continue;
    }
    const record: Record<string, string> = {};
    row.fields.forEach((value, index) => {
      const trimmed = value.trim();
      if (trimmed !== '') record[FIELD_OF.get(columns[index]!)!] = trimmed;
    });
    candidates.push({
      record,
      where: (path) => {
        const column = COLUMN_OF[path as keyof ArrearsRecord];
        return column === undefined ? `line ${row.line}` : `line ${row.line}, column ${column}`;
      },
    });
  }
  const records = checkRecords(candidates, issues);
  return { records, issues };
}

function syntaxIssue(err: unknown, line?: number): FieldIssue {
  return { path: line === undefined ? '(file)' : `line ${line}`, message: `not valid JSON: ${(err as Error).message}` };
}

function parseJsonArrears(text: string): ParsedArrears {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { records: [], issues: [syntaxIssue(err)] };
  }
  const list = Array.isArray(value)
    ? value
    : value !== null && typeof value === 'object' && Array.isArray((value as { arrears?: unknown }).arrears)
      ? (value as { arrears: unknown[] }).arrears
      : null;
  if (list === null) {
    return {
      records: [],
      issues: [{ path: 'line 1', message: 'must be an array of records or { "arrears": [...] }' }],
    };
  }
  const lines = arrayElementLines(text, 'arrears');
  const issues: FieldIssue[] = [];
  const candidates = list.map((record, index) => ({
    record,
    where: (path: string) => `line ${lines[index] ?? 1}, field arrears[${index}]${path === '(root)' ? '' : `.${path}`}`,
  }));
  return { records: checkRecords(candidates, issues), issues };
}

function parseJsonLinesArrears(text: string): ParsedArrears {
  const issues: FieldIssue[] = [];
  const candidates: Candidate[] = [];
  text.split(/\r?\n/).forEach((lineText, index) => {
    if (lineText.trim() === '') return;
    try {
      const record: unknown = JSON.parse(lineText);
      candidates.push({ record, where: (path) => `line ${index + 1}, field ${path}` });
    } catch (err) {
      issues.push(syntaxIssue(err, index + 1));
    }
  });
  const records = checkRecords(candidates, issues);
  return { records, issues };
}

export function parseArrearsText(text: string, format: AccountsFormat): ParsedArrears {
  if (format === 'csv') return parseCsvArrears(text);
  if (format === 'json') return parseJsonArrears(text);
  return parseJsonLinesArrears(text);
}
