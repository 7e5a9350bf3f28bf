/**
 * The meters file of `meterflow meters import` (the file `meterflow simulate --meters-out`
 * writes):
 *
 *   meter_id,serial_number,manufacturer,model,diameter_mm,register_digits,meter_class,q3_lph,q4_lph,expected_interval_s
 *
 * One meter per line, CSV as for devices (gateway/devices/csv-import.ts). The header names the
 * columns the file sets (any order; meter_id is required): an import changes only those columns
 * of meters already registered, and an empty field means "not set" (NULL, or the column's default).
 */
import { readCsvTable, type CsvProblem } from './csv-import.js';
import { checkMeterInput, isFieldProblem, METER_COLUMNS, type MeterColumn, type MeterInput } from './meter-input.js';

export type MeterCsvImport =
  | { ok: true; columns: MeterColumn[]; meters: Array<MeterInput & { line: number }> }
  | { ok: false; problems: CsvProblem[] };

export function readMeterCsv(text: string): MeterCsvImport {
  const table = readCsvTable(text, METER_COLUMNS, 'meter_id');
  if (!table.ok) return table;
  const problems: CsvProblem[] = [];
  const meters: Array<MeterInput & { line: number }> = [];
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    if (!('raw' in r)) {
      problems.push(r);
      continue;
    }
    const checked = checkMeterInput(r.raw);
    if (isFieldProblem(checked)) {
      problems.push({ line: r.line, field: checked.field, message: checked.message });
      continue;
    }
    const earlier = seen.get(checked.meterId);
    if (earlier !== undefined) {
      problems.push({ line: r.line, field: 'meter_id', message: `repeats the meter of line ${earlier}` });
      continue;
    }
    seen.set(checked.meterId, r.line);
    meters.push({ ...checked, line: r.line });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columns: table.names, meters };
}
