import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { registerQuote, runQuote } from './quote.js';

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const tariff = (name: string) => repo(`rating/tariffs/examples/${name}.yaml`);
const example = (name: string) => repo(`rating/examples/${name}.json`);

/** Each shipped quote input with the tariff it is written for and its expected totals. */
const examples = [
  {
    input: 'beijing-household-of-7',
    tariff: 'beijing-2014-residential',
    totals: ['750.00', '520.00'],
    total: '1270.00',
  },
  { input: 'shenzhen-monthly', tariff: 'shenzhen-2022-residential', totals: ['184.82', '79.50'], total: '264.32' },
  { input: 'beijing-2016-price-change', tariff: 'beijing-non-residential', totals: ['878.45'], total: '878.45' },
  { input: 'meter-exchange', tariff: 'shijiazhuang-by-category', totals: ['51.80'], total: '51.80' },
  { input: 'two-part-illustrative', tariff: 'illustrative-two-part', totals: ['616.80', '245.70'], total: '862.50' },
];

describe('meterflow quote', () => {
  it.each(examples)(
    'rates rating/examples/$input.json with $tariff',
    async ({ input, tariff: name, totals, total }) => {
      const output = await runQuote({ tariff: tariff(name), input: example(input) });
      expect(output.stderr).toBe('');
      expect(output.exitCode).toBe(0);
      const parsed = JSON.parse(output.stdout);
      expect(parsed.periods.map((period: { totals: { amount: string } }) => period.totals.amount)).toEqual(totals);
      expect(parsed.total).toBe(total);
    },
  );

  it('carries the year-to-date volume and the remainder from one period to the next', async () => {
    const output = await runQuote({
      tariff: tariff('beijing-2014-residential'),
      input: example('beijing-household-of-7'),
    });
    const [first, second] = JSON.parse(output.stdout).periods;
    expect(first.carryOver).toEqual({
      tierYearToDate: { tierYearStart: '2024-01-01', volumeMl: 150_000_000 },
      volumeRemainderMl: 0,
    });
    expect(second.carryOver).toEqual({
      tierYearToDate: { tierYearStart: '2024-01-01', volumeMl: 250_000_000 },
      volumeRemainderMl: 400_000,
    });
  });

  it('prints a readable table with --table', async () => {
    const output = await runQuote({
      tariff: tariff('shenzhen-2022-residential'),
      input: example('shenzhen-monthly'),
      table: true,
    });
    expect(output.stdout).toContain('2024-03-01..2024-04-01  water_supply     1  22   2.67       58.74');
    expect(output.stdout).toContain('total 184.82 CNY');
    expect(output.stdout).toContain('warning RATING_ESTIMATED_READING');
    expect(output.stdout).toContain('total of 2 periods: 264.32 CNY');
  });

  it('reports an unreadable file with its code and exit code 1', async () => {
    const output = await runQuote({ tariff: tariff('no-such-tariff'), input: example('meter-exchange') });
    expect(output.exitCode).toBe(1);
    expect(output.stderr).toMatch(/^meterflow quote: RATING_FILE_UNREADABLE: cannot read /);
  });

  it('reports every bad input field with its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quote-'));
    const bad = JSON.parse(readFileSync(example('meter-exchange'), 'utf8'));
    bad.registers[0].registerMl = 1.5;
    bad.account.billingCycle.readingDay = 31;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const output = await runQuote({ tariff: tariff('shijiazhuang-by-category'), input: join(dir, 'bad.json') });
    expect(output.exitCode).toBe(1);
    expect(output.stderr).toContain('RATING_INPUT_INVALID');
    expect(output.stderr).toContain('account.billingCycle.readingDay: ');
    expect(output.stderr).toContain('registers[0].registerMl: must be a whole number of millilitres');
  });

  it('refuses periods that do not follow each other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quote-'));
    const gap = JSON.parse(readFileSync(example('two-part-illustrative'), 'utf8'));
    gap.periods[1].start = '2024-04-02';
    writeFileSync(join(dir, 'gap.json'), JSON.stringify(gap));
    const output = await runQuote({ tariff: tariff('illustrative-two-part'), input: join(dir, 'gap.json') });
    expect(output.stderr).toMatch(
      /RATING_PERIODS_NOT_CONSECUTIVE: period 1 starts on 2024-04-02, not where period 0 ends \(2024-04-01\)/,
    );
  });

  it('documents every option in --help', () => {
    const program = new Command('meterflow');
    registerQuote(program);
    const help = program.commands.find((command) => command.name() === 'quote')?.helpInformation() ?? '';
    expect(help).toMatch(/--tariff <file>\s+tariff file/);
    expect(help).toMatch(/--input <file>\s+account facts/);
    expect(help).toMatch(/--table\s+print a readable table/);
  });
});
