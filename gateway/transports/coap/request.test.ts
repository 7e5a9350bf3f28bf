import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoapRejectCode } from './errors.js';
import { ADEUNIS_PULSE_NBIOT_HEX } from './fixtures.js';
import { parseCoapRequest, type CoapRequestView } from './request.js';

const payload = Buffer.from(ADEUNIS_PULSE_NBIOT_HEX, 'hex');
const limits = { maxPayloadBytes: 4096 };

function view(overrides: Partial<CoapRequestView> = {}): CoapRequestView {
  return {
    method: 'POST',
    pathSegments: ['m', '861234567890123'],
    querySegments: [],
    contentFormat: undefined,
    payload,
    ...overrides,
  };
}

function rejectionCode(v: CoapRequestView): string | undefined {
  const r = parseCoapRequest(v, limits);
  return r.ok ? undefined : r.rejection.code;
}

describe('parseCoapRequest', () => {
  it('reads the device id from /m/{id} and from /meters/{id}/up', () => {
    const short = parseCoapRequest(view(), limits);
    const long = parseCoapRequest(view({ method: 'PUT', pathSegments: ['meters', 'wm-7', 'up'] }), limits);
    expect(short).toMatchObject({
      ok: true,
      request: { deviceId: '861234567890123', path: '/m/861234567890123', format: 'raw' },
    });
    expect(long).toMatchObject({ ok: true, request: { deviceId: 'wm-7', path: '/meters/wm-7/up' } });
  });

  it('keeps a raw payload byte for byte', () => {
    const r = parseCoapRequest(view({ contentFormat: 'application/octet-stream' }), limits);
    expect(r.ok && Buffer.from(r.request.body).equals(payload)).toBe(true);
  });

  it('refuses paths, methods, ids and queries it does not know, each with its own code', () => {
    expect(rejectionCode(view({ pathSegments: ['m'] }))).toBe(CoapRejectCode.PATH_UNKNOWN);
    expect(rejectionCode(view({ pathSegments: ['meters', 'x', 'down'] }))).toBe(CoapRejectCode.PATH_UNKNOWN);
    expect(rejectionCode(view({ method: 'DELETE' }))).toBe(CoapRejectCode.METHOD_NOT_ALLOWED);
    expect(rejectionCode(view({ pathSegments: ['m', '.hidden'] }))).toBe(CoapRejectCode.DEVICE_ID_INVALID);
    expect(rejectionCode(view({ pathSegments: ['m', 'x'.repeat(65)] }))).toBe(CoapRejectCode.DEVICE_ID_INVALID);
    expect(rejectionCode(view({ querySegments: ['fmt=cbor'] }))).toBe(CoapRejectCode.QUERY_INVALID);
    expect(rejectionCode(view({ querySegments: ['s=a', 's=b'] }))).toBe(CoapRejectCode.QUERY_INVALID);
    expect(rejectionCode(view({ querySegments: ['s='] }))).toBe(CoapRejectCode.QUERY_INVALID);
  });

  it('checks the size before it decodes the body', () => {
    const r = parseCoapRequest(view({ contentFormat: 'application/json', payload: Buffer.alloc(20, 0x7b) }), {
      maxPayloadBytes: 19,
    });
    expect(r.ok ? undefined : r.rejection.code).toBe(CoapRejectCode.PAYLOAD_TOO_LARGE);
  });

  it('lets fmt override the Content-Format', () => {
    const r = parseCoapRequest(view({ contentFormat: 'application/json', querySegments: ['fmt=raw'] }), limits);
    expect(r).toMatchObject({ ok: true, request: { format: 'raw' } });
  });

  it('decodes hex text and passes a JSON wrapper on whole, taking its secret out', () => {
    const hex = parseCoapRequest(
      view({ contentFormat: 'text/plain', payload: Buffer.from(` ${ADEUNIS_PULSE_NBIOT_HEX.toLowerCase()}\n`) }),
      limits,
    );
    expect(hex.ok && Buffer.from(hex.request.body).equals(payload)).toBe(true);
    const wrapper = Buffer.from(JSON.stringify({ payload_b64: payload.toString('base64'), fport: 2, secret: 'k' }));
    const json = parseCoapRequest(view({ contentFormat: 50, payload: wrapper }), limits);
    expect(json).toMatchObject({ ok: true, request: { format: 'json', secret: 'k' } });
    expect(json.ok && Buffer.from(json.request.body).equals(wrapper)).toBe(true);
  });

  it('takes the secret from the query', () => {
    expect(parseCoapRequest(view({ querySegments: ['s=k3y'] }), limits)).toMatchObject({
      ok: true,
      request: { secret: 'k3y' },
    });
  });

  it('refuses a body declared JSON that is not the wrapper, and a secret given twice', () => {
    const json = (o: unknown) => view({ contentFormat: 50, payload: Buffer.from(JSON.stringify(o)) });
    expect(rejectionCode(json({}))).toBe(CoapRejectCode.WRAPPER_INVALID);
    expect(rejectionCode(json([1, 2]))).toBe(CoapRejectCode.WRAPPER_INVALID);
    expect(rejectionCode(json({ payload_hex: '00', secret: 7 }))).toBe(CoapRejectCode.WRAPPER_INVALID);
    expect(rejectionCode(view({ contentFormat: 50, payload: Buffer.from('{"payload_hex":') }))).toBe(
      CoapRejectCode.WRAPPER_INVALID,
    );
    const both = view({
      contentFormat: 50,
      querySegments: ['s=a'],
      payload: Buffer.from('{"payload_hex":"00","secret":"b"}'),
    });
    expect(rejectionCode(both)).toBe(CoapRejectCode.QUERY_INVALID);
    expect(rejectionCode(view({ contentFormat: 0, payload: Buffer.from('abc') }))).toBe(CoapRejectCode.HEX_INVALID);
  });

  it('names an unsupported Content-Format in the reason', () => {
    const r = parseCoapRequest(view({ contentFormat: 'application/cbor' }), limits);
    expect(r.ok ? '' : r.rejection.reason).toContain('application/cbor');
  });
});

describe('properties', () => {
  const anyView = fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'FETCH'),
    pathSegments: fc.array(fc.oneof(fc.constantFrom('m', 'meters', 'up'), fc.string({ maxLength: 70 })), {
      maxLength: 4,
    }),
    querySegments: fc.array(
      fc.oneof(fc.constantFrom('fmt=raw', 'fmt=hex', 'fmt=json', 's=x'), fc.string({ maxLength: 20 })),
      { maxLength: 3 },
    ),
    contentFormat: fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('text/plain', 'application/json', 'application/octet-stream'),
      fc.integer({ min: 0, max: 65535 }),
    ),
    payload: fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.string({ maxLength: 64 }).map((s) => new TextEncoder().encode(s)),
    ),
  });

  it('never throws and either accepts with a valid device id or refuses with a known code', () => {
    const codes = new Set<string>(Object.values(CoapRejectCode));
    fc.assert(
      fc.property(anyView, (v) => {
        const r = parseCoapRequest(v, { maxPayloadBytes: 48 });
        if (r.ok) {
          expect(r.request.deviceId).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/);
          expect(r.request.body.byteLength).toBeGreaterThan(0);
        } else {
          expect(codes.has(r.rejection.code)).toBe(true);
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('round-trips any payload through raw and hex text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), (bytes) => {
        const b = Buffer.from(bytes);
        for (const [contentFormat, body] of [
          [42, b],
          [0, Buffer.from(b.toString('hex'))],
        ] as const) {
          const r = parseCoapRequest(view({ contentFormat, payload: body }), limits);
          expect(r.ok && Buffer.from(r.request.body).equals(b)).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
