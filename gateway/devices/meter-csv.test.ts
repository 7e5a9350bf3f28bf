import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metersCsv } from '../../simulators/meters/registry-files.js';
import { testFleet } from '../../simulators/testing/fleets.js';
import { formatCsvProblem } from './csv-import.js';
import { readMeterCsv } from './meter-csv.js';
import { checkMeterInput } from './meter-input.js';

const problemsOf = (text: string) => {
  const r = readMeterCsv(text);
  return r.ok ? [] : r.problems.map(formatCsvProblem);
};

describe('the meters file', () => {
  it('reads the columns it names, in any order, empty fields not set', () => {
    const r = readMeterCsv(
      'meter_class,meter_id,diameter_mm,register_digits\ncommercial,M-1,25,6\n,M-2,,\n"campus-b","M,3",40,\n',
    );
    expect(r).toEqual({
      ok: true,
      columns: ['meter_class', 'meter_id', 'diameter_mm', 'register_digits'],
      meters: [
        { line: 2, meterId: 'M-1', meterClass: 'commercial', diameterMm: 25, registerDigits: 6 },
        { line: 3, meterId: 'M-2' },
        { line: 4, meterId: 'M,3', meterClass: 'campus-b', diameterMm: 40 },
      ],
    });
  });

  it('names the line and the field of every problem, and imports nothing then', () => {
    expect(problemsOf('')).toEqual(['line 1: the file is empty (expected a header line)']);
    expect(problemsOf('diameter_mm\n20\n')).toEqual(['line 1, field meter_id: the header has no meter_id column']);
    expect(problemsOf('meter_id,colour\nM-1,red\n')[0]).toMatch(/^line 1, field colour: unknown column/);
    expect(
      problemsOf(
        [
          'meter_id,diameter_mm,register_digits,meter_class,q3_lph,q4_lph,expected_interval_s',
          'M-1,20,5,residential,4000,5000,86400',
          'M-2,DN20,5,residential,,,',
          'M-3,20,13,residential,,,',
          'M-4,20,5,Big Meters,,,',
          'M-5,20,5,residential,4000,3000,',
          'M-6,20,5,residential,,,0',
          'M-1,25,5,residential,,,',
          ',20,5,residential,,,',
          'M-9,20',
        ].join('\n'),
      ),
    ).toEqual([
      'line 3, field diameter_mm: must be a whole number from 6 to 3000',
      'line 4, field register_digits: must be a whole number from 1 to 12',
      'line 5, field meter_class: must be lower-case letters, digits, _ or - (as the validation config names classes)',
      'line 6, field q4_lph: the overload flow Q4 is below the permanent flow Q3 (4000 L/h)',
      'line 7, field expected_interval_s: must be a whole number from 1 to 31622400',
      'line 8, field meter_id: repeats the meter of line 2',
      'line 9, field meter_id: is required',
      'line 10: has 2 fields, the header has 7',
    ]);
  });

  it('reads what meterflow simulate --meters-out writes, meter for meter', () => {
    const fleet = testFleet({ meters: 30, commercialShare: 0.3 });
    const r = readMeterCsv(metersCsv(fleet));
    if (!r.ok) throw new Error(r.problems.map(formatCsvProblem).join('; '));
    expect(r.meters.map((m) => m.meterId)).toEqual(fleet.meters.map((m) => m.meterId));
    for (const [i, m] of r.meters.entries()) {
      const spec = fleet.meters[i]!;
      expect(m).toMatchObject({ diameterMm: spec.diameterMm, registerDigits: spec.registerDigits, q3Lph: spec.q3Lph });
    }
  });

  it('never throws on arbitrary fields: a meter or a named problem', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('meter_id', 'diameter_mm', 'q3_lph', 'q4_lph', 'meter_class'), fc.string()),
        (raw) => {
          const r = checkMeterInput(raw);
          expect('meterId' in r || ('field' in r && r.message.length > 0)).toBe(true);
        },
      ),
    );
  });
});
