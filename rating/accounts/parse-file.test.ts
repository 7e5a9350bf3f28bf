import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { accountChecksum } from './canonical.js';
import { parseCsv } from './csv.js';
import { parseAccountsText } from './parse-file.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
const HEADER = 'account,event,date,reading_day,category,persons,meter,register_ml,new_meter,new_register_ml';

describe('accounts import files', () => {
  it('reads the CSV event format: an exchange becomes a removal with the final register and an installation', () => {
    const parsed = parseAccountsText(fixture('accounts.csv'), 'csv');
    expect(parsed.issues).toEqual([]);
    const sjz = parsed.accounts.find((a) => a.accountId === 'SJZ-QIAOXI-B-0088')!;
    expect(sjz.meters).toEqual([
      {
        meterId: 'SJZ-M-1001',
        installedOn: '2018-01-01',
        initialRegisterMl: 0,
        removedOn: '2024-03-11',
        finalRegisterMl: 1240250000,
        registerDigits: 5,
        diameterMm: 20,
      },
      {
        meterId: 'SJZ-M-2002',
        installedOn: '2024-03-11',
        initialRegisterMl: 120000,
        registerDigits: 5,
        diameterMm: 20,
      },
    ]);
    expect(sjz.timeZone).toBe('Asia/Shanghai');
    const sz = parsed.accounts.find((a) => a.accountId === 'SZ-FUTIAN-10233')!;
    expect(sz.name).toBe('Li, Wei');
    expect(sz.householdSizes).toEqual([{ from: '2019-06-01', persons: 3 }]);
  });

  it('gives the same accounts, to the checksum, from the CSV and the JSON form of the same facts', () => {
    const csv = parseAccountsText(fixture('accounts.csv'), 'csv');
    const json = parseAccountsText(fixture('accounts.json'), 'json');
    expect(json.issues).toEqual([]);
    expect(json.accounts.map(accountChecksum)).toEqual(csv.accounts.map(accountChecksum));
  });

  it('names the line and column of a bad CSV value', () => {
    const text = `${HEADER}\nA1,open,2024-01-01,x1,,,,,,\nA1,category,2024-01-01,,Residential,,,,,\nA1,household,2024-01-01,,,0,,,,\n`;
    const { issues, accounts } = parseAccountsText(text, 'csv');
    expect(accounts).toEqual([]);
    expect(issues).toContainEqual({
      path: 'line 2, column reading_day',
      message: 'must be a whole number (digits only)',
    });
    const more = parseAccountsText(
      `${HEADER}\nA1,open,2024-01-01,1,,,,,,\nA1,category,2024-01-01,,Residential,,,,,\nA1,household,2024-01-01,,,0,,,,\n`,
      'csv',
    );
    expect(more.issues.map((i) => i.path)).toEqual(['line 3, column category', 'line 4, column persons']);
  });

  it('refuses unknown columns, unknown events, values an event does not use, and accounts never opened', () => {
    expect(parseAccountsText('account,event,date,colour\n', 'csv').issues[0]).toMatchObject({
      path: 'line 1, column colour',
    });
    const text = `${HEADER}\nA1,open,2024-01-01,1,,,,,,\nA1,move,2024-01-01,,,,,,,\nA1,category,2024-01-01,,residential,3,,,,\nB2,category,2024-01-01,,residential,,,,,\n`;
    const paths = parseAccountsText(text, 'csv').issues.map((i) => i.path);
    expect(paths).toEqual(['line 3, column event', 'line 4, column persons', 'line 5, column event']);
  });

  it('names the line of an overlapping installation and of a removal without an installation', () => {
    const text = [
      HEADER,
      'A1,open,2024-01-01,1,,,,,,',
      'A1,category,2024-01-01,,residential,,,,,',
      'A1,install,2024-01-01,,,,M1,0,,',
      'A1,install,2024-02-01,,,,M2,0,,',
      'A1,remove,2024-03-01,,,,M9,10,,',
    ].join('\n');
    const { issues } = parseAccountsText(text, 'csv');
    expect(issues[0]).toEqual({
      path: 'line 6, column meter',
      message: 'no earlier install event of meter M9 on account A1',
    });
    const overlap = parseAccountsText(text.split('\n').slice(0, 5).join('\n'), 'csv');
    expect(overlap.issues).toEqual([
      { path: 'line 5, column date', message: 'meter M2 is installed on 2024-02-01 but meter M1 is never removed' },
    ]);
  });

  it('names the line and field path of a bad JSON account, and of a bad JSON-lines record', () => {
    const text = fixture('accounts.json').replace('"installedOn": "2018-01-01"', '"installedOn": "2018-02-30"');
    const { issues } = parseAccountsText(text, 'json');
    expect(issues).toEqual([
      { path: 'line 21, field accounts[1].meters[0].installedOn', message: 'must be a real date "YYYY-MM-DD"' },
    ]);
    const lines =
      '{"accountId":"A","readingDay":1,"categories":[{"from":"2024-01-01","category":"residential"}]}\n\n{"accountId":"B","readingDay":31,"categories":[]}\n';
    expect(parseAccountsText(lines, 'jsonl').issues.map((i) => i.path)).toEqual([
      'line 3, field readingDay',
      'line 3, field categories',
    ]);
  });

  it('refuses an exchange of a meter that is not installed, and a duplicate account', () => {
    const record = {
      accountId: 'A',
      readingDay: 1,
      categories: [{ from: '2024-01-01', category: 'residential' }],
      meters: [{ meterId: 'M1', installedOn: '2024-01-01' }],
      exchanges: [
        { on: '2024-02-01', oldMeterId: 'M7', oldFinalRegisterMl: 1, newMeterId: 'M2', newInitialRegisterMl: 0 },
      ],
    };
    const { issues } = parseAccountsText(
      JSON.stringify([record, { ...record, exchanges: [] }, { ...record, exchanges: [] }]),
      'json',
    );
    expect(issues).toEqual([
      {
        path: 'line 1, field accounts[0].exchanges[0].oldMeterId',
        message: 'meter M7 is not installed on the account before 2024-02-01',
      },
      {
        path: 'line 1, field accounts[2].accountId',
        message: 'account A is already in the file (line 1, field accounts[1].accountId)',
      },
    ]);
  });
});

describe('CSV reader', () => {
  it('reads quoted fields with commas, quotes and line breaks, and keeps the line each record starts on', () => {
    const parsed = parseCsv('a,b\r\n"x, ""y""","two\nlines"\nlast,\n');
    expect(parsed).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x, "y"', 'two\nlines'] },
        { line: 4, fields: ['last', ''] },
      ],
    });
  });

  it('reports an unclosed quote with its line', () => {
    expect(parseCsv('a\n"open\n')).toEqual({ ok: false, line: 2, message: 'a quoted field is not closed' });
  });
});
