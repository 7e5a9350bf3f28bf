import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.js';
import { manufacturerFormats, vendorDefaultAesKeys } from './index.js';
import { hexBytes } from './test-support.js';
import type { ManufacturerFormat } from './types.js';

type Mvt = ManufacturerFormat['detect']['mvt'][number];

function overlaps(a: Mvt, b: Mvt): boolean {
  return (
    a.m === b.m &&
    (a.v === undefined || b.v === undefined || a.v === b.v) &&
    (a.t === undefined || b.t === undefined || a.t === b.t)
  );
}

describe('manufacturer format registry', () => {
  it('has unique format ids', () => {
    const ids = manufacturerFormats.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every format a way to decode what its detection claims', () => {
    for (const f of manufacturerFormats) {
      if (f.detect.ci.length > 0) expect(f.decodeFrame !== undefined || f.unwrapFrame !== undefined, f.id).toBe(true);
      else expect(f.decodeDataBlock !== undefined || f.decodeVendorRecord !== undefined, f.id).toBe(true);
      if (f.detect.vendorRecords !== undefined) expect(f.decodeVendorRecord, f.id).toBeDefined();
    }
  });

  it('never lets two frame formats claim the same CI and M/version/type unless both check further', () => {
    const frameFormats = manufacturerFormats.filter((f) => f.detect.ci.length > 0);
    for (const a of frameFormats) {
      for (const b of frameFormats) {
        if (a === b || (a.detect.accepts !== undefined && b.detect.accepts !== undefined)) continue;
        const sharedCi = a.detect.ci.some((ci) => b.detect.ci.includes(ci));
        const sharedMvt = a.detect.mvt.some((x) => b.detect.mvt.some((y) => overlaps(x, y)));
        expect(sharedCi && sharedMvt, `${a.id} / ${b.id}`).toBe(false);
      }
    }
  });

  it('never lets two data-block formats claim the same M/version/type', () => {
    const blockFormats = manufacturerFormats.filter((f) => f.decodeDataBlock !== undefined);
    for (const a of blockFormats) {
      for (const b of blockFormats) {
        if (a === b) continue;
        expect(
          a.detect.mvt.some((x) => b.detect.mvt.some((y) => overlaps(x, y))),
          `${a.id} / ${b.id}`,
        ).toBe(false);
      }
    }
  });
});

describe('vendorDefaultAesKeys', () => {
  it('offers the Diehl default key, which decrypts the hydrus HydrusAES telegram (CI 72, mode 5) to 2F2F', () => {
    const t = hexBytes(
      '6644242328001081640E7266567464A51170071F0050052C411A08674048DD6BA82A0DF79FFD401309179A893A1BE3CE8EDC50C2A45CD7AFEC3B4CE765820BE8056C124A17416C3722985FFFF7FCEB7094901AB3A16294B511B9A740C9F9911352B42A72FB3B0C',
    );
    const keys = vendorDefaultAesKeys({ manufacturer: 'DME', id: '64745666', version: 0x70, deviceType: 0x07 }, 0x72);
    expect(keys).toHaveLength(1);
    const iv = Buffer.concat([
      Buffer.from(t.subarray(15, 17)),
      Buffer.from(t.subarray(11, 15)),
      Buffer.from(t.subarray(17, 19)),
      Buffer.alloc(8, t[19]),
    ]);
    const decipher = createDecipheriv('aes-128-cbc', fromHex(keys[0] ?? '') ?? new Uint8Array(16), iv).setAutoPadding(
      false,
    );
    const plain = Buffer.concat([decipher.update(t.subarray(23, 23 + 80)), decipher.final()]);
    expect(toHex(plain.subarray(0, 4)).toUpperCase()).toBe('2F2F0374');
  });

  it('offers nothing for other manufacturers or for Diehl manufacturer CIs', () => {
    expect(vendorDefaultAesKeys({ manufacturer: 'KAM', id: '1', version: 0, deviceType: 0 }, 0x7a)).toEqual([]);
    expect(vendorDefaultAesKeys({ manufacturer: 'HYD', id: '1', version: 0, deviceType: 0 }, 0xa2)).toEqual([]);
  });
});
