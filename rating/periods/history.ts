/**
 * Histories of account facts: `[{ from, ... }]` entries, each in force from its date (inclusive)
 * until the next entry's date. Category, household size and contracted capacity all use it.
 */
export interface Dated {
  from: string;
}

/** The entry in force on `date` (the latest with from ≤ date), or undefined before the first. */
export function entryOn<T extends Dated>(history: readonly T[] | undefined, date: string): T | undefined {
  let found: T | undefined;
  for (const entry of history ?? []) {
    if (entry.from <= date && (found === undefined || entry.from >= found.from)) found = entry;
  }
  return found;
}

/** Dates strictly inside (start, end) where an entry starts. */
export function changesWithin(history: readonly Dated[] | undefined, start: string, end: string): string[] {
  return (history ?? []).map((entry) => entry.from).filter((from) => from > start && from < end);
}
