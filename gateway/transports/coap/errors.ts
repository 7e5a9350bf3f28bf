/**
 * Why the CoAP transport refused a request before it became an Uplink, and the response code
 * each refusal gets (RFC 7252 §5.9, §12.1.2; 4.13 with Size1 per RFC 7959 §4). Codes are
 * stable strings: they appear in the diagnostic payload, logs and metrics.
 */
export const CoapRejectCode = {
  /** The path is not /m/{deviceId} or /meters/{deviceId}/up. */
  PATH_UNKNOWN: 'COAP_PATH_UNKNOWN',
  /** The path is known but the method is not POST or PUT. */
  METHOD_NOT_ALLOWED: 'COAP_METHOD_NOT_ALLOWED',
  /** The device id in the path has characters or a length we do not accept. */
  DEVICE_ID_INVALID: 'COAP_DEVICE_ID_INVALID',
  /** A query parameter we do not know, or a known one with a bad value. */
  QUERY_INVALID: 'COAP_QUERY_INVALID',
  /** The request carries no payload. */
  PAYLOAD_EMPTY: 'COAP_PAYLOAD_EMPTY',
  /** The payload is larger than MF_COAP_MAX_PAYLOAD. */
  PAYLOAD_TOO_LARGE: 'COAP_PAYLOAD_TOO_LARGE',
  /** A Content-Format other than none, octet-stream (42), text/plain (0) or JSON (50). */
  CONTENT_FORMAT_UNSUPPORTED: 'COAP_CONTENT_FORMAT_UNSUPPORTED',
  /** A text/plain payload (or fmt=hex) that is not an even number of hex digits. */
  HEX_INVALID: 'COAP_HEX_INVALID',
  /** A JSON wrapper that does not parse or does not match the documented shape. */
  WRAPPER_INVALID: 'COAP_WRAPPER_INVALID',
  /** Device authentication is on and the secret is missing or wrong (or the device unknown). */
  DEVICE_UNAUTHORIZED: 'COAP_DEVICE_UNAUTHORIZED',
  /** Too many submissions awaiting their commit: retry after Max-Age. */
  OVERLOADED: 'COAP_OVERLOADED',
  /** The transport is shutting down: retry after Max-Age. */
  SHUTTING_DOWN: 'COAP_SHUTTING_DOWN',
  /** The database could not be reached in time (the ingest port said 'unavailable'). */
  STORE_UNAVAILABLE: 'COAP_STORE_UNAVAILABLE',
  /** Something unexpected failed while storing; logged with its cause. */
  INTERNAL: 'COAP_INTERNAL',
} as const;
export type CoapRejectCode = (typeof CoapRejectCode)[keyof typeof CoapRejectCode];

export type CoapResponseCode = '2.04' | '4.00' | '4.01' | '4.04' | '4.05' | '4.13' | '4.15' | '5.00' | '5.03';

export const coapCodeOf: Record<CoapRejectCode, CoapResponseCode> = {
  COAP_PATH_UNKNOWN: '4.04',
  COAP_METHOD_NOT_ALLOWED: '4.05',
  COAP_DEVICE_ID_INVALID: '4.00',
  COAP_QUERY_INVALID: '4.00',
  COAP_PAYLOAD_EMPTY: '4.00',
  COAP_PAYLOAD_TOO_LARGE: '4.13',
  COAP_CONTENT_FORMAT_UNSUPPORTED: '4.15',
  COAP_HEX_INVALID: '4.00',
  COAP_WRAPPER_INVALID: '4.00',
  COAP_DEVICE_UNAUTHORIZED: '4.01',
  COAP_OVERLOADED: '5.03',
  COAP_SHUTTING_DOWN: '5.03',
  COAP_STORE_UNAVAILABLE: '5.03',
  COAP_INTERNAL: '5.00',
};

/** A refusal as plain data; `reason` goes into the diagnostic payload (UTF-8, RFC 7252 §5.5.2). */
export interface CoapRejection {
  code: CoapRejectCode;
  reason: string;
}

export function reject(code: CoapRejectCode, reason: string): CoapRejection {
  return { code, reason };
}
