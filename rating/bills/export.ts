/**
 * `meterflow bills export`: every bill of a period, streamed page by page (keyset by account id)
 * to a writable stream, honouring backpressure: NDJSON (one bill per line, lines nested) or CSV
 * (one row per bill line, the bill's columns repeated; a bill without lines is one row).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import { csvField } from '../accounts/csv.js';
import type { StoredBill } from './bill.js';
import { readBillPage } from './read.js';

export type ExportFormat = 'ndjson' | 'csv';

export const CSV_HEADER = [
  'period_id',
  'account_id',
  'status',
  'currency',
  'tariff_id',
  'period_start',
  'period_end',
  'bill_total',
  'billed_volume_ml',
  'metered_volume_ml',
  'readings',
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
  'readings_used',
  'explanation',
] as const;

/** 'actual', 'estimated' or 'corrected': the least certain boundary register quality on the bill. */
export function readingsQuality(bill: StoredBill): string {
  const qualities = new Set(bill.meters.map((m) => m.quality));
  return qualities.has('estimated') ? 'estimated' : qualities.has('corrected') ? 'corrected' : 'actual';
}

export function billCsvRows(bill: StoredBill): string {
  const head = [
    bill.periodId,
    bill.accountId,
    bill.status,
    bill.currency,
    bill.tariffId,
    bill.periodStart,
    bill.periodEnd,
    bill.total,
    String(bill.billedVolumeMl),
    String(bill.meteredVolumeMl),
    readingsQuality(bill),
  ];
  const text = (value: string | number | null) => (value === null ? '' : csvField(String(value)));
  if (bill.lines.length === 0) return `${[...head.map(text), ...Array(13).fill('')].join(',')}\n`;
  return bill.lines
    .map(
      (line) =>
        `${[
          ...head,
          line.lineNo,
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
          line.readingsUsed.join(';'),
          line.explanation,
        ]
          .map(text)
          .join(',')}\n`,
    )
    .join('');
}

async function put(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function exportBills(
  q: Pick<pg.Pool, 'query'>,
  periodId: string,
  format: ExportFormat,
  out: Writable,
  options: { pageSize?: number; onPage?: (bills: number) => void } = {},
): Promise<number> {
  const pageSize = options.pageSize ?? 1000;
  let after: string | null = null;
  let count = 0;
  if (format === 'csv') await put(out, `${CSV_HEADER.join(',')}\n`);
  for (;;) {
    const page = await readBillPage(q, periodId, after, pageSize);
    if (page.length === 0) break;
    let text = '';
    for (const bill of page) text += format === 'csv' ? billCsvRows(bill) : `${JSON.stringify(bill)}\n`;
    await put(out, text);
    count += page.length;
    after = page[page.length - 1]!.accountId;
    options.onPage?.(count);
    if (page.length < pageSize) break;
  }
  return count;
}
