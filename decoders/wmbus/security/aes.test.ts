import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AesBlockCipher, aesCbcDecrypt, aesCtr, cbcDecryptPrefix, ctrCrypt } from './aes.js';
import { KEY_CACHE_CAPACITY, keyCacheSize, parseKey } from './keys.js';

const key = fc.uint8Array({ minLength: 16, maxLength: 16 });
const iv = fc.uint8Array({ minLength: 16, maxLength: 16 });
const blocks = fc.integer({ min: 0, max: 6 }).chain((n) => fc.uint8Array({ minLength: n * 16, maxLength: n * 16 }));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('AesBlockCipher', () => {
  it('decrypts what it encrypts, block by block, across many reuses of the same object', () => {
    const aes = new AesBlockCipher(Uint8Array.from({ length: 16 }, (_, i) => i));
    for (let n = 0; n < 5; n++) {
      const plain = Uint8Array.from({ length: 16 * (n + 1) }, (_, i) => (i * 7 + n) & 0xff);
      expect(hex(aes.decryptBlocks(aes.encryptBlocks(plain)))).toBe(hex(plain));
    }
  });
});

describe('keys', () => {
  it('returns the same parsed key for the same hex string, and kinds for DES, none and bad keys', () => {
    const a = parseKey('000102030405060708090A0B0C0D0E0F');
    expect(a.kind).toBe('aes');
    expect(parseKey('000102030405060708090A0B0C0D0E0F')).toBe(a);
    expect(parseKey('0001020304050607').kind).toBe('des');
    expect(parseKey(undefined).kind).toBe('none');
    expect(parseKey('').kind).toBe('none');
    expect(parseKey('xyz').kind).toBe('bad');
  });

  it('keeps at most KEY_CACHE_CAPACITY keys and still parses an evicted key correctly', () => {
    const first = '11'.repeat(16);
    const a = parseKey(first);
    for (let i = 0; i < KEY_CACHE_CAPACITY + 10; i++) parseKey(i.toString(16).padStart(32, '0'));
    expect(keyCacheSize()).toBeLessThanOrEqual(KEY_CACHE_CAPACITY);
    const again = parseKey(first);
    expect(again).not.toBe(a);
    expect(again.kind === 'aes' && hex(again.key)).toBe(first);
  });
});

describe('properties', () => {
  it('CBC over the reused ECB cipher equals node aes-128-cbc on the blocks and keeps the bytes after them', () => {
    fc.assert(
      fc.property(key, iv, blocks, fc.uint8Array({ maxLength: 20 }), (k, v, data, clear) => {
        const src = Uint8Array.from([...data, ...clear]);
        const out = cbcDecryptPrefix(new AesBlockCipher(k), v, src, data.length);
        return hex(out) === hex(aesCbcDecrypt(k, v, data)) + hex(clear) && hex(src) === hex(data) + hex(clear);
      }),
      { numRuns: 300 },
    );
  });

  it('CTR over the reused ECB cipher equals node aes-128-ctr, including a carry through the whole counter', () => {
    const carryIv = fc.constantFrom(
      new Uint8Array(16).fill(0xff),
      Uint8Array.from([...new Array<number>(14).fill(0), 0xff, 0xfe]),
    );
    fc.assert(
      fc.property(key, fc.oneof(iv, carryIv), fc.uint8Array({ maxLength: 100 }), (k, v, data) => {
        return hex(ctrCrypt(new AesBlockCipher(k), v, data)) === hex(aesCtr(k, v, data));
      }),
      { numRuns: 300 },
    );
  });
});
