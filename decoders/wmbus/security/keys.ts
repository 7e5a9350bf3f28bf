/**
 * Keys from the decode context (hex strings) to KeyResults, with the AES cipher objects that go
 * with them.
 *
 * Parsing a key and making its OpenSSL context on every telegram cost more than decrypting it, so
 * parsed keys are kept in a module-level cache keyed by the hex string as given: at most
 * KEY_CACHE_CAPACITY entries, least recently used evicted first. Every entry is immutable apart
 * from its lazily made cipher objects, and decoding is synchronous, so sharing one entry between
 * registries in the same thread is safe; each worker thread has its own cache. A gateway with
 * more distinct keys than the capacity still decodes correctly, only without the saving.
 */
import { hexToBytes } from '../bytes.js';
import { AesBlockCipher } from './aes.js';

export type KeyResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'aes'; readonly key: Uint8Array; readonly cipher: AesBlockCipher }
  | { readonly kind: 'des'; readonly key: Uint8Array }
  | { readonly kind: 'bad' };

export const KEY_CACHE_CAPACITY = 256;

const NO_KEY: KeyResult = Object.freeze({ kind: 'none' });
const BAD_KEY: KeyResult = Object.freeze({ kind: 'bad' });
const cache = new Map<string, KeyResult>();
/** The most recently used entry, answered without touching the Map (telegrams often repeat a key). */
let newestHex: string | undefined;
let newest: KeyResult = NO_KEY;

const AES_HEX = /^[0-9a-fA-F]{32}$/;
const DES_HEX = /^[0-9a-fA-F]{16}$/;

function parseKeyUncached(hex: string): KeyResult {
  if (AES_HEX.test(hex)) {
    const key = hexToBytes(hex);
    return Object.freeze({ kind: 'aes', key, cipher: new AesBlockCipher(key) });
  }
  if (DES_HEX.test(hex)) return Object.freeze({ kind: 'des', key: hexToBytes(hex) });
  return BAD_KEY;
}

export function parseKey(hex: string | undefined): KeyResult {
  if (hex === undefined || hex === '') return NO_KEY;
  if (hex === newestHex) return newest;
  let entry = cache.get(hex);
  if (entry !== undefined) {
    // Re-insert so Map order is recency order and the first key is the least recently used.
    cache.delete(hex);
  } else {
    entry = parseKeyUncached(hex);
    if (entry === BAD_KEY) return entry;
    if (cache.size >= KEY_CACHE_CAPACITY) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
  }
  cache.set(hex, entry);
  newestHex = hex;
  newest = entry;
  return entry;
}

/** Entries in the key cache (for tests of its bound). */
export function keyCacheSize(): number {
  return cache.size;
}
