import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rawMemberText } from './raw-json.js';

describe('rawMemberText', () => {
  it('returns a member exactly as written, spacing and number spelling included', () => {
    const text = '{ "nonce" : "a,}b", "msg" : {"at": 1.50, "v": [1, {"x": "]}"}] } , "z": null }';
    expect(rawMemberText(text, 'msg')).toBe('{"at": 1.50, "v": [1, {"x": "]}"}] }');
    expect(rawMemberText(text, 'nonce')).toBe('"a,}b"');
    expect(rawMemberText(text, 'z')).toBe('null');
  });

  it('handles escaped quotes inside strings and keys', () => {
    const text = '{"a\\"b":"x\\\\","msg":"q\\"}"}';
    expect(rawMemberText(text, 'a"b')).toBe('"x\\\\"');
    expect(rawMemberText(text, 'msg')).toBe('"q\\"}"');
  });

  it('takes the last of duplicate keys, as JSON.parse does', () => {
    expect(rawMemberText('{"msg":1,"msg":2}', 'msg')).toBe('2');
  });

  it('is undefined for a missing member or a non-object', () => {
    expect(rawMemberText('{"a":1}', 'msg')).toBeUndefined();
    expect(rawMemberText('[{"msg":1}]', 'msg')).toBeUndefined();
    expect(rawMemberText('{}', 'msg')).toBeUndefined();
  });
});

describe('properties', () => {
  it('parses back to the member JSON.parse sees, whatever the indentation', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 6 }),
        fc.constantFrom(0, 1, 2, '\t'),
        (object, indent) => {
          const text = JSON.stringify(object, null, indent);
          const parsed = JSON.parse(text) as Record<string, unknown>;
          for (const key of Object.keys(parsed)) {
            expect(JSON.parse(rawMemberText(text, key)!)).toEqual(parsed[key]);
          }
        },
      ),
      { numRuns: 3_000 },
    );
  });
});
