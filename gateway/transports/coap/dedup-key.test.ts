import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coapDedupKey, type CoapMessageIdentity } from './dedup-key.js';

const base: CoapMessageIdentity = {
  deviceId: '861234567890123',
  messageId: 0x1234,
  token: Buffer.from('a1b2', 'hex'),
  payload: Buffer.from('5a670000012700', 'hex'),
  receivedAt: '2025-03-01T08:00:00.000Z',
};

describe('coapDedupKey', () => {
  it('is in the direct-key scheme of the pipeline', () => {
    expect(coapDedupKey(base)).toMatch(/^direct:861234567890123:id:coap\.4660\.a1b2:[0-9a-f]{16}$/);
  });

  it('does not depend on when the retransmission arrived', () => {
    expect(coapDedupKey({ ...base, receivedAt: '2025-03-01T09:30:00.000Z' })).toBe(coapDedupKey(base));
  });

  it('is the same for a retransmission (same device, Message ID, Token and payload)', () => {
    expect(coapDedupKey({ ...base, token: Buffer.from('a1b2', 'hex') })).toBe(coapDedupKey(base));
  });

  it('differs when the Message ID, the Token, the payload or the device differs', () => {
    const key = coapDedupKey(base);
    expect(coapDedupKey({ ...base, messageId: 0x1235 })).not.toBe(key);
    expect(coapDedupKey({ ...base, token: Buffer.from('a1', 'hex') })).not.toBe(key);
    expect(coapDedupKey({ ...base, payload: Buffer.from('5a670000012701', 'hex') })).not.toBe(key);
    expect(coapDedupKey({ ...base, deviceId: '861234567890124' })).not.toBe(key);
  });

  it('does not let token bytes slide into the payload', () => {
    const a = coapDedupKey({ ...base, token: Buffer.from('a1b2', 'hex'), payload: Buffer.from('c3', 'hex') });
    const b = coapDedupKey({ ...base, token: Buffer.from('a1', 'hex'), payload: Buffer.from('b2c3', 'hex') });
    expect(a).not.toBe(b);
  });
});

describe('properties', () => {
  const identity = fc.record({
    deviceId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/),
    messageId: fc.integer({ min: 0, max: 0xffff }),
    token: fc.uint8Array({ maxLength: 8 }),
    payload: fc.uint8Array({ maxLength: 64 }),
    receivedAt: fc.constant('2025-03-01T08:00:00.000Z'),
  });

  it('is a function of the message identity only (equal inputs, equal keys)', () => {
    fc.assert(
      fc.property(identity, (m) => {
        const copy = { ...m, token: Uint8Array.from(m.token), payload: Uint8Array.from(m.payload) };
        expect(coapDedupKey(copy)).toBe(coapDedupKey(m));
      }),
    );
  });

  it('separates messages that differ in any part', () => {
    fc.assert(
      fc.property(identity, identity, (a, b) => {
        const same =
          a.deviceId === b.deviceId &&
          a.messageId === b.messageId &&
          Buffer.from(a.token).equals(Buffer.from(b.token)) &&
          Buffer.from(a.payload).equals(Buffer.from(b.payload));
        expect(coapDedupKey(a) === coapDedupKey(b)).toBe(same);
      }),
      { numRuns: 5_000 },
    );
  });
});
