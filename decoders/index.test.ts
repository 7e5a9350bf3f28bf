import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DecodeContext, DecoderDefinition } from './core/types.js';
import { allDecoders, defaultRegistry } from './index.js';

describe('decoders/index', () => {
  it('builds the default registry without a conflicting claim', () => {
    const registry = defaultRegistry();
    expect(registry.definitions.length).toBe(allDecoders.length);
    for (const d of allDecoders) expect(registry.byId(d.id)).toBe(d);
  });

  it('recognises CJ/T 188 and wM-Bus payloads without a named decoder or model', () => {
    const registry = defaultRegistry();
    const ctx: DecodeContext = { receivedAt: '2026-01-01T00:00:00.000Z' };
    const cjt188 = Uint8Array.from(Buffer.from('FEFEFE68103412907856341281161F9000003412002C000010002C003014080126200000E916', 'hex'));
    const wmbus = Uint8Array.from(Buffer.from('1E44AE4C9956341268077A360010002F2F0413181E0000023B00002F2F2F2F', 'hex'));
    expect(registry.recognise(cjt188, ctx)?.id).toBe('cjt188');
    expect(registry.recognise(wmbus, ctx)?.id).toBe('wmbus');
    expect(registry.decode(Uint8Array.of(1, 2, 3), ctx).ok).toBe(false);
  });

  it('gives every decoder an id, a description and references', () => {
    for (const d of allDecoders) {
      expect(d.id).toMatch(/^[a-z0-9/-]+$/);
      expect(d.description.length).toBeGreaterThan(10);
      expect(d.references.length).toBeGreaterThan(0);
    }
  });
});

function portsOf(d: DecoderDefinition): number[] {
  return [...new Set((d.detect.lora ?? []).flatMap((l) => l.fPorts ?? []))];
}

const CASES_PER_DECODER = 100_000;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

describe('properties', () => {
  for (const d of allDecoders) {
    it(`${d.id} never throws and returns integer volumes on arbitrary bytes (${CASES_PER_DECODER.toLocaleString('en')} cases)`, () => {
      const ports = portsOf(d);
      const fPort = ports.length > 0 ? fc.oneof(fc.constantFrom(...ports), fc.integer({ min: 0, max: 255 })) : fc.integer({ min: 0, max: 255 });
      const context = fc.record({
        fPort,
        zone: fc.constantFrom(undefined, 'UTC', 'Asia/Shanghai', 'Not/AZone'),
        pulse: fc.constantFrom(undefined, 1, 10_000),
      });
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 64 }), context, (bytes, c) => {
          const ctx: DecodeContext = { receivedAt: '2026-01-01T00:00:00.000Z', fPort: c.fPort };
          if (c.zone !== undefined) ctx.meterTimeZone = c.zone;
          if (c.pulse !== undefined) ctx.pulseVolumeMl = c.pulse;
          const copy = bytes.slice();
          const result = d.decode(bytes, ctx);
          // Plain checks (no expect) keep 100k cases per decoder fast.
          if (!sameBytes(bytes, copy)) return false; // never mutates its input
          if (!result.ok) return typeof result.error.code === 'string' && result.error.code.startsWith('DECODE_');
          return result.readings.every((r) => Number.isSafeInteger(r.registerMl)) && result.history.every((h) => Number.isSafeInteger(h.registerMl));
        }),
        { numRuns: CASES_PER_DECODER },
      );
    });
  }
});
