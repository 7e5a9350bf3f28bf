import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { directDedupKey, loraDedupKey } from './dedup-key.js';

const payload = Buffer.from('0102', 'hex');

describe('dedup keys', () => {
  it('keys a LoRa frame by DevEUI, session, fCnt and payload, in lower case', () => {
    expect(loraDedupKey({ devEui: 'ABCDEF0123456789', session: '260B1234', fCnt: 7, payload })).toMatch(
      /^lora:abcdef0123456789:260b1234:7:[0-9a-f]{16}$/,
    );
  });

  it('prefers the message id, then the meter time, then the reception window for direct uplinks', () => {
    const base = { deviceId: 'd', payload, receivedAt: '2025-01-01T10:20:00Z' };
    expect(directDedupKey({ ...base, messageId: 'm1', meterTime: '2025-01-01T00:00:00Z' })).toMatch(/^direct:d:id:m1:/);
    expect(directDedupKey({ ...base, meterTime: '2025-01-01T00:00:00Z' })).toMatch(/^direct:d:t:1735689600000:/);
    expect(directDedupKey(base)).toBe(directDedupKey({ ...base, receivedAt: '2025-01-01T10:59:59Z' }));
    expect(directDedupKey(base)).not.toBe(directDedupKey({ ...base, receivedAt: '2025-01-01T11:00:00Z' }));
  });

  describe('properties', () => {
    const frame = fc.record({
      devEui: fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => Buffer.from(b).toString('hex')),
      session: fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => Buffer.from(b).toString('hex')),
      fCnt: fc.nat(),
      payload: fc.uint8Array({ maxLength: 50 }),
    });

    it('copies of one frame share a key whatever the case of their ids', () => {
      fc.assert(
        fc.property(
          frame,
          (f) =>
            loraDedupKey(f) ===
            loraDedupKey({ ...f, devEui: f.devEui.toUpperCase(), session: f.session.toUpperCase() }),
        ),
      );
    });

    it('frames differing in session, counter or payload never share a key', () => {
      fc.assert(
        fc.property(frame, frame, (a, b) => {
          const same =
            a.devEui === b.devEui &&
            a.session === b.session &&
            a.fCnt === b.fCnt &&
            Buffer.from(a.payload).equals(Buffer.from(b.payload));
          return (loraDedupKey(a) === loraDedupKey(b)) === same;
        }),
        { numRuns: 2000 },
      );
    });
  });
});
