/** Ranges of account ids as SQL conditions (account ids sort byte-wise: COLLATE "C"). */
export interface KeyBound {
  key: string;
  inclusive: boolean;
}

export interface KeyRange {
  lower: KeyBound | null;
  upper: KeyBound | null;
}

/** `<column> ...` conditions for the range, with their parameters numbered from `firstParam`. */
export function rangeCondition(
  range: KeyRange,
  firstParam: number,
  column = 'account_id',
): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  if (range.lower) {
    params.push(range.lower.key);
    parts.push(`${column} ${range.lower.inclusive ? '>=' : '>'} $${firstParam + params.length - 1}`);
  }
  if (range.upper) {
    params.push(range.upper.key);
    parts.push(`${column} ${range.upper.inclusive ? '<=' : '<'} $${firstParam + params.length - 1}`);
  }
  return { sql: parts.length > 0 ? parts.join(' AND ') : 'true', params };
}
