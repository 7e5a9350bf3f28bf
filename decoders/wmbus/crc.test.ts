import { describe, expect, it } from 'vitest';
import { crc16En13757 } from './crc.js';
import { hexToBytes } from './bytes.js';

describe('crc16En13757', () => {
  it('gives the catalogue check value 0xC2B7 for "123456789"', () => {
    expect(crc16En13757(new TextEncoder().encode('123456789'))).toBe(0xc2b7);
  });
  it('matches the Kamstrup compact-frame format signature 0xDD34 of format 02FF2004134413', () => {
    expect(crc16En13757(hexToBytes('02FF2004134413'))).toBe(0xdd34);
  });
});
