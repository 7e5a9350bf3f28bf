/**
 * Type-level currency safety. The `@ts-expect-error` lines make `tsc --noEmit` fail if adding
 * CNY to EUR ever type-checks; the runtime assertions make sure the guard also holds for values
 * whose currency is only known at run time.
 */
import { describe, expect, it } from 'vitest';
import { addMoney, compareMoney, money, subtractMoney, type Money } from './money.js';

describe('currency safety', () => {
  const yuan: Money<'CNY'> = money('CNY', 100n);
  const euro: Money<'EUR'> = money('EUR', 100n);

  it('does not type-check CNY plus EUR, and throws if forced', () => {
    // @ts-expect-error CNY and EUR cannot be added
    expect(() => addMoney(yuan, euro)).toThrow(TypeError);
    // @ts-expect-error CNY and EUR cannot be subtracted
    expect(() => subtractMoney(yuan, euro)).toThrow(TypeError);
    // @ts-expect-error CNY and EUR cannot be compared
    expect(() => compareMoney(yuan, euro)).toThrow(TypeError);
  });

  it('does not type-check assigning EUR money to a CNY variable', () => {
    // @ts-expect-error EUR is not CNY
    const wrong: Money<'CNY'> = euro;
    expect(wrong.currency).toBe('EUR');
  });

  it('type-checks and adds two CNY amounts', () => {
    const sum: Money<'CNY'> = addMoney(yuan, money('CNY', 1n));
    expect(sum.minor).toBe(101n);
  });
});
