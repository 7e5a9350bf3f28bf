import { describe, expect, it } from 'vitest';
import { formatM3, formatTable } from './format.js';

describe('CLI formatting', () => {
  it('aligns columns under their headers and shows null as -', () => {
    expect(
      formatTable(
        ['meter', 'kind'],
        [
          ['M1', 'leak'],
          ['METER-22', null],
        ],
      ),
    ).toBe('meter     kind\nM1        leak\nMETER-22  -\n');
  });

  it('shows millilitres as m³ to the litre, with any millilitres left over', () => {
    expect(formatM3(99_999_999_000)).toBe('99999.999');
    expect(formatM3(1_250_000)).toBe('1.250');
    expect(formatM3(1_250_500)).toBe('1.250+500mL');
    expect(formatM3(0)).toBe('0.000');
    expect(formatM3(null)).toBe('-');
  });
});
