/**
 * The gateway's error catalogue. Every expected failure of ingestion is one of these codes,
 * returned as a value (`Result`) or stored with a dead-lettered uplink; only the unexpected is
 * thrown. The kind decides the handling:
 *   - `invalid`: bad input; the uplink is dead-lettered (kept with its reason) and counted;
 *   - `unavailable`: the database or the queue cannot take it now; retried with backoff, and the
 *     transport does not acknowledge, so the sender retries;
 *   - `internal`: a bug or a broken installation; logged as an error and alerted on.
 * Codes are stable strings (stored in raw_uplinks.error_code): never rename one, add a new one.
 * docs/gateway.md lists every code (a test keeps the two in sync).
 */
export type GatewayErrorKind = 'invalid' | 'unavailable' | 'internal';

export const GatewayErrorCode = {
  /** The payload is larger than the configured maximum (MF_MAX_PAYLOAD_BYTES). */
  PAYLOAD_TOO_LARGE: 'GATEWAY_PAYLOAD_TOO_LARGE',
  /** The message could not be read as its adapter's format (bad JSON, bad Protobuf, missing field). */
  MALFORMED_MESSAGE: 'GATEWAY_MALFORMED_MESSAGE',
  /** The topic or path matches no adapter. */
  UNROUTABLE_TOPIC: 'GATEWAY_UNROUTABLE_TOPIC',
  /** No device with this reference is registered. */
  UNKNOWN_DEVICE: 'GATEWAY_UNKNOWN_DEVICE',
  /** The device is registered but disabled. */
  DEVICE_DISABLED: 'GATEWAY_DEVICE_DISABLED',
  /** A decoded reading names a meter that is not in the meters table. */
  UNKNOWN_METER: 'GATEWAY_UNKNOWN_METER',
  /** A decoded reading has the time of a stored reading of the same meter but another value. */
  READING_CONFLICT: 'GATEWAY_READING_CONFLICT',
  /** The decoder returned a failure; the decoder's own code is kept in the reason. */
  DECODE_REJECTED: 'GATEWAY_DECODE_REJECTED',
  /** The database refused the uplink's rows for a reason that retrying cannot fix. */
  STORE_REJECTED: 'GATEWAY_STORE_REJECTED',
  /** MQTT: the client may not publish to (or subscribe to) this topic. */
  TOPIC_NOT_ALLOWED: 'GATEWAY_TOPIC_NOT_ALLOWED',
  /** MQTT: wrong device id or secret, or unknown service user. */
  NOT_AUTHENTICATED: 'GATEWAY_NOT_AUTHENTICATED',
  /** The database cannot be reached or keeps failing transiently. */
  DATABASE_UNAVAILABLE: 'GATEWAY_DATABASE_UNAVAILABLE',
  /** The writer's queue is full and the configured policy is `drop` (or the wait timed out). */
  QUEUE_FULL: 'GATEWAY_QUEUE_FULL',
  /** The gateway is shutting down and no longer takes uplinks. */
  SHUTTING_DOWN: 'GATEWAY_SHUTTING_DOWN',
  /** An unexpected failure (a bug); details are in the log. */
  INTERNAL: 'GATEWAY_INTERNAL',
} as const;
export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];

const KINDS: Record<GatewayErrorCode, GatewayErrorKind> = {
  GATEWAY_PAYLOAD_TOO_LARGE: 'invalid',
  GATEWAY_MALFORMED_MESSAGE: 'invalid',
  GATEWAY_UNROUTABLE_TOPIC: 'invalid',
  GATEWAY_UNKNOWN_DEVICE: 'invalid',
  GATEWAY_DEVICE_DISABLED: 'invalid',
  GATEWAY_UNKNOWN_METER: 'invalid',
  GATEWAY_READING_CONFLICT: 'invalid',
  GATEWAY_DECODE_REJECTED: 'invalid',
  GATEWAY_STORE_REJECTED: 'invalid',
  GATEWAY_TOPIC_NOT_ALLOWED: 'invalid',
  GATEWAY_NOT_AUTHENTICATED: 'invalid',
  GATEWAY_DATABASE_UNAVAILABLE: 'unavailable',
  GATEWAY_QUEUE_FULL: 'unavailable',
  GATEWAY_SHUTTING_DOWN: 'unavailable',
  GATEWAY_INTERNAL: 'internal',
};

export function kindOf(code: GatewayErrorCode): GatewayErrorKind {
  return KINDS[code];
}

export type ErrorAttributes = Record<string, string | number | boolean | null>;

export class GatewayError extends Error {
  readonly kind: GatewayErrorKind;
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    options: { cause?: unknown; attributes?: ErrorAttributes } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.kind = KINDS[code];
    this.attributes = options.attributes ?? {};
  }
  /** Primitive attributes only (ids, sizes, codes): safe to log. */
  readonly attributes: ErrorAttributes;
}

export function gatewayError(code: GatewayErrorCode, message: string, attributes?: ErrorAttributes): GatewayError {
  return new GatewayError(code, message, { attributes });
}

export function isGatewayError(err: unknown): err is GatewayError {
  return err instanceof GatewayError;
}

/** An expected outcome: a value, or a coded error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: GatewayError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T>(code: GatewayErrorCode, message: string, attributes?: ErrorAttributes): Result<T> {
  return { ok: false, error: gatewayError(code, message, attributes) };
}

/** Every code, for documentation checks. */
export const allGatewayErrorCodes: readonly GatewayErrorCode[] = Object.values(GatewayErrorCode);
