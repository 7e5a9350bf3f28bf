/**
 * Why the HTTP server refused a request, and the status each refusal gets. The body of every
 * refusal is `{ "code": "<code>", "reason": "<text>" }`. Codes are stable strings.
 */
export const HttpErrorCode = {
  /** No `Authorization: Bearer <token>` header on an API route. */
  TOKEN_MISSING: 'HTTP_TOKEN_MISSING',
  /** The bearer token is not one of the configured tokens. */
  TOKEN_UNKNOWN: 'HTTP_TOKEN_UNKNOWN',
  /** The token is valid but carries none of the roles the route needs. */
  ROLE_MISSING: 'HTTP_ROLE_MISSING',
  /** A webhook's shared secret (header or query token) is missing or wrong. */
  WEBHOOK_SECRET_MISMATCH: 'HTTP_WEBHOOK_SECRET_MISMATCH',
  /** A OneNET push or URL check whose signature does not match the configured token. */
  WEBHOOK_SIGNATURE_MISMATCH: 'HTTP_WEBHOOK_SIGNATURE_MISMATCH',
  /** A webhook body that is not the platform's JSON, or lacks what an uplink needs. */
  WEBHOOK_BODY_INVALID: 'HTTP_WEBHOOK_BODY_INVALID',
  /** The TTS application in the body is not the one in the path. */
  WEBHOOK_APPLICATION_MISMATCH: 'HTTP_WEBHOOK_APPLICATION_MISMATCH',
  /** The uplinks could not be committed: the database is unavailable (retry later). */
  STORE_UNAVAILABLE: 'HTTP_STORE_UNAVAILABLE',
  /** The commit did not finish within the webhook deadline (retry later; duplicates are dropped). */
  STORE_TIMEOUT: 'HTTP_STORE_TIMEOUT',
  /** Something unexpected failed; details are in the log. */
  INTERNAL: 'HTTP_INTERNAL',
} as const;
export type HttpErrorCode = (typeof HttpErrorCode)[keyof typeof HttpErrorCode];

export const httpStatusOf: Record<HttpErrorCode, number> = {
  HTTP_TOKEN_MISSING: 401,
  HTTP_TOKEN_UNKNOWN: 401,
  HTTP_ROLE_MISSING: 403,
  HTTP_WEBHOOK_SECRET_MISMATCH: 401,
  HTTP_WEBHOOK_SIGNATURE_MISMATCH: 401,
  HTTP_WEBHOOK_BODY_INVALID: 400,
  HTTP_WEBHOOK_APPLICATION_MISMATCH: 400,
  HTTP_STORE_UNAVAILABLE: 503,
  HTTP_STORE_TIMEOUT: 503,
  HTTP_INTERNAL: 500,
};

export interface HttpErrorBody {
  code: HttpErrorCode;
  reason: string;
}
