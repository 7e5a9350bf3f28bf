import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CoapRejectCode, coapCodeOf } from '../transports/coap/errors.js';
import { HttpErrorCode, httpStatusOf } from './errors.js';

const doc = readFileSync(new URL('../../docs/gateway-coap-http.md', import.meta.url), 'utf8');

describe('error catalogues of the CoAP and HTTP transports', () => {
  it('are all listed in docs/gateway-coap-http.md', () => {
    const missing = [...Object.values(CoapRejectCode), ...Object.values(HttpErrorCode)].filter(
      (code) => !doc.includes(code),
    );
    expect(missing).toEqual([]);
  });

  it('give every code a 4xx or 5xx response code', () => {
    for (const code of Object.values(CoapRejectCode)) expect(coapCodeOf[code]).toMatch(/^[45]\.\d\d$/);
    for (const code of Object.values(HttpErrorCode)) expect(httpStatusOf[code]).toBeGreaterThanOrEqual(400);
  });

  it('name no code with a _FAILED or _ERROR suffix', () => {
    for (const code of [...Object.values(CoapRejectCode), ...Object.values(HttpErrorCode)])
      expect(code).not.toMatch(/_(FAILED|ERROR)$/);
  });
});
