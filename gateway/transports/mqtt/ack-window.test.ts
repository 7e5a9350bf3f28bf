import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AckWindow } from './ack-window.js';

describe('ack window', () => {
  it('holds a committed message back until those before it are committed', () => {
    const w = new AckWindow();
    const [a, b, c] = [w.open(1), w.open(2), w.open(3)];
    expect(w.settle(b)).toEqual([]);
    expect(w.settle(c)).toEqual([]);
    expect(w.settle(a)).toEqual([1, 2, 3]);
    expect(w.size).toBe(0);
  });

  it('grows past its first capacity, and forgets its slots when cleared', () => {
    const w = new AckWindow();
    const slots = Array.from({ length: 5000 }, (_, i) => w.open(i % 65_536));
    expect(w.size).toBe(5000);
    const acked = [...slots].reverse().flatMap((s) => w.settle(s));
    expect(acked).toEqual(Array.from({ length: 5000 }, (_, i) => i % 65_536));
    const stale = w.open(7);
    w.open(8);
    w.clear();
    expect(w.size).toBe(0);
    expect(w.settle(stale)).toEqual([]);
    const next = w.open(9);
    expect(w.settle(next)).toEqual([9]);
  });

  describe('properties', () => {
    it('acknowledges every message exactly once, in arrival order, whatever the commit order', () => {
      fc.assert(
        fc.property(
          fc
            .integer({ min: 1, max: 50 })
            .chain((n) =>
              fc.tuple(fc.constant(n), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n })),
            ),
          ([n, order]) => {
            const w = new AckWindow();
            const slots = Array.from({ length: n }, (_, i) => w.open(i + 1));
            const acked = order.flatMap((i) => w.settle(slots[i]!));
            expect(acked).toEqual(Array.from({ length: n }, (_, i) => i + 1));
          },
        ),
      );
    });
  });
});
