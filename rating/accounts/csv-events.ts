/**
 * The CSV import format (docs/accounts.md): one event per line, `account,event,date,...`, events
 * open / category / household / capacity / install / exchange / remove / close. The events of
 * each account become one account record (record-schema.ts), with a map from each record field
 * to the line and column it came from, so that every error names its line and column. Pure.
 */
import type { FieldIssue } from '../errors.js';
import { parseCsv } from './csv.js';
import type { Place, RawRecord } from './places.js';

export const CSV_COLUMNS = [
  'account',
  'event',
  'date',
  'reading_day',
  'time_zone',
  'billing_months',
  'first_month',
  'name',
  'address',
  'category',
  'persons',
  'm3_per_month',
  'meter',
  'register_ml',
  'new_meter',
  'new_register_ml',
  'register_digits',
  'diameter_mm',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** Columns each event reads (besides account, event, date); the first list is required. */
const EVENT_COLUMNS: Record<string, { required: Column[]; optional: Column[] }> = {
  open: { required: ['reading_day'], optional: ['time_zone', 'billing_months', 'first_month', 'name', 'address'] },
  category: { required: ['category'], optional: [] },
  household: { required: ['persons'], optional: [] },
  capacity: { required: ['m3_per_month'], optional: [] },
  install: { required: ['meter'], optional: ['register_ml', 'register_digits', 'diameter_mm'] },
  exchange: {
    required: ['meter', 'register_ml', 'new_meter', 'new_register_ml'],
    optional: ['register_digits', 'diameter_mm'],
  },
  remove: { required: ['meter', 'register_ml'], optional: [] },
  close: { required: [], optional: [] },
};

const WHOLE_NUMBER_COLUMNS = new Set<Column>([
  'reading_day',
  'billing_months',
  'first_month',
  'persons',
  'register_ml',
  'new_register_ml',
  'register_digits',
  'diameter_mm',
]);

export interface CsvAccountRecord {
  accountId: string;
  record: RawRecord;
  places: Map<string, Place>;
  firstLine: number;
}

interface Row {
  line: number;
  get(column: Column): string;
}

function issueAt(line: number, column: string, message: string): FieldIssue {
  return { path: `line ${line}, column ${column}`, message };
}

function eventValues(row: Row, event: string, issues: FieldIssue[]): Map<Column, string | number> | null {
  const spec = EVENT_COLUMNS[event]!;
  const used = new Set<Column>(['account', 'event', 'date', ...spec.required, ...spec.optional]);
  const values = new Map<Column, string | number>();
  let ok = true;
  for (const column of CSV_COLUMNS) {
    const text = row.get(column).trim();
    if (text === '') {
      if (spec.required.includes(column) || column === 'date') {
        issues.push(issueAt(row.line, column, `required for a ${event} event`));
        ok = false;
      }
      continue;
    }
    if (!used.has(column)) {
      issues.push(issueAt(row.line, column, `not used by a ${event} event: leave it empty`));
      ok = false;
      continue;
    }
    if (WHOLE_NUMBER_COLUMNS.has(column)) {
      if (!/^\d{1,16}$/.test(text)) {
        issues.push(issueAt(row.line, column, 'must be a whole number (digits only)'));
        ok = false;
        continue;
      }
      values.set(column, Number(text));
    } else {
      values.set(column, text);
    }
  }
  return ok ? values : null;
}

class AccountBuilder {
  readonly record: RawRecord = {
    categories: [],
    householdSizes: [],
    contractedCapacities: [],
    meters: [],
    exchanges: [],
  };
  readonly places = new Map<string, Place>();
  opened = false;
  constructor(
    readonly accountId: string,
    readonly firstLine: number,
  ) {
    this.record.accountId = accountId;
    this.places.set('accountId', { line: firstLine, column: 'account' });
  }

  private push(list: string, value: Record<string, unknown>, line: number): number {
    const items = this.record[list] as Record<string, unknown>[];
    items.push(value);
    this.places.set(`${list}[${items.length - 1}]`, { line });
    return items.length - 1;
  }

  apply(event: string, values: Map<Column, string | number>, line: number, issues: FieldIssue[]): void {
    const v = (column: Column) => values.get(column);
    const set = (field: string, column: Column) => {
      const value = v(column);
      if (value === undefined) return;
      this.record[field] = value;
      this.places.set(field, { line, column });
    };
    const optional = (target: Record<string, unknown>, field: string, column: Column) => {
      const value = v(column);
      if (value !== undefined) target[field] = value;
    };
    switch (event) {
      case 'open':
        if (this.opened) {
          issues.push(issueAt(line, 'event', `account ${this.accountId} is opened twice`));
          return;
        }
        this.opened = true;
        set('openedOn', 'date');
        set('readingDay', 'reading_day');
        set('timeZone', 'time_zone');
        set('billingMonths', 'billing_months');
        set('firstMonth', 'first_month');
        set('name', 'name');
        set('address', 'address');
        return;
      case 'close':
        set('closedOn', 'date');
        return;
      case 'category':
        this.push('categories', { from: v('date'), category: v('category') }, line);
        return;
      case 'household':
        this.push('householdSizes', { from: v('date'), persons: v('persons') }, line);
        return;
      case 'capacity':
        this.push('contractedCapacities', { from: v('date'), m3PerMonth: v('m3_per_month') }, line);
        return;
      case 'install': {
        const meter: Record<string, unknown> = { meterId: v('meter'), installedOn: v('date') };
        optional(meter, 'initialRegisterMl', 'register_ml');
        optional(meter, 'registerDigits', 'register_digits');
        optional(meter, 'diameterMm', 'diameter_mm');
        this.push('meters', meter, line);
        return;
      }
      case 'exchange': {
        const exchange: Record<string, unknown> = {
          on: v('date'),
          oldMeterId: v('meter'),
          oldFinalRegisterMl: v('register_ml'),
          newMeterId: v('new_meter'),
          newInitialRegisterMl: v('new_register_ml'),
        };
        optional(exchange, 'registerDigits', 'register_digits');
        optional(exchange, 'diameterMm', 'diameter_mm');
        this.push('exchanges', exchange, line);
        return;
      }
      case 'remove': {
        const meters = this.record.meters as Record<string, unknown>[];
        let index = -1;
        meters.forEach((meter, i) => {
          if (meter.meterId === v('meter') && meter.removedOn === undefined) index = i;
        });
        if (index < 0) {
          issues.push(
            issueAt(
              line,
              'meter',
              `no earlier install event of meter ${String(v('meter'))} on account ${this.accountId}`,
            ),
          );
          return;
        }
        meters[index]!.removedOn = v('date');
        meters[index]!.finalRegisterMl = v('register_ml');
        this.places.set(`meters[${index}].removedOn`, { line, column: 'date' });
        this.places.set(`meters[${index}].finalRegisterMl`, { line, column: 'register_ml' });
        return;
      }
    }
  }
}

/** CSV text to account records (not yet validated), or issues that name line and column. */
export function csvAccountRecords(text: string): { records: CsvAccountRecord[]; issues: FieldIssue[] } {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { records: [], issues: [{ path: `line ${parsed.line}`, message: parsed.message }] };
  const [header, ...rows] = parsed.records;
  if (!header)
    return { records: [], issues: [{ path: 'line 1', message: 'the file is empty: a header line is required' }] };
  const issues: FieldIssue[] = [];
  const index = new Map<string, number>();
  header.fields.forEach((name, i) => {
    const column = name.trim();
    if (!(CSV_COLUMNS as readonly string[]).includes(column)) {
      issues.push({
        path: `line ${header.line}, column ${column || `#${i + 1}`}`,
        message: `unknown column (columns: ${CSV_COLUMNS.join(', ')})`,
      });
    } else if (index.has(column)) {
      issues.push({ path: `line ${header.line}, column ${column}`, message: 'appears twice' });
    } else index.set(column, i);
  });
  for (const required of ['account', 'event', 'date'] as const) {
    if (!index.has(required))
      issues.push({ path: `line ${header.line}, column ${required}`, message: 'required column is missing' });
  }
  if (issues.length > 0) return { records: [], issues };
  const builders = new Map<string, AccountBuilder>();
  for (const record of rows) {
    if (record.fields.length !== header.fields.length) {
      issues.push({
        path: `line ${record.line}`,
        message: `has ${record.fields.length} fields, the header has ${header.fields.length}`,
      });
      continue;
    }
    const row: Row = { line: record.line, get: (column) => record.fields[index.get(column) ?? -1] ?? '' };
    const accountId = row.get('account').trim();
    const event = row.get('event').trim();
    if (accountId === '') {
      issues.push(issueAt(record.line, 'account', 'required'));
      continue;
    }
    if (!(event in EVENT_COLUMNS)) {
      issues.push(issueAt(record.line, 'event', `must be one of ${Object.keys(EVENT_COLUMNS).join(', ')}`));
      continue;
    }
    const values = eventValues(row, event, issues);
    if (!values) continue;
    let builder = builders.get(accountId);
    if (!builder) {
      builder = new AccountBuilder(accountId, record.line);
      builders.set(accountId, builder);
    }
    builder.apply(event, values, record.line, issues);
  }
  for (const builder of builders.values()) {
    if (!builder.opened) {
      issues.push(
        issueAt(builder.firstLine, 'event', `account ${builder.accountId} has no open event (it sets reading_day)`),
      );
    }
  }
  return {
    records: [...builders.values()].map((b) => ({
      accountId: b.accountId,
      record: b.record,
      places: b.places,
      firstLine: b.firstLine,
    })),
    issues,
  };
}
