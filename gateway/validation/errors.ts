/**
 * The validation area's error catalogue (VEE: readings, alarms, estimates, corrections). Expected
 * failures are returned as values (`VeeResult`); only the unexpected is thrown. The kind maps to
 * the outside once, at the edge (HTTP status in http-routes.ts, exit code in the CLI).
 * docs/validation.md lists every code.
 */
export type VeeErrorKind = 'invalid' | 'not_found' | 'forbidden' | 'conflict';

export const VeeErrorCode = {
  /** A parameter is malformed (a time, a meter id, a register value, a flag name). */
  INPUT_INVALID: 'VEE_INPUT_INVALID',
  /** The meter is not in the meters table. */
  METER_NOT_FOUND: 'VEE_METER_NOT_FOUND',
  /** No actual reading on either side of the instant to estimate from. */
  ESTIMATE_NO_NEIGHBOURS: 'VEE_ESTIMATE_NO_NEIGHBOURS',
  /** No correction with this id. */
  CORRECTION_NOT_FOUND: 'VEE_CORRECTION_NOT_FOUND',
  /** The correction was already approved or rejected. */
  CORRECTION_DECIDED: 'VEE_CORRECTION_DECIDED',
  /** The reading already has a pending correction. */
  CORRECTION_PENDING: 'VEE_CORRECTION_PENDING',
  /** The reading changed since the correction was requested (e.g. an actual replaced an estimate). */
  CORRECTION_STALE: 'VEE_CORRECTION_STALE',
  /** The approver is the requester: a correction needs a second person. */
  SELF_APPROVAL: 'VEE_SELF_APPROVAL',
  /** The caller's role does not allow this (approving needs supervisor or admin). */
  ROLE_FORBIDDEN: 'VEE_ROLE_FORBIDDEN',
} as const;
export type VeeErrorCode = (typeof VeeErrorCode)[keyof typeof VeeErrorCode];

const KINDS: Record<VeeErrorCode, VeeErrorKind> = {
  VEE_INPUT_INVALID: 'invalid',
  VEE_METER_NOT_FOUND: 'not_found',
  VEE_ESTIMATE_NO_NEIGHBOURS: 'not_found',
  VEE_CORRECTION_NOT_FOUND: 'not_found',
  VEE_CORRECTION_DECIDED: 'conflict',
  VEE_CORRECTION_PENDING: 'conflict',
  VEE_CORRECTION_STALE: 'conflict',
  VEE_SELF_APPROVAL: 'forbidden',
  VEE_ROLE_FORBIDDEN: 'forbidden',
};

export interface VeeError {
  code: VeeErrorCode;
  kind: VeeErrorKind;
  message: string;
  attributes?: Record<string, string | number | boolean | null>;
}

export function veeError(code: VeeErrorCode, message: string, attributes?: VeeError['attributes']): VeeError {
  return attributes === undefined
    ? { code, kind: KINDS[code], message }
    : { code, kind: KINDS[code], message, attributes };
}

export type VeeResult<T> = { ok: true; value: T } | { ok: false; error: VeeError };

export function ok<T>(value: T): VeeResult<T> {
  return { ok: true, value };
}

export function fail<T>(code: VeeErrorCode, message: string, attributes?: VeeError['attributes']): VeeResult<T> {
  return { ok: false, error: veeError(code, message, attributes) };
}

/** HTTP status for a failure kind (the one mapping to the outside). */
export function httpStatusOf(kind: VeeErrorKind): number {
  switch (kind) {
    case 'invalid':
      return 400;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
  }
}
