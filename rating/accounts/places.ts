/**
 * Where a field of an account record came from in an import file, so that an error found on the
 * record (by zod or normalize.ts) names the file's line and, for CSV, its column.
 */
export type RawRecord = Record<string, unknown>;

export interface Place {
  line: number;
  /** CSV column; absent: the record field name is used. */
  column?: string;
}

/** The CSV column each record field is read from. */
const FIELD_COLUMNS: Record<string, string> = {
  accountId: 'account',
  openedOn: 'date',
  closedOn: 'date',
  from: 'date',
  on: 'date',
  installedOn: 'date',
  removedOn: 'date',
  readingDay: 'reading_day',
  timeZone: 'time_zone',
  billingMonths: 'billing_months',
  firstMonth: 'first_month',
  name: 'name',
  address: 'address',
  category: 'category',
  persons: 'persons',
  m3PerMonth: 'm3_per_month',
  meterId: 'meter',
  oldMeterId: 'meter',
  newMeterId: 'new_meter',
  initialRegisterMl: 'register_ml',
  finalRegisterMl: 'register_ml',
  oldFinalRegisterMl: 'register_ml',
  newInitialRegisterMl: 'new_register_ml',
  registerDigits: 'register_digits',
  diameterMm: 'diameter_mm',
};

/**
 * The CSV place of a record field path ('meters[1].removedOn'): the most specific recorded place
 * (the path itself, then shorter prefixes), with the column of the path's last field name.
 */
export function placeOfPath(places: ReadonlyMap<string, Place>, path: string, fallbackLine: number): Place {
  const last = /([A-Za-z]+)$/.exec(path)?.[1];
  const column = last === undefined ? undefined : FIELD_COLUMNS[last];
  let prefix = path;
  while (prefix !== '') {
    const place = places.get(prefix);
    if (place) return { line: place.line, ...((place.column ?? column) ? { column: place.column ?? column } : {}) };
    const cut = Math.max(prefix.lastIndexOf('.'), prefix.lastIndexOf('['));
    prefix = cut <= 0 ? '' : prefix.slice(0, cut);
  }
  return { line: fallbackLine, ...(column ? { column } : {}) };
}
