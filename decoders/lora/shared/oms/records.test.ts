import { describe, expect, it } from 'vitest';
import { hexBytes } from '../../../core/hex.js';
import { parseRecords } from './records.js';

const parse = (hex: string, start = 0) => parseRecords(hexBytes(hex), start);

describe('OMS records of LoRa payloads (read by the wM-Bus record parser)', () => {
  it('gives volumes as integer × 10^exponent mL and offsets in the whole payload', () => {
    const r = parse('78' + '441303000000', 1);
    expect(r.ok && r.records).toEqual([
      { offset: 1, functionField: 0, storage: 1, tariff: 0, quantity: 'volume', exponent: 3, vifes: [], value: 3 },
    ]);
  });

  it('takes the type B invalid marker (80h) as no value', () => {
    const r = parse('615B80');
    expect(r.ok && r.records[0]).toMatchObject({ quantity: 'flow_temperature', functionField: 2 });
    expect(r.ok && r.records[0]?.value).toBeUndefined();
  });

  it("names Kamstrup's manufacturer VIFEs and reads them unsigned, FFFFh as no value", () => {
    const r = parse('52FF251000' + '42FF1CFFFF');
    expect(r.ok && r.records.map((x) => [x.quantity, x.value])).toEqual([
      ['kamstrup_infocode', 16],
      ['kamstrup_ald_last_day', undefined],
    ]);
  });

  it('reads an inverse compact profile and the meter clock as a wall clock', () => {
    const r = parse('446D00331837' + '4D9313' + '04' + '6101' + '0003');
    expect(r.ok && r.records[0]?.time).toEqual({ year: 2024, month: 7, day: 24, hour: 19, minute: 0, second: 0 });
    expect(r.ok && r.records[1]?.profile).toEqual({
      spacingUnit: 2,
      spacingValue: 1,
      incrementMode: 1,
      deltas: [0, 3],
    });
  });

  it('fails a truncated record with DECODE_TRUNCATED at its offset in the payload', () => {
    const r = parse('78' + '4413030000', 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'DECODE_TRUNCATED', offset: 3 });
  });

  it('keeps the records before a reserved special DIF and says the rest was not decoded', () => {
    const r = parse('0413181E0000' + '3F00');
    expect(r.ok && r.records).toHaveLength(1);
    expect(r.ok && r.warnings.join(' ')).toMatch(/reserved.*rest not decoded/);
  });
});
