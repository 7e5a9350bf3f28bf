/**
 * Allocation of money into parts by ratios such that the parts add up exactly to the whole.
 *
 * Each part first gets the floor of its exact share (toward zero for negative amounts); the minor
 * units left over are then handed out one at a time to the parts with the largest remainders
 * (earlier parts first on ties). So every part is within one minor unit of its exact share and
 * the sum is always the original amount. Zero ratios get zero.
 */
import { floorDiv } from './rounding.js';
import type { CurrencyCode } from './currency.js';
import type { Money } from './money.js';

export function allocate<C extends CurrencyCode>(amount: Money<C>, ratios: readonly bigint[]): Money<C>[] {
  if (ratios.length === 0) throw new RangeError('allocate: no ratios');
  if (ratios.some((ratio) => ratio < 0n)) throw new RangeError('allocate: negative ratio');
  const total = ratios.reduce((sum, ratio) => sum + ratio, 0n);
  if (total === 0n) throw new RangeError('allocate: ratios sum to zero');
  const negative = amount.minor < 0n;
  const magnitude = negative ? -amount.minor : amount.minor;
  const shares = ratios.map((ratio) => floorDiv(magnitude * ratio, total));
  const remainders = ratios.map((ratio, index) => ({ index, remainder: (magnitude * ratio) % total, ratio }));
  let left = magnitude - shares.reduce((sum, share) => sum + share, 0n);
  remainders
    .filter((entry) => entry.ratio > 0n)
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))
    .forEach((entry) => {
      if (left > 0n) {
        shares[entry.index] = (shares[entry.index] ?? 0n) + 1n;
        left -= 1n;
      }
    });
  return shares.map((share) => ({ currency: amount.currency, minor: negative ? -share : share }));
}
