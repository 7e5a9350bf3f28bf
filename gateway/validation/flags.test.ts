import { describe, expect, it } from 'vitest';
import { ALL_FLAGS, FLAG, FLAG_NAMES, flagNames, flagsFromNames } from './flags.js';

describe('flags', () => {
  it('gives every flag its own bit below 2^31', () => {
    const bits = FLAG_NAMES.map((n) => FLAG[n]);
    expect(new Set(bits).size).toBe(bits.length);
    for (const b of bits) {
      expect(b).toBeGreaterThan(0);
      expect(b).toBeLessThan(2 ** 31);
      expect(Math.log2(b) % 1).toBe(0);
    }
  });

  it('keeps the documented numbering stable', () => {
    expect(Math.log2(FLAG.register_backwards)).toBe(0);
    expect(Math.log2(FLAG.register_rollover)).toBe(1);
    expect(Math.log2(FLAG.spike_overload)).toBe(3);
    expect(Math.log2(FLAG.continuous_flow)).toBe(5);
    expect(Math.log2(FLAG.zero_consumption)).toBe(8);
    expect(Math.log2(FLAG.time_future)).toBe(17);
    expect(Math.log2(FLAG.duplicate_conflict)).toBe(21);
    expect(Math.log2(FLAG.gap)).toBe(22);
    expect(Math.log2(FLAG.meter_backflow)).toBe(23);
  });

  it('names the bits of a set in bit order, from a number or a bigint', () => {
    expect(flagNames(FLAG.gap | FLAG.register_backwards)).toEqual(['register_backwards', 'gap']);
    expect(flagNames(BigInt(FLAG.burst))).toEqual(['burst']);
    expect(flagNames(0)).toEqual([]);
  });

  it('names an unknown bit by its index', () => {
    expect(flagNames(2 ** 30)).toEqual(['bit30']);
    expect(flagNames(2n ** 40n)).toEqual(['bit40']);
  });

  it('turns names back into bits and reports an unknown name', () => {
    expect(flagsFromNames(['gap', 'burst'])).toEqual({ ok: true, flags: FLAG.gap | FLAG.burst });
    expect(flagsFromNames(['gap', 'nope'])).toEqual({ ok: false, unknown: 'nope' });
    expect(flagsFromNames(['toString'])).toEqual({ ok: false, unknown: 'toString' });
  });

  it('round-trips every named set', () => {
    expect(flagsFromNames(flagNames(ALL_FLAGS))).toEqual({ ok: true, flags: ALL_FLAGS });
  });
});
