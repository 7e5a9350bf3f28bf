/**
 * The demo's tariffs: two of the published examples shipped with the rating engine, Shenzhen's
 * 2022 residential tiers for households and Beijing's non-residential price for businesses.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { loadTariffFile } from '../../rating/tariffs/load.js';
import { importTariff } from '../../rating/tariffs/store.js';

export const DEMO_TARIFFS: ReadonlyArray<{ file: string; categories: string[] }> = [
  { file: 'shenzhen-2022-residential.yaml', categories: ['residential'] },
  { file: 'beijing-non-residential.yaml', categories: ['non_residential'] },
];

/** rating/tariffs/examples, from the source tree or from the compiled one (dist/). */
export function exampleTariffsDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [
    join(here, '..', '..', 'rating', 'tariffs', 'examples'),
    join(here, '..', '..', '..', 'rating', 'tariffs', 'examples'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, DEMO_TARIFFS[0]!.file)));
  if (found === undefined) throw new Error(`the example tariffs are not in ${candidates.join(' or ')}`);
  return found;
}

export async function importDemoTariffs(pool: pg.Pool): Promise<void> {
  const dir = exampleTariffsDir();
  for (const { file, categories } of DEMO_TARIFFS) {
    const tariff = await loadTariffFile(join(dir, file));
    if (!tariff.ok) throw new Error(`${file}: ${tariff.error.code}: ${tariff.error.message}`);
    const imported = await importTariff(pool, tariff.value, categories);
    if (!imported.ok) throw new Error(`${file}: ${imported.error.code}: ${imported.error.message}`);
  }
}
