/**
 * PostgreSQL array literals built directly (node-postgres quotes and escapes every element of an
 * array parameter with two regular expressions; for the writer's 15–18 columns of thousands of
 * rows that was a tenth of the gateway's CPU). Strings are quoted only when they must be.
 */

const NEEDS_QUOTES = /[",\\{}\s]/;
const NEEDS_ESCAPES = /[\\"]/;

function textElement(s: string): string {
  if (s === '' || (s.length === 4 && s.toUpperCase() === 'NULL') || NEEDS_QUOTES.test(s)) {
    // Most quoted values ('{}', text with spaces) have nothing to escape.
    return NEEDS_ESCAPES.test(s) ? `"${s.replace(/[\\"]/g, '\\$&')}"` : `"${s}"`;
  }
  return s;
}

/**
 * `{e1,e2,…}` from its elements, joined once into a flat string: appending element by element
 * builds a rope that node-postgres then has to flatten, twice the garbage for a column of
 * thousands (and so would adding the braces around the joined string). Takes over `parts`.
 */
function joinArrayLiteral(parts: string[]): string {
  const n = parts.length;
  if (n === 0) return '{}';
  parts[0] = `{${parts[0]}`;
  parts[n - 1] = `${parts[n - 1]}}`;
  return parts.join(',');
}

function arrayLiteral<T>(values: ReadonlyArray<T | null | undefined>, element: (v: T) => string): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] = v === null || v === undefined ? 'NULL' : element(v);
  }
  return joinArrayLiteral(parts);
}

const numberElement = (v: number) => String(v);

/** text[], timestamptz[] (ISO strings), date[]: null/undefined → NULL. */
export function textArray(values: ReadonlyArray<string | null | undefined>): string {
  // A column often repeats its value from row to row (transport, status, decoder, receipt time):
  // such a run is checked for quoting once.
  let previous: string | undefined;
  let element = '';
  return arrayLiteral(values, (v: string) => {
    if (v !== previous) {
      previous = v;
      element = textElement(v);
    }
    return element;
  });
}

/** Numeric arrays (int, bigint, numeric): null/undefined → NULL. */
export function numberArray(values: ReadonlyArray<number | null | undefined>): string {
  return arrayLiteral(values, numberElement);
}
