import { describe, expect, it } from 'vitest';
import {
  meterQ3Lph,
  meterQ4Lph,
  registerCapacityMl,
  ThresholdTable,
  typicalQ3Lph,
  DEFAULT_THRESHOLDS,
} from './thresholds.js';
import { meterProfile } from './testing.js';

describe('thresholds', () => {
  it('takes typical Q3 from the DN table, rounding an odd diameter up to the next DN', () => {
    expect(typicalQ3Lph(15)).toBe(2_500);
    expect(typicalQ3Lph(20)).toBe(4_000);
    expect(typicalQ3Lph(18)).toBe(4_000);
    expect(typicalQ3Lph(400)).toBe(1_000_000);
  });

  it('derives Q4 = 1.25 × Q3 (ISO 4064-1) unless the meter has its own', () => {
    const t = DEFAULT_THRESHOLDS;
    expect(meterQ4Lph(meterProfile({ diameterMm: 15 }), t)).toBe(3_125);
    expect(meterQ4Lph(meterProfile({ q3Lph: 4_000 }), t)).toBe(5_000);
    expect(meterQ4Lph(meterProfile({ q4Lph: 7_000, q3Lph: 4_000 }), t)).toBe(7_000);
    expect(meterQ3Lph(meterProfile({ q4Lph: 5_000 }), t)).toBe(4_000);
  });

  it('uses the class’s default diameter for a meter without one', () => {
    const table = new ThresholdTable();
    const bulk = table.forClass('bulk');
    expect(meterQ3Lph(meterProfile({ diameterMm: undefined, meterClass: 'bulk' }), bulk)).toBe(100_000);
  });

  it('layers config over class defaults over global defaults', () => {
    const table = new ThresholdTable({
      defaults: { gapFactor: 3 },
      classes: { commercial: { leakWindowS: 43_200 }, campus: { zeroConsumptionDays: 5 } },
    });
    expect(table.forClass('commercial')).toMatchObject({ gapFactor: 3, leakWindowS: 43_200, zeroConsumptionDays: 14 });
    expect(table.forClass('campus')).toMatchObject({ gapFactor: 3, zeroConsumptionDays: 5 });
    expect(table.forClass('unknown-class')).toMatchObject({ gapFactor: 3, zeroConsumptionDays: 30 });
  });

  it('puts the capacity of a 5-digit register at 10^5 m³ in mL', () => {
    expect(registerCapacityMl(5)).toBe(100_000_000_000);
  });
});
