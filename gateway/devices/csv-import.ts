/**
 * The device CSV file of `meterflow devices import`:
 *
 *   device_id,transport,decoder,model,meter_id,aes_key,secret[,pulse_volume_ml,meter_time_zone]
 *
 * One device per line; UTF-8; fields may be quoted ("a,b", "" for a quote); empty fields mean
 * "not set". The header names the columns (any order; device_id is required, unknown columns are
 * refused). Every problem names its line and field; keys and secrets are never repeated.
 */
import { checkDeviceInput, isProblem, type DeviceInput, type RawDeviceInput } from './device-input.js';

const COLUMNS = [
  'device_id',
  'transport',
  'decoder',
  'model',
  'meter_id',
  'aes_key',
  'secret',
  'pulse_volume_ml',
  'meter_time_zone',
] as const;

export interface CsvProblem {
  line: number;
  field?: string;
  message: string;
}

export type CsvImport =
  { ok: true; devices: Array<DeviceInput & { line: number }> } | { ok: false; problems: CsvProblem[] };

/** Splits CSV text into records of fields, with the line each record starts on. */
export function parseCsv(text: string): { records: Array<{ line: number; fields: string[] }>; problem?: CsvProblem } {
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f !== '') || fields.length > 1) records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      fieldStarted = false;
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) return { records, problem: { line: recordLine, message: 'a quoted field is not closed' } };
  fields.push(field);
  if (fields.some((f) => f !== '') || fields.length > 1) records.push({ line: recordLine, fields });
  return { records };
}

/**
 * The header and the records of a registry CSV file as raw fields by column name. The header
 * names the columns (any order, a subset of `columns`, `key` required); a record with another
 * number of fields than the header comes as its problem, in its place.
 */
export function readCsvTable<C extends string>(
  text: string,
  columns: readonly C[],
  key: C,
):
  | { ok: true; names: C[]; rows: Array<{ line: number; raw: Partial<Record<C, string>> } | CsvProblem> }
  | { ok: false; problems: CsvProblem[] } {
  const { records, problem } = parseCsv(text);
  if (problem) return { ok: false, problems: [problem] };
  const header = records.shift();
  if (!header) return { ok: false, problems: [{ line: 1, message: 'the file is empty (expected a header line)' }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const problems: CsvProblem[] = [];
  names.forEach((n) => {
    if (!(columns as readonly string[]).includes(n))
      problems.push({ line: header.line, field: n, message: `unknown column (known: ${columns.join(', ')})` });
  });
  if (!names.includes(key))
    problems.push({ line: header.line, field: key, message: `the header has no ${key} column` });
  if (problems.length > 0) return { ok: false, problems };
  const rows: Array<{ line: number; raw: Partial<Record<C, string>> } | CsvProblem> = [];
  for (const r of records) {
    if (r.fields.length !== names.length) {
      rows.push({ line: r.line, message: `has ${r.fields.length} fields, the header has ${names.length}` });
      continue;
    }
    const raw: Partial<Record<C, string>> = {};
    names.forEach((n, i) => {
      raw[n as C] = r.fields[i];
    });
    rows.push({ line: r.line, raw });
  }
  return { ok: true, names: names as C[], rows };
}

export function readDeviceCsv(text: string, knownDecoder?: (id: string) => boolean): CsvImport {
  const table = readCsvTable(text, COLUMNS, 'device_id');
  if (!table.ok) return table;
  const problems: CsvProblem[] = [];
  const devices: Array<DeviceInput & { line: number }> = [];
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    if (!('raw' in r)) {
      problems.push(r);
      continue;
    }
    const checked = checkDeviceInput(r.raw as RawDeviceInput, knownDecoder);
    if (isProblem(checked)) {
      problems.push({ line: r.line, field: checked.field, message: checked.message });
      continue;
    }
    const earlier = seen.get(checked.deviceId);
    if (earlier !== undefined) {
      problems.push({ line: r.line, field: 'device_id', message: `repeats the device of line ${earlier}` });
      continue;
    }
    seen.set(checked.deviceId, r.line);
    devices.push({ ...checked, line: r.line });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, devices };
}

export function formatCsvProblem(p: CsvProblem): string {
  return `line ${p.line}${p.field ? `, field ${p.field}` : ''}: ${p.message}`;
}
