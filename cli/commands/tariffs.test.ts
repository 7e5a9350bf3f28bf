import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { registerTariffs, runTariffsShow, runTariffsValidate } from './tariffs.js';

const tariff = (name: string) => fileURLToPath(new URL(`../../rating/tariffs/examples/${name}.yaml`, import.meta.url));

describe('meterflow tariffs', () => {
  it('validates a good tariff and names its versions and categories', async () => {
    const output = await runTariffsValidate(tariff('beijing-non-residential'));
    expect(output.exitCode).toBe(0);
    expect(output.stdout).toMatch(
      /valid tariff beijing-non-residential; versions from 2014-05-01, 2016-05-01; categories non_residential, special_industry/,
    );
  });

  it('flags the illustrative tariff as such', async () => {
    expect((await runTariffsValidate(tariff('illustrative-two-part'))).stdout).toContain('[ILLUSTRATIVE]');
  });

  it('rejects a bad tariff with each field path on stderr and exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tariffs-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'bad',
        name: 'bad',
        currency: 'CNY',
        policies: {
          volumeResolution: 'm3',
          moneyRounding: { mode: 'halfUp', scope: 'line' },
          split: { method: 'byDays', resolution: 'wholeM3' },
        },
        versions: [
          {
            effectiveFrom: '2024-01-01',
            categories: {
              residential: {
                components: [
                  {
                    kind: 'tiered',
                    name: 'water',
                    basis: 'period',
                    thresholdProration: 'none',
                    tiers: [{ upToM3: 30, price: '2' }, { upToM3: 20, price: '3' }, { price: '4' }],
                  },
                ],
              },
            },
          },
        ],
      }),
    );
    const output = await runTariffsValidate(file);
    expect(output.exitCode).toBe(1);
    expect(output.stderr).toBe(
      "meterflow tariffs validate: RATING_TARIFF_INVALID: tariff is invalid:\nversions[0].categories.residential.components[0].tiers[1].upToM3: must be greater than the previous tier's (30)\n",
    );
  });

  it('shows a readable outline, or the normalised JSON with --json', async () => {
    const outline = await runTariffsShow(tariff('shenzhen-2022-residential'), {});
    expect(outline.stdout).toContain(
      'water_supply: tiered per billing period [≤22 m³: 2.67 | ≤30 m³: 4.01 | above: 8.01] per m³',
    );
    expect(outline.stdout).toContain(
      'sewage: sewage [0.90 | 1.00 | 1.10] by tier of water_supply per m³ on 1 of the volume',
    );
    const json = await runTariffsShow(tariff('shenzhen-2022-residential'), { json: true });
    expect(JSON.parse(json.stdout).lateFee).toEqual({ ratePerDay: '0.005', startsAfter: 'dueDate', graceDays: 0 });
  });

  it('documents both subcommands in --help', () => {
    const program = new Command('meterflow');
    registerTariffs(program);
    const tariffs = program.commands.find((command) => command.name() === 'tariffs');
    const help = tariffs?.helpInformation() ?? '';
    expect(help).toMatch(/validate <file>\s+validate a tariff file/);
    expect(help).toMatch(/show \[options\] <file>\s+print a tariff file/);
    const show = tariffs?.commands.find((command) => command.name() === 'show')?.helpInformation() ?? '';
    expect(show).toMatch(/--json\s+print the validated tariff/);
  });
});
