/** The internal result type of every wM-Bus stage: a value or a coded decode error, never a throw. */
import { decodeError, type DecodeError, type DecodeErrorCode } from '../core/errors.js';

export type StageResult<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

export function ok<T>(value: T): StageResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(
  code: DecodeErrorCode,
  message: string,
  extra: { offset?: number; details?: DecodeError['details'] } = {},
): StageResult<T> {
  return { ok: false, error: decodeError(code, message, extra) };
}
