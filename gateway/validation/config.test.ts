import { describe, expect, it } from 'vitest';
import { parseValidationConfig } from './config.js';
import { ThresholdTable } from './thresholds.js';

describe('validation config', () => {
  it('reads per-class thresholds from YAML and layers them over the defaults', () => {
    const config = parseValidationConfig(
      'defaults:\n  gapFactor: 3\nclasses:\n  campus:\n    leakWindowS: 43200\n',
      'vee.yaml',
    );
    const table = new ThresholdTable(config);
    expect(table.forClass('campus')).toMatchObject({ gapFactor: 3, leakWindowS: 43_200 });
    expect(table.forClass('residential')).toMatchObject({ gapFactor: 3, leakWindowS: 86_400 });
  });

  it('reads JSON too, and an empty document is the defaults', () => {
    expect(parseValidationConfig('{"classes":{"bulk":{"zeroConsumptionDays":1}}}', 'vee.json')).toEqual({
      classes: { bulk: { zeroConsumptionDays: 1 } },
    });
    expect(parseValidationConfig('', 'vee.yaml')).toEqual({});
  });

  const rejected: Array<[string, string, string]> = [
    ['an unknown threshold', 'defaults:\n  gapFactr: 3\n', 'vee.yaml: defaults'],
    ['a negative value', 'classes:\n  bulk:\n    leakWindowS: -1\n', 'vee.yaml: classes.bulk.leakWindowS'],
    ['a fractional millilitre', 'defaults:\n  registerResolutionMl: 0.5\n', 'vee.yaml: defaults.registerResolutionMl'],
    ['a string for a number', 'defaults:\n  gapFactor: "2"\n', 'vee.yaml: defaults.gapFactor'],
    ['an unknown section', 'thresholds: {}\n', 'vee.yaml'],
  ];
  for (const [name, text, variable] of rejected) {
    it(`rejects ${name}, naming the field`, () => {
      try {
        parseValidationConfig(text, 'vee.yaml');
        expect.unreachable();
      } catch (err) {
        expect(err).toMatchObject({ code: 'CONFIG_INVALID', variable });
      }
    });
  }
});
