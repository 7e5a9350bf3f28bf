import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArrearsText } from './arrears-file.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../jobs/fixtures/late-fees/${name}`, import.meta.url)), 'utf8');
const HEADER = 'account,bill,amount,due_date,notice_date,paid_on';

describe('arrears import files', () => {
  it('reads the same records from the CSV and the JSON form of the same facts', () => {
    const csv = parseArrearsText(fixture('arrears.csv'), 'csv');
    const json = parseArrearsText(fixture('arrears.json'), 'json');
    expect(csv.issues).toEqual([]);
    expect(json.issues).toEqual([]);
    expect(json.records.map((r) => r.record)).toEqual(csv.records.map((r) => r.record));
    expect(csv.records.map((r) => r.record)).toContainEqual({
      accountId: 'LF-4',
      bill: 'INV-0077',
      amount: '80.00',
      noticeDate: '2026-10-01',
    });
  });

  it('reads JSON lines, one record per line', () => {
    const text = '{"accountId":"A1","bill":"2026-08","amount":"12.5","dueDate":"2026-09-15"}\n\n';
    expect(parseArrearsText(text, 'jsonl')).toMatchObject({
      issues: [],
      records: [{ record: { accountId: 'A1', bill: '2026-08', amount: '12.5', dueDate: '2026-09-15' } }],
    });
  });

  it('names the line and column of each bad CSV value and imports nothing', () => {
    const text = [
      HEADER,
      'A1,2026-08,12.345,2026-09-15,,',
      'A1,2026-09,-3,2026-10-15,,',
      'A2,2026-09,10.00,,,',
      'A3,2026-09,10.00,2026-10-15,,2026-13-01',
      'A3,2026-09,11.00,2026-10-15,,',
      'A4,2026-09,0.00,2026-10-15,,',
    ].join('\n');
    const { records, issues } = parseArrearsText(text, 'csv');
    expect(issues).toEqual([
      { path: 'line 2, column amount', message: 'must be an amount like "184.82" (digits, at most 2 decimals)' },
      { path: 'line 3, column amount', message: 'must be an amount like "184.82" (digits, at most 2 decimals)' },
      { path: 'line 4, column due_date', message: 'a due date or a notice date is required' },
      { path: 'line 5, column paid_on', message: 'must be a real date "YYYY-MM-DD"' },
      { path: 'line 7, column amount', message: 'must be more than 0' },
    ]);
    // line 6 is valid on its own; the file as a whole is refused by the caller
    expect(records.map((r) => r.record.amount)).toEqual(['11.00']);
  });

  it('refuses a bill listed twice for one account, naming both lines', () => {
    const text = `${HEADER}\nA1,2026-08,1.00,2026-09-15,,\nA1,2026-08,2.00,2026-09-15,,\n`;
    expect(parseArrearsText(text, 'csv').issues).toEqual([
      {
        path: 'line 3, column bill',
        message: 'bill 2026-08 of account A1 is already in the file (line 2, column bill)',
      },
    ]);
  });

  it('refuses unknown and missing columns, and rows of the wrong width', () => {
    expect(parseArrearsText('account,bill,amount,due,paid_on\n', 'csv').issues).toEqual([
      {
        path: 'line 1, column 4',
        message: 'unknown column "due" (columns: account, bill, amount, due_date, notice_date, paid_on)',
      },
    ]);
    expect(parseArrearsText('account,amount,due_date\nA1,1.00,2026-01-01\n', 'csv').issues).toEqual([
      { path: 'line 1', message: 'the column "bill" is missing' },
    ]);
    expect(parseArrearsText(`${HEADER}\nA1,2026-08,1.00\n`, 'csv').issues).toEqual([
      { path: 'line 2', message: 'has 3 fields, the header has 6' },
    ]);
  });

  it('names the line and field path of a bad JSON record, and refuses amounts given as numbers', () => {
    const text = `{
  "arrears": [
    { "accountId": "A1", "bill": "2026-08", "amount": "1.00", "dueDate": "2026-09-15" },
    {
      "accountId": "A1",
      "bill": "2026-09",
      "amount": 12.5,
      "dueDate": "2026-10-15",
      "paid": "2026-10-20"
    }
  ]
}`;
    const { issues } = parseArrearsText(text, 'json');
    expect(issues).toEqual([
      {
        path: 'line 4, field arrears[1].amount',
        message: 'must be an amount as text like "184.82" (quoted, so that it is never a binary float)',
      },
      { path: 'line 4, field arrears[1]', message: 'unknown field "paid"' },
    ]);
  });
});
