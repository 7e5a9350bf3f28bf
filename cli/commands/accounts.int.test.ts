import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../storage/testing.js';
import { runAccountsImport, runArrearsImport, runArrearsShow } from './accounts.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../rating/jobs/fixtures/late-fees/${name}`, import.meta.url));

describe.each(testEngines())('meterflow accounts arrears commands (%s)', (engine) => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    dir = mkdtempSync(join(tmpdir(), 'arrears-'));
    expect((await runAccountsImport(db, fixture('accounts.csv'))).exitCode).toBe(0);
  });
  afterAll(async () => {
    await db?.close();
    if (dir) rmSync(dir, { recursive: true });
  });

  it('imports arrears once: the same facts again, as CSV or JSON, change nothing; a payment updates one', async () => {
    expect(await runArrearsImport(db, fixture('arrears.csv'))).toEqual({
      exitCode: 0,
      stdout: `${fixture('arrears.csv')}: 6 arrears: 6 created, 0 updated, 0 unchanged\n`,
      stderr: '',
    });
    expect((await runArrearsImport(db, fixture('arrears.json'))).stdout).toMatch(
      /: 6 arrears: 0 created, 0 updated, 6 unchanged\n$/,
    );
    const payment = join(dir, 'payment.jsonl');
    writeFileSync(
      payment,
      '{"accountId":"LF-1","bill":"2026-08","amount":"100.00","dueDate":"2026-09-20","paidOn":"2026-10-03"}\n',
    );
    expect((await runArrearsImport(db, payment)).stdout).toMatch(/: 1 arrears: 0 created, 1 updated, 0 unchanged\n$/);
    const shown = await runArrearsShow(db, 'LF-1');
    expect(
      shown.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([{ accountId: 'LF-1', bill: '2026-08', amount: '100.00', dueDate: '2026-09-20', paidOn: '2026-10-03' }]);
  });

  it('imports nothing from a file with a problem, naming the line and field of each', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'account,bill,amount,due_date\nLF-2,2026-10,1.005,2026-11-10\nNOPE,2026-09,1.00,2026-10-10\nLF-5,2026-10,2.00,2026-11-10\n',
    );
    const refused = await runArrearsImport(db, bad);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe(
      `meterflow accounts arrears import: RATING_ARREARS_INVALID: ${bad} has 1 problem(s); nothing was imported\n` +
        'line 2, column amount: must be an amount like "184.82" (digits, at most 2 decimals)\n',
    );
    // once the file is well-formed, the unknown account is the problem
    writeFileSync(bad, 'account,bill,amount,due_date\nNOPE,2026-09,1.00,2026-10-10\nLF-5,2026-10,2.00,2026-11-10\n');
    expect((await runArrearsImport(db, bad)).stderr).toContain('line 2, column account: account NOPE is not imported');
    expect((await runArrearsShow(db, 'LF-5')).stdout).not.toContain('"bill":"2026-10"');
    expect((await runArrearsImport(db, join(dir, 'arrears.txt'))).stderr).toContain(
      'the file name must end in .csv, .json, .jsonl or .ndjson',
    );
  });
});
