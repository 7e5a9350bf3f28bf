import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../storage/testing.js';
import { runAccountsImport } from '../../cli/commands/accounts.js';
import { runTariffsImport, runTariffsList } from '../../cli/commands/tariffs.js';
import { listAccounts, showAccount } from './store.js';
import { parseAccountsText } from './parse-file.js';

const fixturePath = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const tariffPath = (name: string) => fileURLToPath(new URL(`../tariffs/examples/${name}.yaml`, import.meta.url));

describe.each(testEngines())('accounts and tariffs in the database (%s)', (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await db?.close();
  });

  const snapshot = async () =>
    (
      await db.pool.query<{ account_id: string; updated_at: Date; import_checksum: string }>(
        'SELECT account_id, updated_at, import_checksum FROM accounts ORDER BY account_id',
      )
    ).rows;

  it('imports accounts once: a re-import of the same facts, in either format, changes nothing', async () => {
    const first = await runAccountsImport(db, fixturePath('accounts.csv'));
    expect(first).toMatchObject({ exitCode: 0 });
    expect(first.stdout).toContain('2 created, 0 updated, 0 unchanged');
    const before = await snapshot();
    const again = await runAccountsImport(db, fixturePath('accounts.json'));
    expect(again.stdout).toContain('0 created, 0 updated, 2 unchanged');
    expect(await snapshot()).toEqual(before);
  });

  it('reads back what was imported, with the exchange as removal and installation in the account time zone', async () => {
    const expected = parseAccountsText(readFileSync(fixturePath('accounts.csv'), 'utf8'), 'csv').accounts;
    for (const account of expected) expect(await showAccount(db.pool, account.accountId)).toEqual(account);
    const installedAt = await db.pool.query<{ installed_at: Date }>(
      "SELECT installed_at FROM meter_installations WHERE meter_id = 'SJZ-M-2002'",
    );
    expect(installedAt.rows[0]?.installed_at.toISOString()).toBe('2024-03-10T16:00:00.000Z');
  });

  it('replaces a changed account with its histories and leaves the others untouched', async () => {
    const before = await snapshot();
    const changed = readFileSync(fixturePath('accounts.json'), 'utf8').replace('"persons": 3', '"persons": 4');
    const path = `${fixturePath('accounts.json')}.changed.json`;
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(path, changed);
    try {
      const result = await runAccountsImport(db, path);
      expect(result.stdout).toContain('0 created, 1 updated, 1 unchanged');
    } finally {
      rmSync(path);
    }
    const after = await snapshot();
    expect(after.find((r) => r.account_id === 'SJZ-QIAOXI-B-0088')).toEqual(
      before.find((r) => r.account_id === 'SJZ-QIAOXI-B-0088'),
    );
    expect((await showAccount(db.pool, 'SZ-FUTIAN-10233'))?.householdSizes).toEqual([
      { from: '2019-06-01', persons: 4 },
    ]);
  });

  it('imports nothing from a file with a bad line, and says which line and column', async () => {
    const { writeFileSync, rmSync } = await import('node:fs');
    const path = `${fixturePath('accounts.csv')}.bad.csv`;
    writeFileSync(
      path,
      'account,event,date,reading_day,category\nNEW-1,open,2024-01-01,1,\nNEW-1,category,2024-13-01,,residential\n',
    );
    try {
      const result = await runAccountsImport(db, path);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain('RATING_ACCOUNTS_INVALID');
      expect(result.stderr).toContain('line 3, column date: must be a real date "YYYY-MM-DD"');
    } finally {
      rmSync(path);
    }
    expect(await showAccount(db.pool, 'NEW-1')).toBeNull();
  });

  it('lists accounts in key order a page at a time', async () => {
    const first = await listAccounts(db.pool, { limit: 1 });
    const second = await listAccounts(db.pool, { after: first[0]!.accountId, limit: 5 });
    expect([...first, ...second].map((a) => a.accountId)).toEqual(['SJZ-QIAOXI-B-0088', 'SZ-FUTIAN-10233']);
    expect(second[0]).toMatchObject({ category: 'residential', meterId: 'SZ-NB-868120', readingDay: 1 });
  });

  it('imports a tariff once, maps its categories, and remaps a category to a later tariff', async () => {
    const created = await runTariffsImport(db, tariffPath('shijiazhuang-by-category'), {});
    expect(created.stdout).toContain('tariff shijiazhuang-by-category created');
    expect(created.stdout).toContain('residential: (none) -> shijiazhuang-by-category');
    const again = await runTariffsImport(db, tariffPath('shijiazhuang-by-category'), {});
    expect(again.stdout).toBe(`${tariffPath('shijiazhuang-by-category')}: tariff shijiazhuang-by-category unchanged\n`);
    const remap = await runTariffsImport(db, tariffPath('shenzhen-2022-residential'), { categories: 'residential' });
    expect(remap.stdout).toContain('residential: shijiazhuang-by-category -> shenzhen-2022-residential');
    const refused = await runTariffsImport(db, tariffPath('shenzhen-2022-residential'), { categories: 'commercial' });
    expect(refused.stderr).toContain('RATING_CATEGORY_NOT_PRICED');
    const list = await runTariffsList(db, { json: true });
    const rows = list.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { tariffId: string; categories: string[] });
    expect(rows.map((r) => [r.tariffId, r.categories])).toEqual([
      ['shenzhen-2022-residential', ['residential']],
      ['shijiazhuang-by-category', ['administrative', 'commercial', 'operational', 'special_industry']],
    ]);
  });
});
