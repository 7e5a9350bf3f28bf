/**
 * The shared vector spec: every `*.vectors.ts` file in this folder is loaded and each vector is
 * decoded by the format it names, so a new captured frame needs no new test code.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import { manufacturerFormats } from './index.js';
import { addressOf, frameFromTelegram, hexBytes, TEST_CONTEXT, type ManufacturerVector } from './test-support.js';
import type { ManufacturerFormat, ManufacturerResult, UnwrapResult } from './types.js';

const folder = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.vectors.ts'))
  .sort();
const loaded = await Promise.all(
  files.map(async (f) => {
    const module = (await import(/* @vite-ignore */ new URL(f, import.meta.url).href)) as {
      vectors: ManufacturerVector[];
    };
    return { file: f, vectors: module.vectors };
  }),
);

function formatOf(id: string): ManufacturerFormat {
  const f = manufacturerFormats.find((x) => x.id === id);
  if (f === undefined) throw new Error(`no format ${id} registered`);
  return f;
}

function run(v: ManufacturerVector): ManufacturerResult | UnwrapResult {
  const format = formatOf(v.formatId);
  const ctx = v.key === undefined ? TEST_CONTEXT : { ...TEST_CONTEXT, key: v.key };
  switch (v.kind) {
    case 'frame': {
      const frame = frameFromTelegram(hexBytes(v.telegramHex));
      expect(format.detect.ci).toContain(frame.ci);
      if (format.detect.accepts !== undefined) expect(format.detect.accepts(frame)).toBe(true);
      if (format.decodeFrame === undefined) throw new Error(`${v.formatId} has no decodeFrame`);
      return format.decodeFrame(frame, ctx);
    }
    case 'dataBlock': {
      const head = hexBytes(v.headHex);
      expect(head[head.length - 1]).toBe(0x0f);
      if (format.decodeDataBlock === undefined) throw new Error(`${v.formatId} has no decodeDataBlock`);
      return format.decodeDataBlock(addressOf(head), hexBytes(v.blockHex), ctx);
    }
    case 'payload': {
      if (format.decodePayload === undefined) throw new Error(`${v.formatId} has no decodePayload`);
      return format.decodePayload(addressOf(hexBytes(v.headHex)), hexBytes(v.payloadHex), ctx);
    }
    case 'vendorRecord': {
      expect(format.detect.vendorRecords).toContain(v.recordKey);
      if (format.decodeVendorRecord === undefined) throw new Error(`${v.formatId} has no decodeVendorRecord`);
      return format.decodeVendorRecord(
        addressOf(hexBytes(v.headHex)),
        { key: v.recordKey, data: hexBytes(v.dataHex) },
        ctx,
      );
    }
    case 'unwrap': {
      const frame = frameFromTelegram(hexBytes(v.telegramHex));
      if (format.detect.accepts !== undefined) expect(format.detect.accepts(frame)).toBe(true);
      if (format.unwrapFrame === undefined) throw new Error(`${v.formatId} has no unwrapFrame`);
      return format.unwrapFrame(frame, ctx);
    }
  }
}

describe('manufacturer vectors', () => {
  it('finds vector files', () => {
    expect(loaded.length).toBeGreaterThan(0);
  });
  for (const { file, vectors } of loaded) {
    describe(file, () => {
      for (const v of vectors) {
        it(`${v.name} decodes to the corpus values`, () => {
          const result = run(v);
          if ('error' in v.expected) {
            expect(result.ok ? 'ok' : result.error.code).toBe(v.expected.error);
            return;
          }
          if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
          if ('payload' in result) {
            if (v.kind !== 'unwrap') throw new Error('unwrap result for a non-unwrap vector');
            expect(toHex(result.payload).toUpperCase()).toBe(v.expectedUnwrap.payloadHex.toUpperCase());
            expect(result.meterId).toBe(v.expectedUnwrap.meterId);
            expect(result.meta.descrambled).toBe(v.expectedUnwrap.descrambled);
            return;
          }
          expect(result.values).toMatchObject(v.expected.values);
          for (const [key, prefix] of Object.entries(v.expectedMetaPrefix ?? {})) {
            expect(String(result.values.meta[key])).toMatch(new RegExp(`^${prefix}`));
          }
        });
      }
    });
  }
});
