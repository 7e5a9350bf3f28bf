/**
 * The worker pool loads its worker both ways it is deployed: from TypeScript source (tsx loader
 * passed to the threads) and compiled to JavaScript (the .js file beside the compiled pool
 * module). The compiled case transpiles rating/ into a scratch folder and runs the pool from it.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleTariff } from '../testing/fixtures.js';
import { createRatingPool, workerEntry, type RatingPool } from './pool.js';
import { rateBatch } from './rate-batch.js';
import type { ItemsTask, RateTask } from './task.js';

const ratingDir = fileURLToPath(new URL('..', import.meta.url));
const rootDir = join(ratingDir, '..');

function task(output: RateTask['output']): ItemsTask {
  const tariff = exampleTariff('shenzhen-2022-residential');
  const items = [10, 25, 40, 0].map((m3, i) => ({
    tariffId: tariff.id,
    adjustments:
      i === 1
        ? [{ adjustmentId: 7, fromPeriod: '2026-09', amount: '-3.10', finalTotal: '20.00', reratedTotal: '16.90' }]
        : [],
    input: {
      account: {
        accountId: `A${i}`,
        categoryHistory: [{ from: '2020-01-01', category: 'residential' }],
        meters: [{ meterId: `M${i}`, installedOn: '2020-01-01', initialRegisterMl: 0, registerDigits: 5 }],
        billingCycle: { readingDay: 1, months: 1 },
      },
      period: { start: '2026-10-01', end: '2026-11-01' },
      registers: [
        { meterId: `M${i}`, on: '2026-10-01', registerMl: 1_000_000, quality: 'actual' as const, readingIds: ['r1'] },
        {
          meterId: `M${i}`,
          on: '2026-11-01',
          registerMl: 1_000_000 + m3 * 1_000_000,
          quality: 'actual' as const,
          readingIds: ['r2'],
        },
      ],
    },
  }));
  return { kind: 'items', periodId: '2026-10', output, tariffs: { [tariff.id]: tariff }, items, maxChunkBytes: 4096 };
}

function transpileRating(outDir: string): void {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : walk(path);
      return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
    });
  // the worker also loads the estimator's interpolation from gateway/validation
  const validation = ['estimation.ts', 'daily-profile.ts'].map((name) => join(rootDir, 'gateway', 'validation', name));
  for (const file of [...walk(ratingDir), ...validation]) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: file,
    });
    const target = join(outDir, relative(rootDir, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
}

describe('rating worker pool', () => {
  const pools: RatingPool[] = [];
  const scratch = join(rootDir, 'node_modules', '.cache', `meterflow-worker-test-${process.pid}`);
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
    rmSync(scratch, { recursive: true, force: true });
  });

  it('runs the TypeScript worker through the tsx loader and returns what rateBatch returns', async () => {
    const entry = workerEntry();
    expect(entry.filename).toMatch(/rate-worker\.ts$/);
    expect(entry.execArgv[0]).toBe('--import');
    const pool = createRatingPool({ workers: 2 });
    pools.push(pool);
    for (const output of ['copy', 'json', 'totals'] as const) {
      expect(await pool.run(task(output))).toEqual(rateBatch(task(output)));
    }
  });

  it('runs the compiled worker: the .js file beside the compiled pool module, with no loader', async () => {
    transpileRating(scratch);
    const compiled = (await import(
      pathToFileURL(join(scratch, 'rating', 'worker', 'pool.js')).href
    )) as typeof import('./pool.js');
    const entry = compiled.workerEntry();
    expect(entry).toEqual({
      filename: pathToFileURL(join(scratch, 'rating', 'worker', 'rate-worker.js')).href,
      execArgv: [],
    });
    const pool = compiled.createRatingPool({ workers: 1 });
    pools.push(pool);
    expect(await pool.run(task('copy'))).toEqual(rateBatch(task('copy')));
  });

  it('returns failures as plain data with their code instead of throwing', async () => {
    const broken = task('copy');
    broken.items[0]!.input.registers = [];
    const result = rateBatch(broken);
    expect(result.failures).toEqual([
      expect.objectContaining({ accountId: 'A0', code: 'RATING_NO_READING', kind: 'invalidInput' }),
    ]);
    expect(result.billCount).toBe(3);
  });
});
