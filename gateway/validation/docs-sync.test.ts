import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VeeErrorCode } from './errors.js';
import { FLAG, FLAG_NAMES } from './flags.js';
import { ALARM_RULES } from './alarm-policy.js';
import { DEFAULT_CLASS_OVERRIDES, DEFAULT_THRESHOLDS, TYPICAL_Q3_LPH_BY_DN } from './thresholds.js';

const doc = readFileSync(fileURLToPath(new URL('../../docs/validation.md', import.meta.url)), 'utf8');

describe('docs/validation.md', () => {
  it('lists every flag with its bit number, and no other', () => {
    const rows = [...doc.matchAll(/^\|\s*(\d+)\s*\|\s*`([a-z_]+)`\s*\|/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(rows).toEqual(FLAG_NAMES.map((n) => [Math.log2(FLAG[n]), n]));
  });

  it('lists every error code', () => {
    const documented = [...doc.matchAll(/^\|\s*`(VEE_[A-Z_]+)`\s*\|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.values(VeeErrorCode).sort());
  });

  it('lists every alarm kind', () => {
    for (const rule of ALARM_RULES) expect(doc).toContain(`\`${rule.kind}\``);
  });

  it('shows each threshold’s default and each class override', () => {
    for (const [name, value] of Object.entries(DEFAULT_THRESHOLDS)) {
      const row = doc.split('\n').find((l) => new RegExp(`^\\|\\s*\`${name}\``).test(l));
      expect(row, name).toBeDefined();
      const cells = row!
        .split('|')
        .slice(2, 6)
        .map((c) => Number(c.trim().split(' ')[0]!.replaceAll(',', '')));
      const classes = ['residential', 'commercial', 'industrial', 'bulk'];
      expect(cells, name).toEqual(
        classes.map((c) => (DEFAULT_CLASS_OVERRIDES[c] as Record<string, number>)[name] ?? value),
      );
    }
  });

  it('shows the DN table’s Q3 values', () => {
    const q3Row = doc.split('\n').find((l) => /^\|\s*Q3 \(m³\/h\)/.test(l))!;
    expect(
      q3Row
        .split('|')
        .slice(2, -1)
        .map((c) => Number(c.trim()) * 1_000),
    ).toEqual(TYPICAL_Q3_LPH_BY_DN.map(([, q3]) => q3));
  });
});
