/**
 * One spec for every LoRa vectors file: it finds decoders/lora/**\/*.vectors.ts, decodes each
 * vector through the default registry by decoder id, and compares the canonical values
 * (volumes, times, temperatures, alarms) with the expectations written from the source's output.
 * A new captured payload needs a vector, not test code.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hexBytes } from './core/hex.js';
import type { DecodeContext } from './core/types.js';
import { defaultRegistry } from './index.js';
import type { LoraVector, LoraVectorFile } from './lora/shared/vector.js';

const RECEIVED_AT = '2023-07-19T07:51:25.508Z';
const loraDir = fileURLToPath(new URL('./lora/', import.meta.url));

function vectorFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? vectorFiles(join(dir, e.name)) : e.name.endsWith('.vectors.ts') ? [join(dir, e.name)] : [],
  );
}

function isVectorFile(x: unknown): x is LoraVectorFile {
  return typeof x === 'object' && x !== null && 'decoderId' in x && 'vectors' in x && Array.isArray((x as LoraVectorFile).vectors);
}

const files: Array<{ name: string; file: LoraVectorFile }> = [];
for (const path of vectorFiles(loraDir)) {
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  for (const value of Object.values(mod)) if (isVectorFile(value)) files.push({ name: relative(loraDir, path), file: value });
}

const registry = defaultRegistry();

function decode(id: string, v: LoraVector) {
  const ctx: DecodeContext = { receivedAt: RECEIVED_AT, fPort: v.fPort, ...v.context };
  return registry.decode(hexBytes(v.hex), ctx, { decoder: id });
}

function check(id: string, v: LoraVector): void {
  const result = decode(id, v);
  if (!v.expect.ok) {
    expect(result.ok, 'expected a typed failure').toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(v.expect.code);
      expect(result.error.kind ?? 'invalid_input').toBe('invalid_input');
    }
    return;
  }
  expect(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.message}`).toBe(true);
  if (!result.ok) return;
  expect(result.readings).toHaveLength(v.expect.readings.length);
  v.expect.readings.forEach((r, i) => expect(result.readings[i]).toMatchObject(r));
  if (v.expect.history !== undefined) {
    expect(result.history).toHaveLength(v.expect.history.length);
    v.expect.history.forEach((h, i) => expect(result.history[i]).toMatchObject(h));
  }
  expect(result.alarms.map((a) => a.kind).sort()).toEqual([...v.expect.alarms].sort());
  if (v.expect.meta !== undefined) expect(result.meta).toMatchObject(v.expect.meta);
}

describe('LoRa vectors', () => {
  it('finds vectors files', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const { name, file } of files) {
    describe(name, () => {
      it(`names a registered decoder (${file.decoderId})`, () => {
        expect(registry.byId(file.decoderId)).toBeDefined();
      });
      for (const v of file.vectors.filter((x) => x.differsFromCorpus === undefined)) {
        it(`matches the source: ${v.description}`, () => check(file.decoderId, v));
      }
    });
  }
});

describe('LoRa vectors whose source expectation we do not reproduce (reason in the name)', () => {
  for (const { name, file } of files) {
    for (const v of file.vectors.filter((x) => x.differsFromCorpus !== undefined)) {
      it(`${name}: ${v.description} — ${v.differsFromCorpus ?? ''}`, () => check(file.decoderId, v));
    }
  }
});

describe('properties', () => {
  for (const { name, file } of files) {
    it(`${name}: damaged vectors (bit flips, cuts, extra bytes) never throw and fail with a code`, () => {
      const def = registry.byId(file.decoderId);
      if (def === undefined) throw new Error(`${file.decoderId} is not registered`);
      const payloads = file.vectors.map((v) => ({ bytes: hexBytes(v.hex), fPort: v.fPort, context: v.context }));
      fc.assert(
        fc.property(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 7 }), fc.uint8Array({ maxLength: 8 }), fc.nat(), (pick, at, bit, extra, cut) => {
          const p = payloads[pick % payloads.length];
          if (p === undefined || p.bytes.length === 0) return true;
          const damaged = p.bytes.slice();
          const i = at % damaged.length;
          damaged[i] = (damaged[i] ?? 0) ^ (1 << bit);
          const variants = [damaged, p.bytes.subarray(0, cut % p.bytes.length), Uint8Array.from([...p.bytes, ...extra])];
          for (const bytes of variants) {
            const r = def.decode(bytes, { receivedAt: RECEIVED_AT, fPort: p.fPort, ...p.context });
            if (!r.ok && !r.error.code.startsWith('DECODE_')) return false;
            if (r.ok && !r.readings.every((x) => Number.isSafeInteger(x.registerMl))) return false;
          }
          return true;
        }),
        { numRuns: 5_000 },
      );
    });
  }
});
