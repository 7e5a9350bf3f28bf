import { describe, expect, it } from 'vitest';
import { coapUplink, type CoapExchange } from './coap-uplink.js';
import { ADEUNIS_PULSE_NBIOT_HEX } from './fixtures.js';
import type { CoapUplinkRequest } from './request.js';

const payload = Buffer.from(ADEUNIS_PULSE_NBIOT_HEX, 'hex');
const exchange: CoapExchange = {
  messageId: 0x1234,
  token: Buffer.from('a1b2', 'hex'),
  confirmable: true,
  peer: '10.0.0.7:40001',
  receivedAt: '2025-03-01T08:00:05.000Z',
};

function request(body: Uint8Array, format: CoapUplinkRequest['format'] = 'raw'): CoapUplinkRequest {
  return { deviceId: '861234567890123', path: '/m/861234567890123', format, body };
}

describe('coapUplink', () => {
  it('makes a direct uplink of raw bytes, keyed by Message ID and Token', () => {
    const r = coapUplink(request(payload), exchange);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.uplink).toMatchObject({
      transport: 'coap',
      adapter: 'direct',
      receivedAt: exchange.receivedAt,
      deviceRef: '861234567890123',
      topic: '/m/861234567890123',
      metadata: {
        coap: { messageId: 0x1234, token: 'a1b2', confirmable: true, format: 'raw' },
        peer: '10.0.0.7:40001',
      },
    });
    expect(Buffer.from(r.uplink.payload).equals(payload)).toBe(true);
    expect(r.uplink.dedupKey).toMatch(/^direct:861234567890123:id:coap\.4660\.a1b2:/);
  });

  it('reads the wrapper like MQTT direct does and keeps its "id" key over the CoAP one', () => {
    const wrapper = Buffer.from(JSON.stringify({ payload_hex: ADEUNIS_PULSE_NBIOT_HEX, fport: 1, id: 'r-38' }));
    const r = coapUplink(request(wrapper, 'json'), exchange);
    expect(r.ok && r.uplink.fPort).toBe(1);
    expect(r.ok && Buffer.from(r.uplink.payload).equals(payload)).toBe(true);
    expect(r.ok && r.uplink.dedupKey).toMatch(/^direct:861234567890123:id:r-38:/);
  });

  it('keys a wrapper with the meter time by that time, so a re-send in a new CoAP message is a duplicate', () => {
    const wrapper = Buffer.from(JSON.stringify({ payload_hex: ADEUNIS_PULSE_NBIOT_HEX, time: '2025-03-01T08:00:00Z' }));
    const first = coapUplink(request(wrapper, 'json'), exchange);
    const resent = coapUplink(request(wrapper, 'json'), { ...exchange, messageId: 0x1300 });
    expect(first.ok && resent.ok && first.uplink.dedupKey === resent.uplink.dedupKey).toBe(true);
  });

  it('refuses a wrapper the direct adapter refuses, with its reason', () => {
    const r = coapUplink(request(Buffer.from('{"payload_hex":"00","fport":300}'), 'json'), exchange);
    expect(r).toEqual({
      ok: false,
      rejection: { code: 'COAP_WRAPPER_INVALID', reason: 'fport must be an integer 0..255' },
    });
  });

  it('refuses a wrapper whose payload is empty', () => {
    const r = coapUplink(request(Buffer.from('{"payload_hex":""}'), 'json'), exchange);
    expect(r.ok ? undefined : r.rejection.code).toBe('COAP_PAYLOAD_EMPTY');
  });
});
