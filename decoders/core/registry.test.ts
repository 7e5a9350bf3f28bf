import { describe, expect, it } from 'vitest';
import { DecodeErrorCode } from './errors.js';
import { createRegistry, DecoderRegistryConflict } from './registry.js';
import type { DecodeContext, DecodeResult, DecoderDefinition } from './types.js';

const ctx: DecodeContext = { receivedAt: '2026-01-01T00:00:00.000Z' };

function okResult(decoder: string, registerMl = 1000): DecodeResult {
  return {
    ok: true,
    decoder,
    readings: [{ meterId: 'm', time: ctx.receivedAt, timeFromMeter: false, registerMl }],
    history: [],
    alarms: [],
    warnings: [],
    meta: {},
  };
}

function def(id: string, detect: DecoderDefinition['detect'], extra: Partial<DecoderDefinition> = {}): DecoderDefinition {
  return { id, protocol: 'lora', description: id, detect, decode: () => okResult(id), references: [], ...extra };
}

describe('createRegistry', () => {
  it('finds a decoder by id', () => {
    const r = createRegistry([def('a', {}), def('b', {})]);
    expect(r.byId('b')?.id).toBe('b');
    expect(r.byId('c')).toBeUndefined();
  });

  it('finds a LoRa decoder by vendor, model and fPort, preferring the exact port', () => {
    const r = createRegistry([
      def('exact', { lora: [{ vendor: 'Acme', model: 'w1', fPorts: [2] }] }),
      def('any', { lora: [{ vendor: 'acme', model: 'w1' }] }),
    ]);
    expect(r.byLora('acme', 'w1', 2)?.id).toBe('exact');
    expect(r.byLora('ACME', 'W1', 3)?.id).toBe('any');
    expect(r.byLora('acme', 'w2', 2)).toBeUndefined();
  });

  it('finds by device model: explicit model first, then LoRa claims, then the only claimant', () => {
    const r = createRegistry([
      def('explicit', { models: ['acme/meter'] }),
      def('lora', { lora: [{ vendor: 'acme', model: 'pulse', fPorts: [1] }] }),
    ]);
    expect(r.byModel('acme/meter')?.id).toBe('explicit');
    expect(r.byModel('acme/pulse', 1)?.id).toBe('lora');
    expect(r.byModel('acme/pulse', 9)?.id).toBe('lora');
    expect(r.byModel('acme/other')).toBeUndefined();
    expect(r.byModel('nomodel')).toBeUndefined();
  });

  it('finds the most specific wM-Bus claim for a manufacturer/version/type', () => {
    const r = createRegistry([
      def('kam', { wmbus: [{ m: 'KAM' }] }),
      def('kam-v1b', { wmbus: [{ m: 'KAM', v: 0x1b }] }),
      def('kam-v1b-t16', { wmbus: [{ m: 'kam', v: 0x1b, t: 0x16 }] }),
      def('kam-t07', { wmbus: [{ m: 'KAM', t: 0x07 }] }),
    ]);
    expect(r.byWmbus('KAM', 0x1b, 0x16)?.id).toBe('kam-v1b-t16');
    expect(r.byWmbus('KAM', 0x1b, 0x06)?.id).toBe('kam-v1b');
    expect(r.byWmbus('KAM', 0x30, 0x07)?.id).toBe('kam-t07');
    expect(r.byWmbus('KAM', 0x30, 0x06)?.id).toBe('kam');
    expect(r.byWmbus('APA', 0x30, 0x06)).toBeUndefined();
  });

  it('finds a CJ/T 188 decoder by meter type and manufacturer', () => {
    const r = createRegistry([def('generic', { cjt188: [{ meterType: 0x10 }] }), def('vendor', { cjt188: [{ meterType: 0x10, manufacturer: '7833' }] })]);
    expect(r.byCjt188(0x10, '7833')?.id).toBe('vendor');
    expect(r.byCjt188(0x10, '0000')?.id).toBe('generic');
    expect(r.byCjt188(0x11)).toBeUndefined();
  });

  it('throws at construction when two decoders share an id', () => {
    expect(() => createRegistry([def('same', {}), def('same', {})])).toThrow(DecoderRegistryConflict);
  });

  it.each<[string, DecoderDefinition['detect'], DecoderDefinition['detect']]>([
    ['a LoRa vendor/model/fPort', { lora: [{ vendor: 'a', model: 'b', fPorts: [1, 2] }] }, { lora: [{ vendor: 'A', model: 'B', fPorts: [2] }] }],
    ['a LoRa claim on every port', { lora: [{ vendor: 'a', model: 'b' }] }, { lora: [{ vendor: 'a', model: 'b' }] }],
    ['a wM-Bus mvt', { wmbus: [{ m: 'KAM', v: 1, t: 2 }] }, { wmbus: [{ m: 'kam', v: 1, t: 2 }] }],
    ['a CJ/T 188 meter type', { cjt188: [{ meterType: 0x10 }] }, { cjt188: [{ meterType: 0x10 }] }],
    ['a device model', { models: ['x/y'] }, { models: ['X/Y'] }],
  ])('throws at construction when two decoders claim %s', (_name, first, second) => {
    expect(() => createRegistry([def('first', first), def('second', second)])).toThrowError(/both claim/);
  });

  it('accepts different ports of one LoRa model in different decoders', () => {
    expect(() => createRegistry([def('p1', { lora: [{ vendor: 'a', model: 'b', fPorts: [1] }] }), def('p2', { lora: [{ vendor: 'a', model: 'b', fPorts: [2] }] })])).not.toThrow();
  });

  it('recognises a format with the first recogniser that accepts the bytes, skipping one that throws', () => {
    const r = createRegistry([
      def('throws', {}, { recognise: () => { throw new Error('bug'); } }),
      def('no', {}, { recognise: () => false }),
      def('yes', {}, { recognise: (b) => b[0] === 0x68 }),
    ]);
    expect(r.recognise(Uint8Array.of(0x68), ctx)?.id).toBe('yes');
    expect(r.recognise(Uint8Array.of(0x00), ctx)).toBeUndefined();
  });
});

describe('registry.decode', () => {
  const registry = createRegistry([
    def('named', {}),
    def('by-model', { models: ['acme/w1'] }),
    def('recognised', {}, { recognise: (b) => b[0] === 0xaa }),
    def('throws', {}, { decode: () => { throw new TypeError('cannot read properties of undefined'); } }),
    def('fraction', {}, { decode: () => okResult('fraction', 1.5) }),
  ]);

  it('uses the named decoder', () => {
    expect(registry.decode(Uint8Array.of(0xaa), ctx, { decoder: 'named' }).decoder).toBe('named');
  });

  it('reports an unknown decoder id as DECODE_UNKNOWN_FORMAT', () => {
    const r = registry.decode(Uint8Array.of(1), ctx, { decoder: 'nope' });
    expect(!r.ok && r.error.code).toBe(DecodeErrorCode.UNKNOWN_FORMAT);
  });

  it('uses the device model from the selection or the context', () => {
    expect(registry.decode(Uint8Array.of(0xaa), ctx, { model: 'acme/w1' }).decoder).toBe('by-model');
    expect(registry.decode(Uint8Array.of(0xaa), { ...ctx, model: 'acme/w1' }).decoder).toBe('by-model');
  });

  it('falls back to recognition, and fails with DECODE_UNKNOWN_FORMAT when nothing recognises the bytes', () => {
    expect(registry.decode(Uint8Array.of(0xaa), ctx).decoder).toBe('recognised');
    const none = registry.decode(Uint8Array.of(0x01), { ...ctx, model: 'acme/unknown' });
    expect(!none.ok && none.error.code).toBe(DecodeErrorCode.UNKNOWN_FORMAT);
    expect(!none.ok && none.error.message).toContain('acme/unknown');
  });

  it('turns a decoder that throws into DECODE_MALFORMED of kind internal (the safety net)', () => {
    const r = registry.decode(Uint8Array.of(1), ctx, { decoder: 'throws' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.decoder).toBe('throws');
    expect(r.error.code).toBe(DecodeErrorCode.MALFORMED);
    expect(r.error.kind).toBe('internal');
    expect(r.error.message).toContain('cannot read properties of undefined');
  });

  it('turns a non-integer volume into DECODE_VALUE_OUT_OF_RANGE of kind internal', () => {
    const r = registry.decode(Uint8Array.of(1), ctx, { decoder: 'fraction' });
    expect(!r.ok && r.error.code).toBe(DecodeErrorCode.VALUE_OUT_OF_RANGE);
    expect(!r.ok && r.error.kind).toBe('internal');
  });
});
