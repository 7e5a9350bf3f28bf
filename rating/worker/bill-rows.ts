/**
 * A rated bill as rows of `bills` and `bill_lines` (migrations/0005), with the adjustment lines
 * it carries, encoded for PostgreSQL COPY (text format) or as JSON objects for
 * json_populate_recordset (the embedded engine, which has no COPY FROM STDIN). Pure.
 */
import type { CurrencyCode } from '../money/currency.js';
import { formatMoney, parseMoney } from '../money/money.js';
import type { RatedPeriod } from '../result.js';
import type { AdjustmentDue } from './task.js';

export const BILL_COLUMNS = [
  'period_id',
  'account_id',
  'status',
  'currency',
  'tariff_id',
  'period_start',
  'period_end',
  'total',
  'billed_volume_ml',
  'metered_volume_ml',
  'carry',
  'meters',
  'segments',
  'warnings',
] as const;

export const LINE_COLUMNS = [
  'period_id',
  'account_id',
  'line_no',
  'component',
  'kind',
  'tier',
  'category',
  'segment_start',
  'segment_end',
  'volume_ml',
  'volume_factor',
  'unit_price',
  'amount',
  'exact_amount',
  'readings_used',
  'explanation',
  'adjustment_id',
] as const;

type Value = string | number | null;

/** Total of the rated lines plus the adjustments, in major units. */
export function billTotal(bill: RatedPeriod, adjustments: readonly AdjustmentDue[]): string {
  if (adjustments.length === 0) return bill.totals.amount;
  const currency = bill.currency as CurrencyCode;
  let minor = parseMoney(currency, bill.totals.amount)?.minor ?? 0n;
  for (const adjustment of adjustments) {
    const amount = parseMoney(currency, adjustment.amount);
    if (!amount)
      throw new RangeError(
        `adjustment ${adjustment.adjustmentId} amount ${adjustment.amount} is not ${currency} money`,
      );
    minor += amount.minor;
  }
  return formatMoney({ currency, minor });
}

export function billRow(periodId: string, bill: RatedPeriod, adjustments: readonly AdjustmentDue[]): Value[] {
  return [
    periodId,
    bill.accountId,
    'draft',
    bill.currency,
    bill.tariffId,
    bill.period.start,
    bill.period.end,
    billTotal(bill, adjustments),
    bill.totals.billedVolumeMl,
    bill.totals.meteredVolumeMl,
    JSON.stringify(bill.carryOver),
    JSON.stringify(bill.meters),
    JSON.stringify(bill.segments),
    JSON.stringify(bill.warnings),
  ];
}

export function lineRows(periodId: string, bill: RatedPeriod, adjustments: readonly AdjustmentDue[]): Value[][] {
  const rows: Value[][] = bill.lines.map((line, index) => [
    periodId,
    bill.accountId,
    index + 1,
    line.component,
    line.kind,
    line.tier,
    line.category,
    line.segmentStart,
    line.segmentEnd,
    line.volumeMl,
    line.volumeFactor,
    line.unitPrice,
    line.amount,
    line.exactAmount,
    JSON.stringify(line.readingsUsed),
    line.explanation,
    null,
  ]);
  for (const adjustment of adjustments) {
    rows.push([
      periodId,
      bill.accountId,
      rows.length + 1,
      'adjustment',
      'adjustment',
      null,
      null,
      bill.period.start,
      bill.period.end,
      null,
      null,
      null,
      adjustment.amount,
      adjustment.amount,
      '[]',
      `correction of the final bill of ${adjustment.fromPeriod}: ${adjustment.finalTotal} billed, ${adjustment.reratedTotal} on re-rating`,
      adjustment.adjustmentId,
    ]);
  }
  return rows;
}

/**
 * The bill's row of `bills` in COPY text, with its newline: the same bytes as
 * `copyLine(billRow(...))`, written without the intermediate row array. Dates, numbers, amounts
 * and enumerated values never hold a character COPY escapes; free text and JSON are escaped.
 */
export function copyBillRow(periodId: string, bill: RatedPeriod, adjustments: readonly AdjustmentDue[]): string {
  return `${copyText(periodId)}\t${copyText(bill.accountId)}\tdraft\t${bill.currency}\t${copyText(bill.tariffId)}\t${bill.period.start}\t${bill.period.end}\t${billTotal(bill, adjustments)}\t${bill.totals.billedVolumeMl}\t${bill.totals.meteredVolumeMl}\t${copyJson(JSON.stringify(bill.carryOver))}\t${copyJson(JSON.stringify(bill.meters))}\t${copyJson(JSON.stringify(bill.segments))}\t${copyJson(JSON.stringify(bill.warnings))}\n`;
}

function copyNullable(value: string | number | null): string {
  return value === null ? '\\N' : typeof value === 'number' ? String(value) : copyText(value);
}

/**
 * The bill's rows of `bill_lines` in COPY text: the same bytes as `lineRows(...).map(copyLine)`.
 * Lines of one meter share their readings array: its JSON is written once per bill.
 */
export function copyLineRows(periodId: string, bill: RatedPeriod, adjustments: readonly AdjustmentDue[]): string {
  const prefix = `${copyText(periodId)}\t${copyText(bill.accountId)}\t`;
  let text = '';
  let lastReadings: readonly string[] | null = null;
  let lastReadingsText = '';
  let lineNo = 0;
  for (const line of bill.lines) {
    if (line.readingsUsed !== lastReadings) {
      lastReadings = line.readingsUsed;
      lastReadingsText = copyJson(JSON.stringify(line.readingsUsed));
    }
    lineNo++;
    text += `${prefix}${lineNo}\t${copyText(line.component)}\t${line.kind}\t${line.tier ?? '\\N'}\t${copyNullable(line.category)}\t${line.segmentStart}\t${line.segmentEnd}\t${line.volumeMl ?? '\\N'}\t${copyNullable(line.volumeFactor)}\t${copyNullable(line.unitPrice)}\t${line.amount}\t${copyText(line.exactAmount)}\t${lastReadingsText}\t${copyText(line.explanation)}\t\\N\n`;
  }
  for (const adjustment of adjustments) {
    lineNo++;
    const explanation = `correction of the final bill of ${adjustment.fromPeriod}: ${adjustment.finalTotal} billed, ${adjustment.reratedTotal} on re-rating`;
    text += `${prefix}${lineNo}\tadjustment\tadjustment\t\\N\t\\N\t${bill.period.start}\t${bill.period.end}\t\\N\t\\N\t\\N\t${copyText(adjustment.amount)}\t${copyText(adjustment.amount)}\t[]\t${copyText(explanation)}\t${adjustment.adjustmentId}\n`;
  }
  return text;
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function copyText(value: string): string {
  return COPY_SPECIAL.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!) : value;
}

/** copyText of JSON.stringify output, which never holds a raw line break or tab: only `\` is escaped. */
function copyJson(json: string): string {
  return json.includes('\\') ? json.replace(/\\/g, '\\\\') : json;
}

function copyValue(value: Value): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return copyText(value);
}

/** One row in COPY text format (tab-separated, \N for null), with its newline. */
export function copyLine(row: readonly Value[]): string {
  let text = copyValue(row[0] ?? null);
  for (let i = 1; i < row.length; i++) text += `\t${copyValue(row[i] ?? null)}`;
  return `${text}\n`;
}

/** Rows as objects keyed by column, for json_populate_recordset. jsonb columns stay JSON. */
export function rowObjects(
  columns: readonly string[],
  rows: readonly Value[][],
  jsonColumns: ReadonlySet<string>,
): Record<string, unknown>[] {
  return rows.map((row) => {
    const object: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const value = row[i] ?? null;
      object[column] = jsonColumns.has(column) && typeof value === 'string' ? JSON.parse(value) : value;
    });
    return object;
  });
}

export const BILL_JSON_COLUMNS: ReadonlySet<string> = new Set(['carry', 'meters', 'segments', 'warnings']);
export const LINE_JSON_COLUMNS: ReadonlySet<string> = new Set(['readings_used']);
