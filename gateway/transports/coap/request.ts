/**
 * Reads a CoAP request (already parsed from the datagram by the `coap` library) into what an
 * uplink needs, or a refusal with its reason. Pure: no IO, no clock.
 *
 * Paths (the device id is ours, as registered with `meterflow devices`, often the IMEI; it is
 * never taken from the source address, which NB-IoT carrier NAT changes between wake-ups):
 *   POST|PUT /m/{deviceId}            short form, for radios where every byte counts
 *   POST|PUT /meters/{deviceId}/up    the same topic shape as direct MQTT
 * Query parameters (each at most once):
 *   fmt=raw|hex|json   overrides the Content-Format (see payload-format.ts)
 *   s={secret}         the device secret, when device authentication is on (device-auth.ts)
 */
import { CoapRejectCode, reject, type CoapRejection } from './errors.js';
import { formatOfContentFormat, unwrapBody, type PayloadFormat } from './payload-format.js';

/** What the transport hands in: the request's method, Uri-Path and Uri-Query options, and body. */
export interface CoapRequestView {
  method: string;
  pathSegments: readonly string[];
  querySegments: readonly string[];
  contentFormat: string | number | undefined;
  payload: Uint8Array;
}

export interface CoapUplinkRequest {
  deviceId: string;
  /** The canonical path without the query (the query may hold a secret). */
  path: string;
  format: PayloadFormat;
  /** For the direct adapter: payload bytes (hex already decoded) or the JSON wrapper. */
  body: Uint8Array;
  /** From ?s= or the wrapper's "secret"; never stored, never logged. */
  secret?: string;
}

/** Who a request is for: known once path, method, device id and query are read. */
export interface CoapTarget {
  deviceId: string;
  path: string;
  /** From ?s= (a wrapper secret is read with the body). */
  secret?: string;
}

/**
 * A refusal with a `target` came from the body (size, Content-Format, hex, wrapper): the request
 * names its device, so the transport keeps it as a dead letter before answering 4.xx.
 */
export type CoapRequestResult =
  { ok: true; request: CoapUplinkRequest } | { ok: false; rejection: CoapRejection; target?: CoapTarget };

export interface RequestLimits {
  maxPayloadBytes: number;
}

/** Device ids: a letter or digit, then letters, digits and . _ : - ; at most 64 characters. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const FORMATS: readonly PayloadFormat[] = ['raw', 'hex', 'json'];

function fail(code: CoapRejectCode, reason: string): CoapRequestResult {
  return { ok: false, rejection: reject(code, reason) };
}

function deviceIdOfPath(segments: readonly string[]): string | undefined {
  if (segments.length === 2 && segments[0] === 'm') return segments[1];
  if (segments.length === 3 && segments[0] === 'meters' && segments[2] === 'up') return segments[1];
  return undefined;
}

function readQuery(segments: readonly string[]): { fmt?: PayloadFormat; secret?: string } | CoapRejection {
  const seen = new Set<string>();
  const out: { fmt?: PayloadFormat; secret?: string } = {};
  for (const segment of segments) {
    const eq = segment.indexOf('=');
    const name = eq < 0 ? segment : segment.slice(0, eq);
    const value = eq < 0 ? '' : segment.slice(eq + 1);
    if (seen.has(name)) return reject(CoapRejectCode.QUERY_INVALID, `query parameter ${name} given twice`);
    seen.add(name);
    if (name === 'fmt') {
      if (!(FORMATS as readonly string[]).includes(value)) {
        return reject(CoapRejectCode.QUERY_INVALID, 'fmt must be raw, hex or json');
      }
      out.fmt = value as PayloadFormat;
    } else if (name === 's') {
      if (value.length === 0) return reject(CoapRejectCode.QUERY_INVALID, 's (secret) is empty');
      out.secret = value;
    } else {
      return reject(CoapRejectCode.QUERY_INVALID, `unknown query parameter ${name.slice(0, 32)}; known: fmt, s`);
    }
  }
  return out;
}

export function parseCoapRequest(view: CoapRequestView, limits: RequestLimits): CoapRequestResult {
  const deviceId = deviceIdOfPath(view.pathSegments);
  if (deviceId === undefined) {
    return fail(CoapRejectCode.PATH_UNKNOWN, 'unknown path: POST to /m/{deviceId} or /meters/{deviceId}/up');
  }
  if (view.method !== 'POST' && view.method !== 'PUT') {
    return fail(CoapRejectCode.METHOD_NOT_ALLOWED, 'use POST or PUT to send an uplink');
  }
  if (!DEVICE_ID_PATTERN.test(deviceId)) {
    return fail(
      CoapRejectCode.DEVICE_ID_INVALID,
      'device id: 1-64 of A-Z a-z 0-9 . _ : - starting with a letter or digit',
    );
  }
  const query = readQuery(view.querySegments);
  if ('code' in query) return { ok: false, rejection: query };
  if (view.payload.byteLength === 0) return fail(CoapRejectCode.PAYLOAD_EMPTY, 'the request has no payload');
  const path = view.pathSegments[0] === 'm' ? `/m/${deviceId}` : `/meters/${deviceId}/up`;
  const target: CoapTarget = { deviceId, path, ...(query.secret !== undefined ? { secret: query.secret } : {}) };
  const refuse = (code: CoapRejectCode, reason: string): CoapRequestResult => ({
    ok: false,
    rejection: reject(code, reason),
    target,
  });
  if (view.payload.byteLength > limits.maxPayloadBytes) {
    return refuse(
      CoapRejectCode.PAYLOAD_TOO_LARGE,
      `payload of ${view.payload.byteLength} bytes; at most ${limits.maxPayloadBytes}`,
    );
  }
  const format = query.fmt ?? formatOfContentFormat(view.contentFormat);
  if (format === undefined) {
    return refuse(
      CoapRejectCode.CONTENT_FORMAT_UNSUPPORTED,
      `Content-Format ${String(view.contentFormat)} unsupported; use none, 42 (octet-stream), 0 (text/plain hex) or 50 (JSON wrapper)`,
    );
  }
  const unwrapped = unwrapBody(format, view.payload);
  if (!unwrapped.ok) return { ok: false, rejection: unwrapped.rejection, target };
  if (query.secret !== undefined && unwrapped.body.secret !== undefined) {
    return fail(CoapRejectCode.QUERY_INVALID, 'secret given both in the query and in the wrapper');
  }
  const request: CoapUplinkRequest = { deviceId, path, format, body: unwrapped.body.bytes };
  const secret = query.secret ?? unwrapped.body.secret;
  if (secret !== undefined) request.secret = secret;
  return { ok: true, request };
}
