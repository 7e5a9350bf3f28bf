/**
 * The three ways a meter may carry its payload in a CoAP request body:
 *
 *   raw   the application payload bytes as they are (no Content-Format, or 42 octet-stream)
 *   hex   the bytes as hex text, whitespace ignored (Content-Format 0 text/plain): what modules
 *         driven by AT commands usually send
 *   json  the direct JSON wrapper of gateway/lns/direct.ts (Content-Format 50 application/json):
 *           { "payload_hex": "…" | "payload_b64": "…", "fport"?: 0..255, "time"?: ISO 8601,
 *             "id"?: message id, "secret"?: device secret (CoAP device authentication) }
 *         the same wrapper a meter publishes over MQTT to meters/{deviceId}/up.
 * A `fmt=raw|hex|json` query parameter overrides the Content-Format. The body (hex decoded)
 * then goes through the direct adapter, which reads the wrapper's fields.
 */
import { CoapRejectCode, reject, type CoapRejection } from './errors.js';

export type PayloadFormat = 'raw' | 'hex' | 'json';

export interface UnwrappedBody {
  /** What the direct adapter gets: the payload bytes, or the wrapper's JSON bytes. */
  bytes: Uint8Array;
  /** The wrapper's "secret" member, for device authentication. */
  secret?: string;
}

export type BodyResult = { ok: true; body: UnwrappedBody } | { ok: false; rejection: CoapRejection };

/** Content-Format (name as the coap library reports it, or its number) → payload format. */
export function formatOfContentFormat(contentFormat: string | number | undefined): PayloadFormat | undefined {
  switch (contentFormat) {
    case undefined:
    case 'application/octet-stream':
    case 42:
      return 'raw';
    case 'text/plain':
    case 0:
      return 'hex';
    case 'application/json':
    case 50:
      return 'json';
    default:
      return undefined;
  }
}

function invalidWrapper(reason: string): BodyResult {
  return { ok: false, rejection: reject(CoapRejectCode.WRAPPER_INVALID, reason) };
}

export function unwrapBody(format: PayloadFormat, body: Uint8Array): BodyResult {
  if (format === 'raw') return { ok: true, body: { bytes: body } };
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (format === 'hex') {
    const digits = text.replace(/\s+/g, '');
    if (digits.length === 0 || digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) {
      return {
        ok: false,
        rejection: reject(CoapRejectCode.HEX_INVALID, 'text/plain payload must be an even number of hex digits'),
      };
    }
    return { ok: true, body: { bytes: Uint8Array.from(Buffer.from(digits, 'hex')) } };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return invalidWrapper('JSON wrapper does not parse');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return invalidWrapper('JSON wrapper is not an object');
  const wrapper = json as Record<string, unknown>;
  if (!('payload_hex' in wrapper) && !('payload_b64' in wrapper)) {
    return invalidWrapper('JSON wrapper needs payload_hex or payload_b64');
  }
  const unwrapped: UnwrappedBody = { bytes: body };
  if ('secret' in wrapper) {
    const secret = wrapper.secret;
    if (typeof secret !== 'string' || secret.length === 0 || secret.length > 256) {
      return invalidWrapper('JSON wrapper secret must be a string of 1-256 characters');
    }
    unwrapped.secret = secret;
  }
  return { ok: true, body: unwrapped };
}
