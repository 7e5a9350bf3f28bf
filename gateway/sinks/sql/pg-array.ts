/**
 * PostgreSQL array literals built directly (node-postgres quotes and escapes every element of an
 * array parameter with two regular expressions; for the writer's 15–18 columns of thousands of
 * rows that was a tenth of the gateway's CPU). Strings are quoted only when they must be.
 */

const NEEDS_QUOTES = /[",\\{}\s]/;

function textElement(s: string): string {
  if (s === '' || (s.length === 4 && s.toUpperCase() === 'NULL') || NEEDS_QUOTES.test(s)) {
    return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
  return s;
}

/** text[], timestamptz[] (ISO strings), date[]: null/undefined → NULL. */
export function textArray(values: ReadonlyArray<string | null | undefined>): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    out += v === null || v === undefined ? 'NULL' : textElement(v);
  }
  return `${out}}`;
}

/** Numeric arrays (int, bigint, numeric): null/undefined → NULL. */
export function numberArray(values: ReadonlyArray<number | null | undefined>): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    out += v === null || v === undefined ? 'NULL' : String(v);
  }
  return `${out}}`;
}

export function boolArray(values: ReadonlyArray<boolean | null | undefined>): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    out += v === null || v === undefined ? 'NULL' : v ? 't' : 'f';
  }
  return `${out}}`;
}

/** bytea[] as hex ("\\x…" inside the array literal). */
export function byteaArray(values: ReadonlyArray<Uint8Array | null | undefined>): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    out +=
      v === null || v === undefined
        ? 'NULL'
        : `"\\\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}"`;
  }
  return `${out}}`;
}
