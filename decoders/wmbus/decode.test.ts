import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DecodeContext, DecodeResult } from '../core/types.js';
import { bytesToHex, concatBytes, hexToBytes } from './bytes.js';
import { decodeWmbus } from './decode.js';
import { encodeRecords, encodeTelegram } from './encode.js';
import { manufacturerCodeOf, idToBytes } from './link.js';
import { encodePriosFrame } from './manufacturer/diehl-prios.js';
import { mode5Encrypt, mode5Iv } from './security/mode5.js';
import { aesCmac } from './security/cmac.js';
import { crc16En13757 } from './crc.js';
import { deriveMode7Key, KDF_ENC_FROM_METER, mode7Encrypt } from './security/mode7.js';
import { recogniseWmbus } from './index.js';

const ctx: DecodeContext = { receivedAt: '2024-05-01T00:00:00.000Z' };
const internalFailure = (r: DecodeResult): boolean => !r.ok && r.error.message.startsWith('internal decoder failure');

describe('aesCmac', () => {
  const key = hexToBytes('2b7e151628aed2a6abf7158809cf4f3c');
  it('matches RFC 4493 example 1 (empty message)', () => {
    expect(bytesToHex(aesCmac(key, new Uint8Array(0)))).toBe('bb1d6929e95937287fa37d129b756746');
  });
  it('matches RFC 4493 example 2 (16 bytes)', () => {
    expect(bytesToHex(aesCmac(key, hexToBytes('6bc1bee22e409f96e93d7e117393172a')))).toBe('070a16b46b4d4144f79bdd9dd04a287c');
  });
  it('matches RFC 4493 example 3 (40 bytes)', () => {
    const m = hexToBytes('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411');
    expect(bytesToHex(aesCmac(key, m))).toBe('dfa66747de9ae63030ca32611497c827');
  });
});

describe('security mode 7 (OMS Vol.2 §9.5 KDF, AFL message counter)', () => {
  it('decrypts an ELL + AFL + TPL mode 7 telegram built with the derived key', () => {
    const key = hexToBytes('000102030405060708090a0b0c0d0e0f');
    const id = idToBytes('22334455');
    const m = manufacturerCodeOf('DME');
    const counter = 0x0001166c;
    const plain = concatBytes(Uint8Array.of(0x2f, 0x2f), encodeRecords({ meterId: '22334455', manufacturer: 'DME', version: 1, deviceType: 7, registerMl: 8_683_000 }));
    const padded = new Uint8Array(Math.ceil(plain.length / 16) * 16).fill(0x2f);
    padded.set(plain);
    const enc = mode7Encrypt(deriveMode7Key(key, KDF_ENC_FROM_METER, counter, id), padded);
    const blocks = padded.length / 16;
    const afl = Uint8Array.of(0x90, 0x0f, 0x00, 0x2c, 0x25, counter & 0xff, (counter >> 8) & 0xff, (counter >> 16) & 0xff, counter >>> 24, 1, 2, 3, 4, 5, 6, 7, 8);
    const tpl = Uint8Array.of(0x7a, 0xdf, 0x00, blocks << 4, 0x07, 0x10);
    const body = concatBytes(Uint8Array.of(0x44, m & 0xff, m >> 8), id, Uint8Array.of(0x01, 0x07, 0x8c, 0x00, 0x85), afl, tpl, enc);
    const telegram = concatBytes(Uint8Array.of(body.length), body);
    const r = decodeWmbus(telegram, { ...ctx, key: '000102030405060708090A0B0C0D0E0F' });
    expect(r.ok && r.readings[0]?.registerMl).toBe(8_683_000);
    expect(r.ok && r.meta.security).toBe('tpl-mode7');
    const wrong = decodeWmbus(telegram, { ...ctx, key: 'FF0102030405060708090A0B0C0D0E0F' });
    expect(wrong.ok ? 'ok' : wrong.error.code).toBe('DECODE_WRONG_KEY');
  });
});

describe('wired M-Bus long frames (EN 13757-2)', () => {
  const frame = hexToBytes(
    '68C4C46808637283654616475F03160C000000041300000000046D2B030000426C992B44133D00000042EC7EB92B0C785506140082016C9E2B8401133D000000C2016C7F2CC401133D00000082026C9F218402133D000000C2026C9D22C402133D00000082036C9F238403133D000000C2036C9E24C403133D00000082046C9F258404133D000000C2046C9E26C404133D00000082056C9F278405133D000000C2056C9F28C405133D00000082066C9E298406133D000000C2066C9F2AC406133D0000000F010000C316',
  );
  it('reads the long TPL header id and the storage-1 billing register', () => {
    const r = decodeWmbus(frame, ctx);
    expect(r.ok && r.readings[0]).toMatchObject({ meterId: '16466583', registerMl: 0, billingDateRegisterMl: 61_000, billingDate: '2020-11-25' });
  });
  it('rejects a frame whose checksum does not match', () => {
    const bad = frame.slice();
    bad[20] = (bad[20] ?? 0) ^ 0x01;
    const r = decodeWmbus(bad, ctx);
    expect(r.ok ? 'ok' : r.error.code).toBe('DECODE_CHECKSUM_MISMATCH');
  });
});

describe('compact frames (CI 79)', () => {
  const input = { meterId: '44556677', manufacturer: 'ABC', version: 1, deviceType: 7, registerMl: 20_015_000 };
  const full = encodeTelegram(input);
  const format = hexToBytes('0610'); // the DIF/VIF bytes of the full frame's only record
  const sig = crc16En13757(format);
  const data = encodeRecords(input).subarray(2);
  const body = concatBytes(full.subarray(1, 10), Uint8Array.of(0x79, sig & 0xff, sig >> 8, 0, 0), data);
  const compact = concatBytes(Uint8Array.of(body.length), body);
  it('decodes a compact frame once the full frame taught its format (cache passed in)', () => {
    const cache = new Map<number, Uint8Array>();
    const before = decodeWmbus(compact, ctx, { compactFormats: cache });
    expect(before.ok ? 'ok' : before.error.code).toBe('DECODE_UNSUPPORTED_RECORD');
    expect(decodeWmbus(full, ctx, { compactFormats: cache }).ok).toBe(true);
    const after = decodeWmbus(compact, ctx, { compactFormats: cache });
    expect(after.ok && after.readings[0]?.registerMl).toBe(20_015_000);
  });
  it('reads the signature after the 2F2F verification bytes of a mode-5 compact frame (CI 7B)', () => {
    const key = '000102030405060708090A0B0C0D0E0F';
    const plain = concatBytes(Uint8Array.of(0x2f, 0x2f, sig & 0xff, sig >> 8, 0, 0), data);
    const padded = new Uint8Array(Math.ceil(plain.length / 16) * 16).fill(0x2f);
    padded.set(plain);
    const aField = full.subarray(4, 10);
    const enc = mode5Encrypt(hexToBytes(key), mode5Iv(manufacturerCodeOf('ABC'), aField, 0x21), padded);
    const tpl = Uint8Array.of(0x7b, 0x21, 0x00, (padded.length / 16) << 4, 0x05);
    const b = concatBytes(full.subarray(1, 10), tpl, enc);
    const encrypted = concatBytes(Uint8Array.of(b.length), b);
    const cache = new Map<number, Uint8Array>([[sig, format]]);
    const r = decodeWmbus(encrypted, { ...ctx, key }, { compactFormats: cache });
    expect(r.ok && r.readings[0]?.registerMl).toBe(20_015_000);
    expect(r.ok && r.meta.formatSignature).toBe(sig);
  });
  it('decodes a Kamstrup compact frame from the known format signatures without a full frame', () => {
    const r = decodeWmbus(hexToBytes('21442D2C776655441B168D2079CC8C3A20F4307912C40DFF00002F4E00003D010203'), ctx);
    expect(r.ok && r.readings[0]?.registerMl).toBe(20_015_000);
  });
});

describe('meter id', () => {
  it('reports the id a manufacturer format re-orders (Diehl PRIOS) in meta and readings, the link id beside it', () => {
    const telegram = encodePriosFrame({
      manufacturer: 'DME',
      addressWire: Uint8Array.of(0x78, 0x07, 0x29, 0x66, 0x23, 0x66), // version, type, then id 66236629 LE
      ci: 0xa2,
      status: 0x1801,
      headerByte: 0x13,
      totalLitres: 16_760,
    });
    const r = decodeWmbus(telegram, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.readings[0]?.meterId).toBe('66236629');
    expect(r.meta.meterId).toBe('66236629');
    expect(r.meta.linkId).toBe('66290778');
  });
});

describe('telegrams without a volume register', () => {
  it('produce no reading and name the values only a reading could carry in a warning', () => {
    const plain = encodeTelegram({ meterId: '11223344', manufacturer: 'ABC', version: 1, deviceType: 7, registerMl: 5, flowLph: 12 });
    // Re-tag the volume record right after the TPL header (DIF 06 VIF 10) as tariff 1: DIF 86, DIFE 10.
    const hex = bytesToHex(plain).replace(/7a(.{8})0610/i, '7a$1861010');
    const t = hexToBytes(hex);
    t[0] = t.length - 1;
    const r = decodeWmbus(t, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.readings).toEqual([]);
    expect(r.warnings.some((w) => w.startsWith('telegram carries no volume register') && w.includes('flowLph=12'))).toBe(true);
  });
});

describe('recogniseWmbus', () => {
  it('accepts a wM-Bus telegram and a wired long frame and refuses short noise', () => {
    expect(recogniseWmbus(encodeTelegram({ meterId: '12345678', manufacturer: 'ABC', version: 1, deviceType: 7, registerMl: 1 }))).toBe(true);
    expect(recogniseWmbus(hexToBytes('68030368084172bb16'))).toBe(true);
    expect(recogniseWmbus(Uint8Array.of(1, 2, 3))).toBe(false);
  });
});

function validTelegrams(): Uint8Array[] {
  const path = fileURLToPath(new URL('./fixtures/wmbus.jsonl', import.meta.url));
  const corpus = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { telegram_hex: string; key?: string })
    .filter((v) => !v.key)
    .map((v) => hexToBytes(v.telegram_hex));
  return corpus.filter((t) => {
    const r = decodeWmbus(t, ctx);
    return r.ok && r.readings.length > 0;
  });
}

describe('properties', () => {
  const valid = validTelegrams();

  it('never throws and never fails internally on arbitrary bytes (100,000 cases)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 96 }), (bytes) => {
        const r = decodeWmbus(bytes, ctx);
        return !internalFailure(r);
      }),
      { numRuns: 100_000 },
    );
  });

  it('never fails internally on corpus telegrams with random bytes overwritten', () => {
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), (t, edits) => {
        const b = t.slice();
        for (const [i, v] of edits) b[1 + (i % (b.length - 1))] = v;
        return !internalFailure(decodeWmbus(b, ctx));
      }),
      { numRuns: 5_000 },
    );
  });

  it('a truncated telegram gives a typed error or a result without a wrong register', () => {
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.nat(), fc.boolean(), (t, cut, fixL) => {
        const full = decodeWmbus(t, ctx);
        const register = full.ok ? full.readings[0]?.registerMl : undefined;
        const n = cut % t.length;
        const truncated = t.slice(0, n);
        if (fixL && n > 0 && t[0] !== 0x68) truncated[0] = n - 1; // L made to match: the records parser sees the cut
        const r = decodeWmbus(truncated, ctx);
        if (!r.ok) return typeof r.error.code === 'string' && !internalFailure(r);
        return r.readings.every((rd) => rd.registerMl === register);
      }),
      { numRuns: 3_000 },
    );
  });

  it('a flipped bit in a frame-format-A telegram is caught as DECODE_CHECKSUM_MISMATCH', () => {
    const telegramArb = fc
      .record({ meterId: fc.stringMatching(/^[0-9]{8}$/), registerMl: fc.integer({ min: 0, max: 2 ** 40 }), flowLph: fc.integer({ min: 0, max: 5000 }) })
      .map((x) => encodeTelegram({ ...x, manufacturer: 'ABC', version: 1, deviceType: 7, billingDateRegisterMl: 5, frameFormatA: true }));
    fc.assert(
      fc.property(telegramArb, fc.nat(), fc.integer({ min: 0, max: 7 }), (t, pos, bit) => {
        const b = t.slice();
        const i = pos % b.length;
        b[i] = (b[i] ?? 0) ^ (1 << bit);
        const r = decodeWmbus(b, ctx, { frameFormat: 'A' });
        return !r.ok && r.error.code === 'DECODE_CHECKSUM_MISMATCH';
      }),
      { numRuns: 5_000 },
    );
  });
});
