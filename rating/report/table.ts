/** Plain-text tables of rated periods and tariffs for the command line. */
import { formatM3 } from '../charges/line.js';
import type { RatedPeriod } from '../result.js';

export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: ReadonlySet<number> = new Set(),
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        rightAligned.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function renderRatedPeriod(period: RatedPeriod): string {
  const rows = period.lines.map((line) => [
    `${line.segmentStart}..${line.segmentEnd}`,
    line.component,
    line.tier === null ? '' : String(line.tier),
    line.volumeMl === null ? '' : formatM3(line.volumeMl),
    line.unitPrice === null
      ? ''
      : line.volumeFactor && line.volumeFactor !== '1'
        ? `${line.unitPrice} on ×${line.volumeFactor}`
        : line.unitPrice,
    line.amount,
  ]);
  const title = `account ${period.accountId}  period ${period.period.start}..${period.period.end}  tariff ${period.tariffId}`;
  const meters = period.meters
    .map(
      (meter) =>
        `  meter ${meter.meterId} ${meter.from}..${meter.to}: ${formatM3(meter.volumeMl)} m³${meter.rollover ? ' (rollover)' : ''} [${meter.quality}]`,
    )
    .join('\n');
  const table = renderTable(
    ['segment', 'component', 'tier', 'm³', 'price', `amount ${period.currency}`],
    rows,
    new Set([2, 3, 4, 5]),
  );
  const carry = period.carryOver;
  const footer = [
    `total ${period.totals.amount} ${period.currency}  (billed ${formatM3(period.totals.billedVolumeMl)} m³ of ${formatM3(period.totals.meteredVolumeMl)} m³ metered)`,
    `carried: volume remainder ${formatM3(carry.volumeRemainderMl)} m³${carry.tierYearToDate ? `, tier year from ${carry.tierYearToDate.tierYearStart}: ${formatM3(carry.tierYearToDate.volumeMl)} m³` : ''}`,
    ...period.warnings.map((warning) => `warning ${warning.code}: ${warning.message}`),
  ];
  return [title, meters, table, ...footer].join('\n');
}
