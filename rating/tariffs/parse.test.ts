import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseTariffText, validateTariff } from './parse.js';
import { versionOn } from './select.js';

const examplesDir = fileURLToPath(new URL('./examples/', import.meta.url));
const exampleFiles = readdirSync(examplesDir).filter((file) => file.endsWith('.yaml'));
const read = (file: string) => readFileSync(`${examplesDir}${file}`, 'utf8');

/** A small valid tariff to break one field at a time. */
function baseTariff() {
  return parseYaml(read('beijing-2014-residential.yaml'));
}

function issuesOf(value: unknown): string[] {
  const result = validateTariff(value);
  if (result.ok) return [];
  expect(result.error.code).toBe('RATING_TARIFF_INVALID');
  return (result.error.issues ?? []).map((issue) => `${issue.path}: ${issue.message}`);
}

describe('example tariffs', () => {
  it.each(exampleFiles)('%s is valid', (file) => {
    const result = parseTariffText(read(file), 'yaml');
    expect(result.ok ? 'valid' : result.error.message).toBe('valid');
  });

  it('marks the two-part tariff as illustrative, and only that one', () => {
    const illustrative = exampleFiles.filter((file) => {
      const result = parseTariffText(read(file), 'yaml');
      return result.ok && result.value.illustrative;
    });
    expect(illustrative).toEqual(['illustrative-two-part.yaml']);
    expect(read('illustrative-two-part.yaml')).toMatch(/ILLUSTRATIVE ONLY: NOT A PUBLISHED TARIFF/);
  });

  it('reads the same tariff from JSON as from YAML', () => {
    const yaml = parseTariffText(read('shenzhen-2022-residential.yaml'), 'yaml');
    const json = parseTariffText(JSON.stringify(parseYaml(read('shenzhen-2022-residential.yaml'))), 'json');
    expect(json).toEqual(yaml);
  });

  it('fills in the default time zone Asia/Shanghai', () => {
    const value = baseTariff();
    delete value.timeZone;
    const result = validateTariff(value);
    expect(result.ok && result.value.timeZone).toBe('Asia/Shanghai');
  });

  it('picks the version in force on a day: effective on day E applies to days ≥ E', () => {
    const result = parseTariffText(read('beijing-non-residential.yaml'), 'yaml');
    if (!result.ok) throw new Error(result.error.message);
    expect(versionOn(result.value, '2016-04-30')?.effectiveFrom).toBe('2014-05-01');
    expect(versionOn(result.value, '2016-05-01')?.effectiveFrom).toBe('2016-05-01');
    expect(versionOn(result.value, '2014-04-30')).toBeUndefined();
  });
});

describe('validation errors name the bad field path', () => {
  it('tier bounds must increase', () => {
    const value = baseTariff();
    value.versions[0].categories.residential.components[0].tiers[1].upToM3 = 150;
    expect(issuesOf(value)).toEqual([
      "versions[0].categories.residential.components[0].tiers[1].upToM3: must be greater than the previous tier's (180)",
    ]);
  });

  it('a tier bound is required on every tier but the last, and absent on the last', () => {
    const value = baseTariff();
    const tiers = value.versions[0].categories.residential.components[0].tiers;
    delete tiers[1].upToM3;
    tiers[2].upToM3 = 400;
    expect(issuesOf(value)).toEqual([
      'versions[0].categories.residential.components[0].tiers[1].upToM3: required on every tier but the last',
      'versions[0].categories.residential.components[0].tiers[2].upToM3: must be absent on the last tier (it is open-ended)',
    ]);
  });

  it('prices must be decimal strings, never binary floats', () => {
    const value = baseTariff();
    value.versions[0].categories.residential.components[1].price = 1.57;
    expect(issuesOf(value)).toEqual([
      'versions[0].categories.residential.components[1].price: must be a decimal string like "2.07" (quoted, so that it is never a binary float)',
    ]);
  });

  it('unknown fields are reported, not ignored', () => {
    const value = baseTariff();
    value.policies.roundingMode = 'halfUp';
    expect(issuesOf(value)).toEqual(['policies: unknown field "roundingMode"']);
  });

  it('an unknown component kind lists the known ones', () => {
    const value = baseTariff();
    value.versions[0].categories.residential.components[1].kind = 'surcharge';
    expect(issuesOf(value)).toEqual([
      "versions[0].categories.residential.components[1].kind: must be one of 'tiered' | 'flat' | 'sewage' | 'fixed' | 'twoPart' | 'minimum'",
    ]);
  });

  it('annual tiers need a tier year', () => {
    const value = baseTariff();
    delete value.policies.tierYear;
    expect(issuesOf(value)).toEqual([
      'policies.tierYear: required because versions[0].categories.residential.components[0] has annual tiers',
    ]);
  });

  it('versions must be in effective-date order', () => {
    const value = parseYaml(read('beijing-non-residential.yaml'));
    value.versions[1].effectiveFrom = '2014-05-01';
    expect(issuesOf(value)).toEqual([
      'versions[1].effectiveFrom: must be after versions[0].effectiveFrom (2014-05-01)',
    ]);
  });

  it('sewage by tier must follow a tiered component with as many tiers', () => {
    const value = parseYaml(read('shenzhen-2022-residential.yaml'));
    value.versions[0].categories.residential.components[1].tierPrices = ['0.90', '1.00'];
    value.versions[0].categories.residential_collective.components[1].tiersOf = 'garbage_fee';
    expect(issuesOf(value)).toEqual([
      'versions[0].categories.residential.components[1].tierPrices: must have one price per tier of "water_supply" (3)',
      'versions[0].categories.residential_collective.components[1].tiersOf: must name a tiered component of this category, not "garbage_fee"',
    ]);
  });

  it('dates, month-days, coefficients and time zones are checked', () => {
    const value = baseTariff();
    value.versions[0].effectiveFrom = '2014-02-30';
    value.policies.tierYear.start = '02-29';
    value.versions[0].categories.residential.components[2].dischargeCoefficient = '1.2';
    value.timeZone = 'Mars/Olympus';
    expect(issuesOf(value)).toEqual([
      'timeZone: must be an IANA time zone such as "Asia/Shanghai"',
      'policies.tierYear.start: must be a month-day "MM-DD" (02-29 is not allowed)',
      'versions[0].effectiveFrom: must be a real date "YYYY-MM-DD"',
      'versions[0].categories.residential.components[2].dischargeCoefficient: must be between "0" and "1"',
    ]);
  });

  it('duplicate component names in a category are refused', () => {
    const value = baseTariff();
    value.versions[0].categories.residential.components[2].name = 'water_resource_fee';
    expect(issuesOf(value)).toEqual([
      'versions[0].categories.residential.components[2].name: "water_resource_fee" is already used in this category',
    ]);
  });

  it('reports text that is not YAML or JSON as a syntax error', () => {
    const yaml = parseTariffText('id: [unclosed', 'yaml');
    expect(yaml.ok ? null : yaml.error.code).toBe('RATING_TARIFF_SYNTAX');
    const json = parseTariffText('{"id": ', 'json');
    expect(json.ok ? null : json.error.code).toBe('RATING_TARIFF_SYNTAX');
  });
});
