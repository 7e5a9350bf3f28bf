/**
 * Row sets sent to the database as JSON (INSERT ... SELECT FROM jsonb_to_recordset($1)) are cut
 * into statements of bounded size: the embedded engine (PGlite over a socket) aborts on a message
 * from the client larger than 64 KiB, so there each statement stays under EMBEDDED_STATEMENT_BYTES.
 * A server takes far larger statements.
 */
export const EMBEDDED_STATEMENT_BYTES = 48 * 1024;
export const SERVER_STATEMENT_BYTES = 8 * 1024 * 1024;

export function statementBytes(singleConnection: boolean): number {
  return singleConnection ? EMBEDDED_STATEMENT_BYTES : SERVER_STATEMENT_BYTES;
}

/** JSON arrays of the rows, each at most `maxBytes` long (a single larger row gets its own array). */
export function jsonChunks(rows: readonly unknown[], maxBytes: number): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const row of rows) {
    const text = JSON.stringify(row);
    const bytes = Buffer.byteLength(text) + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(text);
    size += bytes;
  }
  if (current.length > 0) chunks.push(`[${current.join(',')}]`);
  return chunks;
}

/** Consecutive slices of `items` whose `size` adds up to at most `maxBytes` (at least one item each). */
export function sizedSlices<T>(items: readonly T[], size: (item: T) => number, maxBytes: number): T[][] {
  const slices: T[][] = [];
  let current: T[] = [];
  let total = 0;
  for (const item of items) {
    const bytes = size(item);
    if (current.length > 0 && total + bytes > maxBytes) {
      slices.push(current);
      current = [];
      total = 0;
    }
    current.push(item);
    total += bytes;
  }
  if (current.length > 0) slices.push(current);
  return slices;
}
