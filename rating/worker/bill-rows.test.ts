import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rateAccount } from '../rate-account.js';
import { exampleTariff, M3, rated, simpleInput } from '../testing/fixtures.js';
import { billRow, copyBillRow, copyLine, copyLineRows, lineRows } from './bill-rows.js';
import type { AdjustmentDue } from './task.js';

const tariff = exampleTariff('shenzhen-2022-residential');
const october = { start: '2026-10-01', end: '2026-11-01' };

function bill(accountId: string, billId: string, volumeM3: number) {
  return rated(
    rateAccount({
      ...simpleInput(tariff, october, volumeM3 * M3, { accountId }),
      overdue: [{ billId, amount: '100.00', dueDate: '2026-09-20' }],
    }),
  );
}

const adjustment: AdjustmentDue = {
  adjustmentId: 7,
  fromPeriod: '2026-09',
  amount: '-3.10',
  finalTotal: '20.00',
  reratedTotal: '16.90',
};

describe('COPY rows of a bill', () => {
  it('are the bytes of the row arrays in COPY text, escapes included', () => {
    // a tab, a line break, a backslash and a quote in the ids reach the text, JSON and explanations
    const awkward = bill('A\t1\\x"', 'B\\2\n"', 35);
    for (const adjustments of [[], [adjustment]]) {
      expect(copyBillRow('2026-10', awkward, adjustments)).toBe(copyLine(billRow('2026-10', awkward, adjustments)));
      expect(copyLineRows('2026-10', awkward, adjustments)).toBe(
        lineRows('2026-10', awkward, adjustments).map(copyLine).join(''),
      );
    }
    expect(copyLineRows('2026-10', awkward, [])).toContain('bill B\\\\2\\n"');
  });

  describe('properties', () => {
    it('equal copyLine of the row arrays for any account id, bill id and volume', () => {
      fc.assert(
        fc.property(
          fc.string({ minLength: 1, maxLength: 12, unit: 'binary' }),
          fc.string({ minLength: 1, maxLength: 12, unit: 'binary' }),
          fc.integer({ min: 0, max: 60 }),
          fc.boolean(),
          (accountId, billId, volume, adjusted) => {
            const rated = bill(accountId, billId, volume);
            const adjustments = adjusted ? [adjustment] : [];
            expect(copyBillRow('2026-10', rated, adjustments)).toBe(copyLine(billRow('2026-10', rated, adjustments)));
            expect(copyLineRows('2026-10', rated, adjustments)).toBe(
              lineRows('2026-10', rated, adjustments).map(copyLine).join(''),
            );
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
