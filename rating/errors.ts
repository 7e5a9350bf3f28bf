/**
 * The rating error catalogue. Rating never throws on bad input: it returns one of these codes as
 * plain data (`{ code, kind, message, details }`), which crosses worker threads and processes
 * unchanged. Only a broken invariant (a bug) throws. Codes are stable strings stored with failed
 * rating jobs: never rename one, add a new one. docs/rating-errors.md lists the same codes, kinds
 * and meanings; errors.test.ts keeps the two in sync.
 *
 * Kinds decide handling at the edge: `invalidInput` is reported and counted (fix the data or
 * the tariff), `unavailable` is retried, `internal` raises an alert.
 */
export type RatingErrorKind = 'invalidInput' | 'unavailable' | 'internal';

export const RATING_ERRORS = {
  RATING_TARIFF_SYNTAX: { kind: 'invalidInput', meaning: 'The tariff file is not well-formed JSON or YAML.' },
  RATING_TARIFF_INVALID: {
    kind: 'invalidInput',
    meaning: 'The tariff does not match the schema or breaks a cross-field rule; `issues` names each bad field path.',
  },
  RATING_TARIFF_NOT_FOUND: {
    kind: 'invalidInput',
    meaning: 'No tariff version is in force on a day of the period (before the first effectiveFrom).',
  },
  RATING_CATEGORY_NOT_PRICED: {
    kind: 'invalidInput',
    meaning: "The account's water-use category has no prices in the tariff version in force.",
  },
  RATING_NO_CATEGORY: {
    kind: 'invalidInput',
    meaning: 'The account has no water-use category on a day it has a meter (category history starts too late).',
  },
  RATING_NO_HOUSEHOLD_SIZE: {
    kind: 'invalidInput',
    meaning: 'A tier schedule with a household allowance applies but the account has no household size on that day.',
  },
  RATING_NO_CONTRACTED_CAPACITY: {
    kind: 'invalidInput',
    meaning: 'A charge by contracted capacity applies but the account has no contracted capacity on that day.',
  },
  RATING_DIAMETER_NOT_PRICED: {
    kind: 'invalidInput',
    meaning: "A charge by meter diameter has no amount for the meter's diameter (or the meter has none).",
  },
  RATING_NO_METER: { kind: 'invalidInput', meaning: 'No meter is installed on the account on any day of the period.' },
  RATING_METER_HISTORY_INVALID: {
    kind: 'invalidInput',
    meaning:
      'Meter installations overlap, end before they start, or a meter removed during the period has no final register.',
  },
  RATING_NO_READING: {
    kind: 'invalidInput',
    meaning: 'A meter installed at a period boundary has no register value at that boundary.',
  },
  RATING_REGISTER_DECREASED: {
    kind: 'invalidInput',
    meaning:
      'A register is lower at the end than at the start and a rollover is not plausible (or the register size is unknown).',
  },
  RATING_REGISTER_OUT_OF_RANGE: {
    kind: 'invalidInput',
    meaning: "A register value is negative or not below the meter's register capacity (10^digits m³).",
  },
  RATING_PERIOD_INVALID: { kind: 'invalidInput', meaning: 'The period is not two real dates with start before end.' },
  RATING_CARRY_OVER_INVALID: {
    kind: 'invalidInput',
    meaning:
      'The carried tier-year state or volume remainder is inconsistent (negative, or a tier year after the period).',
  },
  RATING_INPUT_INVALID: {
    kind: 'invalidInput',
    meaning:
      'Input data is malformed: a quote input file does not match its schema (`issues` names each bad field path), or an overdue bill lacks what the late-fee rule needs.',
  },
  RATING_PERIODS_NOT_CONSECUTIVE: {
    kind: 'invalidInput',
    meaning: 'Periods to be rated in sequence do not follow each other (one ends where the next starts).',
  },
  RATING_CATEGORY_NO_TARIFF: {
    kind: 'invalidInput',
    meaning: "No tariff is mapped to the account's water-use category (`meterflow tariffs import --categories`).",
  },
  RATING_TARIFF_AMBIGUOUS: {
    kind: 'invalidInput',
    meaning: "The account's categories during the period are rated by different tariffs; one bill needs one tariff.",
  },
  RATING_ACCOUNTS_INVALID: {
    kind: 'invalidInput',
    meaning:
      'An accounts import file is malformed; `issues` names the line and field (or column) of each problem, and nothing is imported.',
  },
  RATING_ARREARS_INVALID: {
    kind: 'invalidInput',
    meaning:
      'An arrears import file is malformed or names an account that is not imported; `issues` names the line and field (or column) of each problem, and nothing is imported.',
  },
  RATING_PERIOD_FINAL: {
    kind: 'invalidInput',
    meaning:
      'The billing period is final: its bills cannot be changed (re-rating records adjustments for the next bill instead).',
  },
  RATING_PERIOD_NOT_RATED: {
    kind: 'invalidInput',
    meaning: 'The period cannot be finalised: it has no bills yet, or a shard is still being rated or was never rated.',
  },
  RATING_BILL_NOT_FOUND: {
    kind: 'invalidInput',
    meaning: 'No bill for that account in that period.',
  },
  RATING_SHARD_CLAIMED: {
    kind: 'unavailable',
    meaning:
      'The shard (or another shard layout of the same period) is being rated by another process; retry when it is done or its claim expires.',
  },
  RATING_FILE_UNREADABLE: {
    kind: 'unavailable',
    meaning: 'A tariff or input file cannot be read (missing, permissions).',
  },
  RATING_INVARIANT_BROKEN: {
    kind: 'internal',
    meaning: 'An internal consistency check failed (lines do not add up); a bug to report.',
  },
} as const satisfies Record<string, { kind: RatingErrorKind; meaning: string }>;

export type RatingErrorCode = keyof typeof RATING_ERRORS;

/** Warnings do not stop rating; they travel with the result so that a bill can be reviewed. */
export const RATING_WARNINGS = {
  RATING_ESTIMATED_READING: 'A register value used is estimated, not read.',
  RATING_CORRECTED_READING: 'A register value used was corrected after it was read.',
  RATING_ROLLOVER_APPLIED:
    'A register passed its capacity (10^digits m³) and restarted from zero; consumption counts the rollover.',
  RATING_LATE_FEE_NOT_IN_TARIFF:
    'Overdue bills were given but the tariff has no late-fee rule; no late fee was charged.',
} as const satisfies Record<string, string>;

export type RatingWarningCode = keyof typeof RATING_WARNINGS;

export type Primitive = string | number | boolean | null;

/** One bad field, with its path as text: `versions[1].categories.residential.components[0].tiers[2].upToM3`. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface RatingError {
  code: RatingErrorCode;
  kind: RatingErrorKind;
  message: string;
  /** Primitive details only (ids, dates, field names, values). */
  details?: Record<string, Primitive>;
  /** For RATING_TARIFF_INVALID and RATING_INPUT_INVALID: every bad field. */
  issues?: FieldIssue[];
}

export interface RatingWarning {
  code: RatingWarningCode;
  message: string;
  details?: Record<string, Primitive>;
}

export function ratingError(
  code: RatingErrorCode,
  message: string,
  extra: { details?: Record<string, Primitive>; issues?: FieldIssue[] } = {},
): RatingError {
  return { code, kind: RATING_ERRORS[code].kind, message, ...extra };
}

export function ratingWarning(
  code: RatingWarningCode,
  message: string,
  details?: Record<string, Primitive>,
): RatingWarning {
  return details ? { code, message, details } : { code, message };
}

/** An expected outcome: a value, or a coded error as data. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: RatingError };

export function succeed<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: RatingError): Outcome<T> {
  return { ok: false, error };
}
