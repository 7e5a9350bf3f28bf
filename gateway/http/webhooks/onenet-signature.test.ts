import { describe, expect, it } from 'vitest';
import { makeEncodingAesKey, onenetEncrypt } from '../testing.js';
import { decryptOnenetMessage, onenetSignature, onenetSignatureMatches } from './onenet-signature.js';

// msg captured from a OneNET push (178-byte body, User-Agent OneNET); signature computed
// independently as base64(md5(token + nonce + msg)) with Python's hashlib.
const TOKEN = '5ec78dbca0db5a7e49b603fe';
const MSG =
  '{"at":1555904805407,"imei":"861931046156398","type":1,"ds_id":"3300_0_5700","value":-115,"dev_id":523444202}';

describe('onenetSignature', () => {
  it('is Base64(MD5(token + nonce + msg))', () => {
    expect(onenetSignature(TOKEN, 'C1z3?giR', MSG)).toBe('Im0aQ5udO+2rE3aEaJz0fQ==');
  });

  it('matches with + turned into a space and refuses anything else', () => {
    expect(onenetSignatureMatches(TOKEN, 'C1z3?giR', MSG, 'Im0aQ5udO 2rE3aEaJz0fQ==')).toBe(true);
    expect(onenetSignatureMatches(TOKEN, 'C1z3?giR', MSG, 'Im0aQ5udO+2rE3aEaJz0fQ=')).toBe(false);
    expect(onenetSignatureMatches(TOKEN, 'C1z3?giS', MSG, 'Im0aQ5udO+2rE3aEaJz0fQ==')).toBe(false);
    expect(onenetSignatureMatches(TOKEN, 'C1z3?giR', `${MSG} `, 'Im0aQ5udO+2rE3aEaJz0fQ==')).toBe(false);
  });
});

describe('decryptOnenetMessage', () => {
  it('recovers msg from the documented layout (random 16 ‖ length ‖ msg, AES-256-CBC)', () => {
    const key = makeEncodingAesKey();
    expect(decryptOnenetMessage(onenetEncrypt(key, MSG), key)).toBe(MSG);
    expect(decryptOnenetMessage(onenetEncrypt(key, '{"v":"水表"}'), key)).toBe('{"v":"水表"}');
  });

  it('is undefined for a wrong key, a truncated ciphertext or a key of the wrong size', () => {
    const key = makeEncodingAesKey();
    const enc = onenetEncrypt(key, MSG);
    expect(decryptOnenetMessage(enc, makeEncodingAesKey())).toBeUndefined();
    expect(decryptOnenetMessage(enc.slice(0, 24), key)).toBeUndefined();
    expect(decryptOnenetMessage(enc, 'c2hvcnQ')).toBeUndefined();
  });
});
