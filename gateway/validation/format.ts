/** Plain-text tables for the CLI: left-aligned columns, two spaces apart, a header line. */
export function formatTable(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
): string {
  const cells = rows.map((r) => r.map((c) => (c === null ? '-' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n') + '\n';
}

/** Millilitres as cubic metres with three decimals (litre resolution), for people. */
export function formatM3(ml: number | null): string {
  if (ml === null) return '-';
  const sign = ml < 0 ? '-' : '';
  const litres = Math.floor(Math.abs(ml) / 1_000);
  const rest = Math.abs(ml) % 1_000;
  return `${sign}${Math.floor(litres / 1_000)}.${String(litres % 1_000).padStart(3, '0')}${rest === 0 ? '' : `+${rest}mL`}`;
}
